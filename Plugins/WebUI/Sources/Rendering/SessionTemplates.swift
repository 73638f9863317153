/// The sessions table and the session replay.
enum SessionTemplates {
    static let list = #"""
    {{#empty}}<p class="empty">No sessions yet. Traces with a <code>sessionId</code> make one.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <thead><tr><th scope="col">Session</th><th scope="col">Created</th><th scope="col">Duration</th><th scope="col">Environment</th><th scope="col">User IDs</th><th scope="col">Traces</th><th scope="col">Total Cost</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td class="nowrap">{{createdAt}}</td><td class="num">{{duration}}</td><td>{{environment}}</td><td>{{#users}}<a href="{{href}}">{{id}}</a> {{/users}}</td><td class="num">{{traces}}</td><td class="num">{{cost}}</td></tr>
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
      <thead><tr><th scope="col">User ID</th><th scope="col">Traces</th><th scope="col">Total Tokens</th><th scope="col">Total Cost</th><th scope="col">First Event</th><th scope="col">Last Event</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td class="num">{{traces}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td><td class="nowrap">{{first}}</td><td class="nowrap">{{last}}</td></tr>
      {{/rows}}</tbody>
    </table></div>
    {{/empty}}
    """#

    /// One person: figures, cost per day, and the Traces | Sessions | Scores tabs.
    static let detail = #"""
    <p class="badges"><span class="badge outline">Traces {{traces}}</span>{{#tokens}}<span class="badge outline">Total tokens {{tokens}}</span>{{/tokens}}{{#cost}}<span class="badge outline">Total cost {{cost}}</span>{{/cost}}<span class="badge outline">Active {{first}} – {{last}}</span></p>
    <section class="card" aria-label="Cost per day"><h2>Cost per day</h2>
      <form class="filters" method="get" aria-label="Time range"><input type="hidden" name="tab" value="{{tab}}">{{> range}}<button type="submit">Apply</button></form>
      {{{chart}}}
    </section>
    <nav class="tabs" aria-label="User data">{{#tabs}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/tabs}}</nav>
    {{#traceTable}}
    {{#empty}}<p class="empty">No traces.</p>{{/empty}}
    {{^empty}}<div class="table-scroll"><table class="data" data-keyboard-rows><caption class="visually-hidden">The user's traces</caption>
      <thead><tr>{{#headers}}<th scope="col">{{label}}</th>{{/headers}}</tr></thead>
      <tbody>{{#rows}}<tr>{{#cells}}<td{{#class}} class="{{class}}"{{/class}}>{{#link}}<a href="{{href}}">{{text}}</a>{{/link}}{{#plain}}{{.}}{{/plain}}{{#chips}}<span class="{{kind}}"{{#title}} title="{{title}}"{{/title}}>{{label}}</span> {{/chips}}</td>{{/cells}}</tr>
      {{/rows}}</tbody></table></div>{{/empty}}
    {{> pager}}
    {{/traceTable}}
    {{#sessionsEmpty}}<p class="empty">None of the user's traces name a session.</p>{{/sessionsEmpty}}
    {{#scoresEmpty}}<p class="empty">No scores on the user's traces.</p>{{/scoresEmpty}}
    {{#hasSessions}}<div class="table-scroll"><table class="data" data-keyboard-rows><caption class="visually-hidden">The user's sessions</caption>
      <thead><tr><th scope="col">Session</th><th scope="col">Traces</th><th scope="col">Total Cost</th><th scope="col">Last Event</th></tr></thead>
      <tbody>{{/hasSessions}}{{#sessions}}<tr><td><a href="{{href}}">{{id}}</a></td><td class="num">{{traces}}</td><td class="num">{{cost}}</td><td class="nowrap">{{last}}</td></tr>
      {{/sessions}}{{#hasSessions}}</tbody></table></div>{{/hasSessions}}
    {{#hasScores}}<div class="table-scroll"><table class="data"><caption class="visually-hidden">The user's scores</caption>
      <thead><tr><th scope="col">Timestamp</th><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Comment</th></tr></thead>
      <tbody>{{/hasScores}}{{#scores}}<tr><td class="nowrap">{{#href}}<a href="{{href}}">{{time}}</a>{{/href}}{{^href}}{{time}}{{/href}}</td><td>{{name}}</td><td class="num">{{value}}</td><td>{{source}}</td><td>{{comment}}</td></tr>
      {{/scores}}{{#hasScores}}</tbody></table></div>{{/hasScores}}
    """#
}
