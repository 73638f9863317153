/// Migration 12: an API key may expire (Langfuse's `expiresAt`); NULL never does.
enum SchemaV12 {
    static let sql = "ALTER TABLE api_keys ADD COLUMN expires_at REAL;"
}
