import Foundation

/// A comment on a trace, observation, session or prompt.
public struct Comment: Sendable, Hashable, Codable {
    /// What a comment is attached to.
    public struct ObjectType: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        /// Creates an object type from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let trace = ObjectType(rawValue: "TRACE")
        public static let observation = ObjectType(rawValue: "OBSERVATION")
        public static let session = ObjectType(rawValue: "SESSION")
        public static let prompt = ObjectType(rawValue: "PROMPT")
        /// Every object type.
        public static let all: [ObjectType] = [.trace, .observation, .session, .prompt]
    }

    public var id: String
    public var projectID: String
    public var objectType: ObjectType
    /// The id of the trace, observation, session or prompt version.
    public var objectID: String
    /// Markdown text.
    public var content: String
    public var authorUserID: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a comment.
    public init(id: String, projectID: String, objectType: ObjectType, objectID: String, content: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.objectType = objectType
        self.objectID = objectID
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// Filters of a comment list (`GET /api/public/comments`), newest first.
public struct CommentQuery: Sendable, Hashable {
    public var objectType: Comment.ObjectType?
    public var objectID: String?
    public var authorUserID: String?
    public var page = PageRequest()

    /// Creates an unfiltered query.
    public init() {}
}
