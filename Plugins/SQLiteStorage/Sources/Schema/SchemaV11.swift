/// Migration 11: organizations, users, their memberships and sign-in sessions. Projects belong to an organization and
/// gain retention days and `updated_at`; API keys gain their organization, a note and the time they were last used,
/// and may have no project (an organization key).
///
/// SQLite's `ALTER TABLE` can neither drop a NOT NULL nor add a NOT NULL column without a constant default, so
/// `projects` and `api_keys` are rebuilt: created anew, copied, the old table dropped (with its indexes), the new one
/// renamed and its indexes created again. Existing projects and keys belong to the default organization `lantern`,
/// created here, so they keep working; `updated_at` of an existing project is its `created_at`. Its creation time is
/// the migration's (SQLite's clock, as seconds since 2001-01-01, Julian day 2451910.5).
enum SchemaV11 {
    static let sql = """
        CREATE TABLE organizations (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        INSERT INTO organizations (id, name, created_at) VALUES ('lantern', 'Lantern', (julianday('now') - 2451910.5) * 86400.0);

        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            password_hash TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );

        CREATE TABLE organization_memberships (
            organization_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (organization_id, user_id)
        );
        CREATE INDEX organization_memberships_by_user ON organization_memberships (user_id);

        CREATE TABLE project_memberships (
            project_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, user_id)
        );
        CREATE INDEX project_memberships_by_user ON project_memberships (user_id);

        CREATE TABLE sign_in_sessions (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        CREATE INDEX sign_in_sessions_by_user ON sign_in_sessions (user_id);

        CREATE TABLE projects_v11 (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            metadata TEXT NOT NULL,
            created_at REAL NOT NULL,
            organization_id TEXT NOT NULL DEFAULT 'lantern',
            retention_days INTEGER,
            updated_at REAL NOT NULL
        );
        INSERT INTO projects_v11 (id, name, metadata, created_at, updated_at) SELECT id, name, metadata, created_at, created_at FROM projects;
        DROP TABLE projects;
        ALTER TABLE projects_v11 RENAME TO projects;
        CREATE INDEX projects_by_organization ON projects (organization_id, name);

        CREATE TABLE api_keys_v11 (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT,
            public_key TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            display_secret TEXT NOT NULL,
            created_at REAL NOT NULL,
            organization_id TEXT NOT NULL DEFAULT 'lantern',
            note TEXT,
            last_used_at REAL
        );
        INSERT INTO api_keys_v11 (id, project_id, public_key, secret_hash, display_secret, created_at)
            SELECT id, project_id, public_key, secret_hash, display_secret, created_at FROM api_keys;
        DROP TABLE api_keys;
        ALTER TABLE api_keys_v11 RENAME TO api_keys;
        CREATE INDEX api_keys_by_project ON api_keys (project_id);
        CREATE INDEX api_keys_by_organization ON api_keys (organization_id);
        """
}
