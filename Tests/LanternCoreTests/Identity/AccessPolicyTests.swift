import Testing
@testable import LanternCore
import LanternPluginSDK

/// The role table as data: every permission has a least role, roles are ordered, and the table says what
/// Langfuse's RBAC says for the cases people rely on.
@Suite("Access policy")
struct AccessPolicyTests {
    @Test func everyPermissionHasALeastRoleAboveNone() {
        for permission in Permission.allCases {
            let least = AccessPolicy.minimumRole[permission]
            #expect(least != nil && least != Role.none, "\(permission) needs a least role")
        }
    }

    /// Walks every role × every permission: allowed exactly when the role is at least the permission's least role.
    @Test func everyRoleAndPermission() throws {
        for permission in Permission.allCases {
            let least = try #require(AccessPolicy.minimumRole[permission])
            for role in Role.allCases {
                #expect(AccessPolicy.allows(role, permission) == (role != .none && role >= least), "\(role) × \(permission)")
                let refused = (try? AccessPolicy.check(permission, role: role, actor: "test")) == nil
                #expect(refused == !AccessPolicy.allows(role, permission), "check agrees with allows: \(role) × \(permission)")
            }
        }
    }

    @Test func langfuseRolesInPlainWords() {
        #expect(AccessPolicy.allows(.viewer, .projectRead))
        #expect(!AccessPolicy.allows(.viewer, .promptsWrite))
        #expect(!AccessPolicy.allows(.viewer, .scoresWrite))
        #expect(AccessPolicy.allows(.member, .promptsWrite))
        #expect(AccessPolicy.allows(.member, .tracesDelete))
        #expect(!AccessPolicy.allows(.member, .apiKeysWrite))
        #expect(!AccessPolicy.allows(.member, .organizationMembersWrite))
        #expect(AccessPolicy.allows(.admin, .apiKeysWrite))
        #expect(AccessPolicy.allows(.admin, .organizationMembersWrite))
        #expect(!AccessPolicy.allows(.admin, .projectDelete))
        #expect(AccessPolicy.allows(.owner, .projectDelete))
        #expect(!AccessPolicy.allows(.none, .projectRead))
    }

    @Test func refusalNamesThePermissionAndTheRoleItNeeds() {
        do {
            try AccessPolicy.check(.promptsWrite, role: .viewer, actor: "user:v@example.com")
            Issue.record("a viewer may not write prompts")
        } catch let error as APIError {
            #expect(error.status == .forbidden)
            #expect(error.message.contains("prompts:CUD") && error.message.contains("MEMBER") && error.message.contains("VIEWER"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
