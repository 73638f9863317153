import Foundation

/// One version of a named prompt.
public struct Prompt: Sendable, Hashable, Codable {
    /// Whether the prompt is a text or a list of chat messages; fixed per name.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let text = Kind(rawValue: "text")
        public static let chat = Kind(rawValue: "chat")
    }

    public var id: String
    public var projectID: String
    /// Name, folders separated by `/`.
    public var name: String
    /// Numbered per name from 1.
    public var version: Int
    public var kind: Kind
    /// A string for text prompts, an array of messages for chat prompts.
    public var prompt: JSONValue
    public var config: JSONValue
    /// Unique per name: a label names at most one version.
    public var labels: [String]
    /// Shared by every version of a name.
    public var tags: [String]
    public var commitMessage: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a prompt version.
    public init(id: String, projectID: String, name: String, version: Int, kind: Kind, prompt: JSONValue, config: JSONValue = .object([:]),
                labels: [String] = [], tags: [String] = [], commitMessage: String? = nil, createdBy: String = "API", createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.version = version
        self.kind = kind
        self.prompt = prompt
        self.config = config
        self.labels = labels
        self.tags = tags
        self.commitMessage = commitMessage
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
