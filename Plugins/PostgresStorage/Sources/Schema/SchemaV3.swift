/// Migration 3: the generations of one prompt version, newest first (`GET /api/public/v2/prompts/{name}/versions/{v}/generations`).
enum SchemaV3 {
    static let sql = """
        CREATE INDEX observations_by_prompt ON observations (project_id, prompt_name, prompt_version, start_time DESC)
            WHERE prompt_name IS NOT NULL;
        """
}
