import Foundation

/// A queue of traces, observations or sessions for people to score with the queue's score configs.
public struct AnnotationQueue: Sendable, Hashable, Codable {
    public var id: String
    public var projectID: String
    public var name: String
    public var description: String?
    /// The score configs annotators fill in.
    public var scoreConfigIDs: [String]
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a queue.
    public init(id: String, projectID: String, name: String, scoreConfigIDs: [String], createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.scoreConfigIDs = scoreConfigIDs
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// One object waiting in (or done with) an annotation queue.
public struct AnnotationQueueItem: Sendable, Hashable, Codable {
    /// What an item points at.
    public struct ObjectType: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        /// Creates an object type from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let trace = ObjectType(rawValue: "TRACE")
        public static let observation = ObjectType(rawValue: "OBSERVATION")
        public static let session = ObjectType(rawValue: "SESSION")
        /// Every object type.
        public static let all: [ObjectType] = [.trace, .observation, .session]
    }

    /// Where an item is in its queue.
    public struct Status: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        /// Creates a status from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let pending = Status(rawValue: "PENDING")
        public static let completed = Status(rawValue: "COMPLETED")
        /// Every status.
        public static let all: [Status] = [.pending, .completed]
    }

    public var id: String
    public var projectID: String
    public var queueID: String
    public var objectID: String
    public var objectType: ObjectType
    public var status: Status
    /// Set when the item became COMPLETED.
    public var completedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a pending item.
    public init(id: String, projectID: String, queueID: String, objectID: String, objectType: ObjectType, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.queueID = queueID
        self.objectID = objectID
        self.objectType = objectType
        self.status = .pending
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
