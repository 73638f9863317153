/// The sessions table and the session replay.
enum SessionTemplates {
    static let list = #"""
    {{#empty}}<p class="empty">No sessions yet. Traces with a <code>sessionId</code> make one.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <thead><tr><th scope="col">Session</th><th scope="col">Created</th><th scope="col">Environment</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td class="nowrap">{{createdAt}}</td><td>{{environment}}</td></tr>
      {{/rows}}</tbody>
    </table></div>
    {{/empty}}
    {{> pager}}
    """#

    static let detail = #"""
    <p class="meta">{{traceCount}} traces</p>
    <ol class="replay">
    {{#traces}}<li class="turn">
      <p class="turn-header"><a href="{{href}}">{{name}}</a> <span class="muted">{{timestamp}}</span> {{#latency}}<span class="badge outline">{{latency}}</span>{{/latency}} {{#cost}}<span class="badge outline">{{cost}}</span>{{/cost}}</p>
      <div class="turn-io"><h3>Input</h3>{{#input}}{{> payload}}{{/input}}<h3>Output</h3>{{#output}}{{> payload}}{{/output}}</div>
      {{#hasScores}}<p class="scores">{{#scores}}<span class="badge outline">{{name}} {{value}}</span> {{/scores}}</p>{{/hasScores}}
    </li>
    {{/traces}}
    </ol>
    """#
}

/// The users table.
enum UserTemplates {
    static let list = #"""
    <form class="filters" method="get" aria-label="Time range">
      {{> range}}
      <button type="submit">Apply</button>
    </form>
    {{#empty}}<p class="empty">No traces in this time range name a user. Set <code>userId</code> on traces to see people here.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <thead><tr><th scope="col">User ID</th><th scope="col">Traces</th><th scope="col">Total Tokens</th><th scope="col">Total Cost</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td class="num">{{traces}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td></tr>
      {{/rows}}</tbody>
    </table></div>
    {{/empty}}
    """#
}
