/// Migration 13: an API key may expire (Langfuse's `expiresAt`); NULL never does.
enum SchemaV13 {
    static let sql = "ALTER TABLE api_keys ADD COLUMN expires_at DOUBLE PRECISION;"
}
