/// Migration 14: the hourly cap counts a rule's executions started in the last hour on every job; this index keeps
/// that count to the started rows of the hour instead of every row the rule ever logged.
enum SchemaV14 {
    static let sql = """
        CREATE INDEX evaluation_executions_started ON evaluation_executions (project_id, rule_id, started_at) WHERE started_at IS NOT NULL;
        """
}
