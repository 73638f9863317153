import Foundation
import LanternPluginSDK

/// CommentStore: save, replace by id keeping `createdAt`, lookup, filtered newest-first pages.
enum CommentCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("comments: saved, replaced by id, listed by object and author, newest first", needs: .comments) { c in
            let store = try c.require(c.storage as? any CommentStore, "the storage conforms to CommentStore")
            var first = Comment(id: "c1", projectID: c.projectID, objectType: .trace, objectID: "t1", content: "**looks** right ✓", createdAt: c.at(1))
            first.authorUserID = "ann"
            let second = Comment(id: "c2", projectID: c.projectID, objectType: .trace, objectID: "t1", content: "second", createdAt: c.at(2))
            let other = Comment(id: "c3", projectID: c.projectID, objectType: .session, objectID: "s1", content: "session note", createdAt: c.at(3))
            c.expectEqual(try await store.saveComment(first), first, "saved comment")
            _ = try await store.saveComment(second)
            _ = try await store.saveComment(other)
            c.expectEqual(try await store.comment(projectID: c.projectID, id: "c1"), first, "comment read back")
            var edited = first
            edited.content = "edited"
            edited.createdAt = c.at(50)
            edited.updatedAt = c.at(51)
            c.expectEqual(try await store.saveComment(edited).createdAt, c.at(1), "createdAt kept by a replace")
            c.expectEqual(try await store.comment(projectID: c.projectID, id: "c1")?.content, "edited", "content replaced")
            func ids(_ configure: (inout CommentQuery) -> Void) async throws -> [String] {
                var query = CommentQuery()
                configure(&query)
                return try await store.comments(projectID: c.projectID, query: query).items.map(\.id)
            }
            c.expectEqual(try await ids { _ in }, ["c3", "c2", "c1"], "newest first")
            c.expectEqual(try await ids { $0.objectType = .trace; $0.objectID = "t1" }, ["c2", "c1"], "by object")
            c.expectEqual(try await ids { $0.authorUserID = "ann" }, ["c1"], "by author")
            c.expectEqual(try await store.comments(projectID: c.otherProjectID, query: CommentQuery()).totalItems, 0, "another project sees none")
        },
    ]
}
