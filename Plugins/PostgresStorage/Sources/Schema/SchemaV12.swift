/// Migration 12: organizations, users, their memberships and sign-in sessions. Projects belong to an organization and
/// gain retention days and `updated_at`; API keys gain their organization, a note and the time they were last used,
/// and may have no project (an organization key). Same conventions as ``SchemaV1``.
///
/// Existing projects and keys belong to the default organization `lantern`, created here, so they keep working;
/// `updated_at` of an existing project is its `created_at`. The organization's creation time is the migration's
/// (the server's clock as seconds since 2001-01-01, 978,307,200 s after the Unix epoch).
enum SchemaV12 {
    static let sql = #"""
        CREATE TABLE organizations (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        );
        INSERT INTO organizations (id, name, created_at)
            VALUES ('lantern', 'Lantern', EXTRACT(EPOCH FROM now())::double precision - 978307200);

        CREATE TABLE users (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            email TEXT COLLATE "C" NOT NULL UNIQUE,
            name TEXT COLLATE "C" NOT NULL,
            password_hash TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL
        );

        CREATE TABLE organization_memberships (
            organization_id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            role TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (organization_id, user_id)
        );
        CREATE INDEX organization_memberships_by_user ON organization_memberships (user_id);

        CREATE TABLE project_memberships (
            project_id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            role TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, user_id)
        );
        CREATE INDEX project_memberships_by_user ON project_memberships (user_id);

        CREATE TABLE sign_in_sessions (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            user_id TEXT COLLATE "C" NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            last_seen_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX sign_in_sessions_by_user ON sign_in_sessions (user_id);

        ALTER TABLE projects
            ADD COLUMN organization_id TEXT COLLATE "C" NOT NULL DEFAULT 'lantern',
            ADD COLUMN retention_days INTEGER,
            ADD COLUMN updated_at DOUBLE PRECISION;
        UPDATE projects SET updated_at = created_at;
        ALTER TABLE projects ALTER COLUMN updated_at SET NOT NULL;
        CREATE INDEX projects_by_organization ON projects (organization_id, name);

        ALTER TABLE api_keys
            ALTER COLUMN project_id DROP NOT NULL,
            ADD COLUMN organization_id TEXT COLLATE "C" NOT NULL DEFAULT 'lantern',
            ADD COLUMN note TEXT,
            ADD COLUMN last_used_at DOUBLE PRECISION;
        CREATE INDEX api_keys_by_organization ON api_keys (organization_id);
        """#
}
