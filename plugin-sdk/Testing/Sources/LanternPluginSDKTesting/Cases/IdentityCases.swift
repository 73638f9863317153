import Foundation
import LanternPluginSDK

/// IdentityStore: organizations, users, memberships, key listing and sign-in sessions. Every id and email is fresh,
/// so the cases keep apart in a shared database.
enum IdentityCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("organizations: the default one exists, upsert renames, projects listed by organization") { c in
            c.expect(try await c.storage.organization(id: Organization.defaultID) != nil, "the default organization exists after migrate()")
            let organization = Organization(id: "org-" + CaseContext.freshID(), name: "Acme", createdAt: c.at(0))
            try await c.storage.upsertOrganization(organization)
            c.expectEqual(try await c.storage.organization(id: organization.id), organization, "organization(id:)")
            var renamed = organization
            renamed.name = "Acme Inc."
            renamed.createdAt = c.at(50)
            try await c.storage.upsertOrganization(renamed)
            let read = try await c.storage.organization(id: organization.id)
            c.expectEqual(read?.name, "Acme Inc.", "name after a second upsert")
            c.expectEqual(read?.createdAt, c.at(0), "an upsert renames, keeping createdAt")
            c.expect(try await c.storage.organization(id: "org-" + CaseContext.freshID()) == nil, "an unknown organization is nil")

