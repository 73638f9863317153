import Foundation

/// A named collection of test cases.
public struct Dataset: Sendable, Hashable, Codable {
    public var id: String
    public var projectID: String
    public var name: String
    public var description: String?
    public var metadata: JSONValue?
    public var inputSchema: JSONValue?
    public var expectedOutputSchema: JSONValue?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a dataset.
    public init(id: String, projectID: String, name: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// One test case of a dataset.
public struct DatasetItem: Sendable, Hashable, Codable {
    /// `ACTIVE` or `ARCHIVED`.
    public struct Status: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let active = Status(rawValue: "ACTIVE")
        public static let archived = Status(rawValue: "ARCHIVED")
    }

    public var id: String
    public var projectID: String
    public var datasetID: String
    public var input: JSONValue?
    public var expectedOutput: JSONValue?
    public var metadata: JSONValue?
    public var sourceTraceID: String?
    public var sourceObservationID: String?
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an item.
    public init(id: String, projectID: String, datasetID: String, status: Status = .active, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.datasetID = datasetID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// One run of an application over a dataset (an experiment), with its run items linking items to traces.
public struct DatasetRun: Sendable, Hashable, Codable {
    public var id: String
    public var projectID: String
    public var datasetID: String
    /// Unique per dataset.
    public var name: String
    public var description: String?
    public var metadata: JSONValue?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a run.
    public init(id: String, projectID: String, datasetID: String, name: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.datasetID = datasetID
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// Links one dataset item to the trace (and optionally observation) a run produced for it.
public struct DatasetRunItem: Sendable, Hashable, Codable {
    public var id: String
    public var projectID: String
    public var datasetRunID: String
    public var datasetItemID: String
    public var traceID: String
    public var observationID: String?
    public var createdAt: Date

    /// Creates a run item.
    public init(id: String, projectID: String, datasetRunID: String, datasetItemID: String, traceID: String, observationID: String? = nil, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.datasetRunID = datasetRunID
        self.datasetItemID = datasetItemID
        self.traceID = traceID
        self.observationID = observationID
        self.createdAt = createdAt
    }
}

/// Which dataset items to list.
public struct DatasetItemQuery: Sendable, Hashable {
    /// Items of this dataset only; every dataset when nil.
    public var datasetID: String?
    /// Items created from this trace only.
    public var sourceTraceID: String?
    /// Items created from this observation only.
    public var sourceObservationID: String?
    /// The items as they were at this time (including ones changed or deleted later); the current items when nil.
    public var asOf: Date?

    /// Creates a query.
    public init(datasetID: String? = nil, sourceTraceID: String? = nil, sourceObservationID: String? = nil, asOf: Date? = nil) {
        self.datasetID = datasetID
        self.sourceTraceID = sourceTraceID
        self.sourceObservationID = sourceObservationID
        self.asOf = asOf
    }
}
