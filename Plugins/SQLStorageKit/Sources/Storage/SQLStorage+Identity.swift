import LanternPluginSDK

/// Organizations, users and memberships (``IdentityStore``); the kernel checks who may ask before calling these.
extension SQLStorage {
    /// Inserts the organization or renames the one with the same id.
    public func upsertOrganization(_ organization: Organization) async throws {
        try await upsert(organization, in: OrganizationTable.self)
    }

    /// The organization with this id, or nil.
    public func organization(id: String) async throws -> Organization? {
        try await rows(OrganizationTable.self, where: "id = ?", [.text(id)]).first
    }

    /// The organization's projects, ordered by name.
    public func projects(organizationID: String) async throws -> [Project] {
        try await rows(ProjectTable.self, where: "organization_id = ?", [.text(organizationID)], orderBy: "name, id")
    }

    /// Inserts the user or updates the one with the same id (keeping its `createdAt`); an email used by another user
    /// throws ``StorageError/conflict(_:)``.
    public func upsertUser(_ user: User) async throws {
        do {
            try await upsert(user, in: UserTable.self)
        } catch StorageError.conflict(_) {
            // The id is the conflict target, so the only constraint left to violate is the unique email.
            throw StorageError.conflict("a user with email '\(user.email)' already exists")
        }
    }

    /// The user with this id, or nil.
    public func user(id: String) async throws -> User? {
        try await rows(UserTable.self, where: "id = ?", [.text(id)]).first
    }

    /// The user with this email (the kernel lowercases it, as it stores it), or nil.
    public func user(email: String) async throws -> User? {
        try await rows(UserTable.self, where: "email = ?", [.text(email)]).first
    }

    /// Inserts or replaces the user's role in the organization (keeping the membership's `createdAt`).
    public func upsertOrganizationMembership(_ membership: OrganizationMembership) async throws {
        try await upsert(membership, in: OrganizationMembershipTable.self)
    }

    /// Removes the user from the organization and from every project of it; false when they were no member.
    public func deleteOrganizationMembership(organizationID: String, userID: String) async throws -> Bool {
        try await write { fetcher in
            let connection = fetcher.connection
            return try connection.atomically {
                // A project role only refines the organization role: without the membership it must not grant access.
                try connection.run("""
                    DELETE FROM project_memberships WHERE user_id = ? AND project_id IN (SELECT id FROM projects WHERE organization_id = ?)
                    """, [.text(userID), .text(organizationID)])
                return try connection.run(OrganizationMembershipTable.deleteByKey, [.text(organizationID), .text(userID)]) > 0
            }
        }
    }

    /// The organization's members, ordered by user id.
    public func organizationMemberships(organizationID: String) async throws -> [OrganizationMembership] {
        try await rows(OrganizationMembershipTable.self, where: "organization_id = ?", [.text(organizationID)], orderBy: "user_id")
    }

    /// Every organization the user belongs to, ordered by organization id.
    public func organizationMemberships(userID: String) async throws -> [OrganizationMembership] {
        try await rows(OrganizationMembershipTable.self, where: "user_id = ?", [.text(userID)], orderBy: "organization_id")
    }

    /// Inserts or replaces the user's role in the project (keeping the membership's `createdAt`).
    public func upsertProjectMembership(_ membership: ProjectMembership) async throws {
        try await upsert(membership, in: ProjectMembershipTable.self)
    }

    /// Removes the user's project role; false when there was none.
    public func deleteProjectMembership(projectID: String, userID: String) async throws -> Bool {
        try await change(ProjectMembershipTable.deleteByKey, [.text(projectID), .text(userID)]) > 0
    }

    /// The project's role overrides, ordered by user id.
    public func projectMemberships(projectID: String) async throws -> [ProjectMembership] {
        try await rows(ProjectMembershipTable.self, where: "project_id = ?", [.text(projectID)], orderBy: "user_id")
    }

    /// The user's project role overrides, ordered by project id.
    public func projectMemberships(userID: String) async throws -> [ProjectMembership] {
        try await rows(ProjectMembershipTable.self, where: "user_id = ?", [.text(userID)], orderBy: "project_id")
    }
}