            let kept = Project(id: c.projectID, name: "b-\(c.projectID)", metadata: ["k": "v"], createdAt: c.at(0),
                               organizationID: organization.id, retentionDays: 30, updatedAt: c.at(5))
            let first = Project(id: c.otherProjectID, name: "a-\(c.otherProjectID)", createdAt: c.at(1), organizationID: organization.id)
            try await c.storage.upsertProject(kept)
            try await c.storage.upsertProject(first)
            c.expectEqual(try await c.storage.project(id: c.projectID), kept, "organizationID, retentionDays and updatedAt read back")
            c.expectEqual(try await c.storage.projects(organizationID: organization.id).map(\.id), [c.otherProjectID, c.projectID],
                          "the organization's projects, ordered by name")
            var moved = first
            moved.organizationID = Organization.defaultID
            moved.retentionDays = 7
            moved.updatedAt = c.at(9)
            try await c.storage.upsertProject(moved)
            c.expectEqual(try await c.storage.project(id: c.otherProjectID), moved, "an upsert changes organization, retention and updatedAt")
            c.expectEqual(try await c.storage.projects(organizationID: organization.id), [kept], "a moved project leaves the organization")
            c.expect(try await c.storage.projects(organizationID: Organization.defaultID).contains { $0.id == c.otherProjectID },
                     "and joins the other")
            let unassigned = "unassigned-" + CaseContext.freshID()
            try await c.storage.upsertProject(Project(id: unassigned, name: unassigned, createdAt: c.at(2)))
            c.expectEqual(try await c.storage.project(id: unassigned)?.organizationID, Organization.defaultID,
                          "a project made without an organization belongs to the default one")
        },
        ConformanceCase("users: upsert by id, unique email, lookup by id and email") { c in
            let id = "user-" + CaseContext.freshID(), email = "\(CaseContext.freshID())@example.com"
            let user = User(id: id, email: email, name: "Ann", passwordHash: "$2b$12$hash", createdAt: c.at(0), updatedAt: c.at(0))
            try await c.storage.upsertUser(user)
            c.expectEqual(try await c.storage.user(id: id), user, "user(id:)")
            c.expectEqual(try await c.storage.user(email: email), user, "user(email:)")
            var updated = user
            updated.name = "Ann B."
            updated.passwordHash = nil
            updated.updatedAt = c.at(10)
            try await c.storage.upsertUser(updated)
            c.expectEqual(try await c.storage.user(id: id), updated, "name, passwordHash and updatedAt after a second upsert")

            let rival = User(id: "user-" + CaseContext.freshID(), email: email, name: "Bob", passwordHash: nil, createdAt: c.at(1), updatedAt: c.at(1))
            do {
                try await c.storage.upsertUser(rival)
                c.record("a second user with the same email was stored")
            } catch StorageError.conflict(let message) {
                c.expect(message.contains(email), "the conflict names the email: \(message)")
            }
            c.expect(try await c.storage.user(id: rival.id) == nil, "the rejected user was not stored")
            c.expectEqual(try await c.storage.user(email: email)?.id, id, "the email still finds the first user")

            var renamed = updated
            renamed.email = "\(CaseContext.freshID())@example.com"
            try await c.storage.upsertUser(renamed)
            c.expect(try await c.storage.user(email: email) == nil, "the old email no longer finds the user")
            c.expectEqual(try await c.storage.user(email: renamed.email)?.id, id, "the new email does")
            try await c.storage.upsertUser(rival)
            c.expectEqual(try await c.storage.user(email: email)?.id, rival.id, "a freed email can be taken")
            c.expect(try await c.storage.user(id: "user-" + CaseContext.freshID()) == nil, "an unknown id is nil")
        },
        ConformanceCase("organization memberships: replaced, listed, deleted with the user's roles in its projects") { c in
            let suffix = CaseContext.freshID()
            let orgA = "org-a-\(suffix)", orgB = "org-b-\(suffix)", ann = "user-a-\(suffix)", bob = "user-b-\(suffix)"
            try await c.storage.upsertProject(Project(id: c.projectID, name: c.projectID, createdAt: c.at(0), organizationID: orgA))
            try await c.storage.upsertProject(Project(id: c.otherProjectID, name: c.otherProjectID, createdAt: c.at(0), organizationID: orgB))
            func membership(_ organization: String, _ user: String, _ role: Role, at seconds: Double) -> OrganizationMembership {
                OrganizationMembership(organizationID: organization, userID: user, role: role, createdAt: c.at(seconds), updatedAt: c.at(seconds))
            }
            try await c.storage.upsertOrganizationMembership(membership(orgA, bob, .member, at: 1))
            try await c.storage.upsertOrganizationMembership(membership(orgA, ann, .viewer, at: 2))
            try await c.storage.upsertOrganizationMembership(membership(orgB, ann, .admin, at: 3))
            c.expectEqual(try await c.storage.organizationMemberships(organizationID: orgA),
                          [membership(orgA, ann, .viewer, at: 2), membership(orgA, bob, .member, at: 1)], "members ordered by user id")
            var promoted = membership(orgA, ann, .owner, at: 2)
            promoted.updatedAt = c.at(20)
            try await c.storage.upsertOrganizationMembership(promoted)
            c.expectEqual(try await c.storage.organizationMemberships(organizationID: orgA).map(\.role), [.owner, .member], "the role replaced")
            c.expectEqual(try await c.storage.organizationMemberships(userID: ann), [promoted, membership(orgB, ann, .admin, at: 3)],
                          "the user's organizations, ordered by organization id")

            for project in [c.projectID, c.otherProjectID] {
                try await c.storage.upsertProjectMembership(ProjectMembership(projectID: project, userID: ann, role: .viewer,
                                                                              createdAt: c.at(4), updatedAt: c.at(4)))
            }
            try await c.storage.upsertProjectMembership(ProjectMembership(projectID: c.projectID, userID: bob, role: .admin,
                                                                          createdAt: c.at(4), updatedAt: c.at(4)))
            c.expectEqual(try await c.storage.deleteOrganizationMembership(organizationID: orgA, userID: ann), true, "remove a member")
            c.expectEqual(try await c.storage.deleteOrganizationMembership(organizationID: orgA, userID: ann), false, "remove them again")
            c.expectEqual(try await c.storage.organizationMemberships(organizationID: orgA).map(\.userID), [bob], "the other member stays")
            c.expectEqual(try await c.storage.organizationMemberships(userID: ann).map(\.organizationID), [orgB], "their other organization stays")
            c.expectEqual(try await c.storage.projectMemberships(userID: ann).map(\.projectID), [c.otherProjectID],
                          "their role in the organization's project went with them; another organization's stays")
            c.expectEqual(try await c.storage.projectMemberships(projectID: c.projectID).map(\.userID), [bob], "another member's project role stays")
        },
        ConformanceCase("project memberships: replaced, listed by project and by user, deleted") { c in
            let suffix = CaseContext.freshID()
            let ann = "user-a-\(suffix)", bob = "user-b-\(suffix)"
            let projects = [c.projectID, c.otherProjectID].sorted()
            func membership(_ project: String, _ user: String, _ role: Role) -> ProjectMembership {
                ProjectMembership(projectID: project, userID: user, role: role, createdAt: c.at(1), updatedAt: c.at(1))
            }
            try await c.storage.upsertProjectMembership(membership(projects[0], bob, .member))
            try await c.storage.upsertProjectMembership(membership(projects[0], ann, .viewer))
            try await c.storage.upsertProjectMembership(membership(projects[1], ann, .admin))
            c.expectEqual(try await c.storage.projectMemberships(projectID: projects[0]),
                          [membership(projects[0], ann, .viewer), membership(projects[0], bob, .member)], "the project's roles, ordered by user id")
            var replaced = membership(projects[0], ann, .none)
            replaced.updatedAt = c.at(5)
            try await c.storage.upsertProjectMembership(replaced)
            c.expectEqual(try await c.storage.projectMemberships(userID: ann), [replaced, membership(projects[1], ann, .admin)],
                          "the user's roles, ordered by project id, the replaced one included")
            c.expectEqual(try await c.storage.deleteProjectMembership(projectID: projects[0], userID: ann), true, "delete a role")
            c.expectEqual(try await c.storage.deleteProjectMembership(projectID: projects[0], userID: ann), false, "delete it again")
            c.expectEqual(try await c.storage.projectMemberships(projectID: projects[0]).map(\.userID), [bob], "the other user's role stays")
            c.expectEqual(try await c.storage.projectMemberships(userID: ann).map(\.projectID), [projects[1]], "the user's other role stays")
        },
        ConformanceCase("api keys: project and organization keys listed apart; deleted; last use recorded") { c in
            let organization = "org-" + CaseContext.freshID()
            try await c.storage.upsertProject(Project(id: c.projectID, name: c.projectID, createdAt: c.at(0), organizationID: organization))
            func key(project: String?, at seconds: Double, note: String? = nil) -> APIKey {
                APIKey(id: "key-" + CaseContext.freshID(), projectID: project, organizationID: organization, publicKey: "pk-lf-" + CaseContext.freshID(),
                       secretHash: "hash", displaySecret: "sk-lf-...abcd", createdAt: c.at(seconds), note: note)
            }
            let newer = key(project: c.projectID, at: 2, note: "ci"), older = key(project: c.projectID, at: 1)
            let organizationKey = key(project: nil, at: 3, note: "admin")
            let elsewhere = key(project: c.otherProjectID, at: 0)
            for stored in [newer, older, organizationKey, elsewhere] { try await c.storage.upsertAPIKey(stored) }
            c.expectEqual(try await c.storage.apiKeys(projectID: c.projectID), [older, newer], "the project's keys, oldest first")
            c.expectEqual(try await c.storage.organizationAPIKeys(organizationID: organization), [organizationKey],
                          "the organization's own keys: not its projects' keys")
            c.expectEqual(try await c.storage.apiKey(publicKey: organizationKey.publicKey), organizationKey, "an organization key reads back, projectID nil")
            c.expectEqual(try await c.storage.organizationAPIKeys(organizationID: "org-" + CaseContext.freshID()), [], "another organization has none")

            try await c.storage.touchAPIKey(id: newer.id, at: c.at(60))
            c.expectEqual(try await c.storage.apiKey(publicKey: newer.publicKey)?.lastUsedAt, c.at(60), "touchAPIKey sets lastUsedAt")
            c.expect(try await c.storage.apiKey(publicKey: older.publicKey)?.lastUsedAt == nil, "another key is not touched")
            try await c.storage.touchAPIKey(id: "key-" + CaseContext.freshID(), at: c.at(60))

            c.expectEqual(try await c.storage.deleteAPIKey(id: newer.id), true, "delete a key")
            c.expect(try await c.storage.apiKey(publicKey: newer.publicKey) == nil, "a deleted key is not found")
            c.expectEqual(try await c.storage.deleteAPIKey(id: newer.id), false, "delete it again")
            c.expectEqual(try await c.storage.apiKeys(projectID: c.projectID), [older], "the other key stays")
            c.expectEqual(try await c.storage.deleteAPIKey(id: organizationKey.id), true, "delete the organization key")
            c.expectEqual(try await c.storage.organizationAPIKeys(organizationID: organization), [], "no organization key left")
        },
        ConformanceCase("sign-in sessions: stored, touched, deleted one at a time and all of a user") { c in
            let ann = "user-" + CaseContext.freshID(), bob = "user-" + CaseContext.freshID()
            func session(_ user: String) -> SignInSession {
                SignInSession(id: CaseContext.freshID(), userID: user, csrfToken: CaseContext.freshID(), createdAt: c.at(0),
                              lastSeenAt: c.at(0), expiresAt: c.at(86_400))
            }
            let first = session(ann), second = session(ann), other = session(bob)
            for stored in [first, second, other] { try await c.storage.insertSession(stored) }
            c.expectEqual(try await c.storage.session(id: first.id), first, "session(id:)")
            try await c.storage.touchSession(id: first.id, at: c.at(30))
            var touched = first
            touched.lastSeenAt = c.at(30)
            c.expectEqual(try await c.storage.session(id: first.id), touched, "touchSession sets lastSeenAt only")
            c.expectEqual(try await c.storage.session(id: second.id)?.lastSeenAt, c.at(0), "another session is not touched")
            try await c.storage.touchSession(id: CaseContext.freshID(), at: c.at(30))

            c.expectEqual(try await c.storage.deleteSession(id: first.id), true, "delete a session")
            c.expect(try await c.storage.session(id: first.id) == nil, "a deleted session is not found")
            c.expectEqual(try await c.storage.deleteSession(id: first.id), false, "delete it again")
            c.expectEqual(try await c.storage.deleteSessions(userID: ann), 1, "deleteSessions counts the user's remaining session")
            c.expect(try await c.storage.session(id: second.id) == nil, "the user's other session is gone")
            c.expectEqual(try await c.storage.session(id: other.id), other, "another user's session stays")
            c.expectEqual(try await c.storage.deleteSessions(userID: ann), 0, "none left to delete")
        },
    ]
}
