/// The traces table and the trace page.
enum TraceTemplates {
    static let list = #"""
    <form class="filters" method="get" aria-label="Filter traces">
      {{> range}}
      <label>Search <input type="search" name="search" value="{{search}}" aria-describedby="search-help"></label>
      <label>in <select name="searchType">{{#searchTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/searchTypes}}</select></label>
      <label>Auto-refresh <select name="refresh"><option value="">Off</option>{{#refreshChoices}}<option value="{{token}}"{{#selected}} selected{{/selected}}>{{token}}</option>{{/refreshChoices}}</select></label>
      <button type="submit">Apply</button>
      <a class="button secondary" href="?">Reset</a>
      <details class="panel"{{#filtersActive}} open{{/filtersActive}}><summary>Filters{{#filtersActive}} ({{filtersActive}} active){{/filtersActive}}</summary>
        <div class="filters">
        {{#filters}}<label>{{label}} <input name="{{name}}" value="{{value}}"></label>{{/filters}}
        <label>Level <select name="level"><option value="">Any</option>{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/levels}}</select></label>
        <label class="check"><input type="checkbox" name="hasError" value="1"{{#hasError}} checked{{/hasError}}> Has error</label>
        <label>Latency (s) ≥ <input class="short" name="latencyMin" inputmode="decimal" value="{{latencyMin}}"></label>
        <label>Latency (s) ≤ <input class="short" name="latencyMax" inputmode="decimal" value="{{latencyMax}}"></label>
        <label>Cost ($) ≥ <input class="short" name="costMin" inputmode="decimal" value="{{costMin}}"></label>
        <label>Cost ($) ≤ <input class="short" name="costMax" inputmode="decimal" value="{{costMax}}"></label>
        <label>Score name <input class="short" name="scoreName" value="{{scoreName}}"></label>
        <label>Comparison <select name="scoreOp">{{#scoreOperators}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/scoreOperators}}</select></label>
        <label>Score value <input class="short" name="scoreValue" inputmode="decimal" value="{{scoreValue}}"></label>
        </div>
      </details>
      <details class="panel"><summary>Columns</summary>
        <div class="filters">{{#columnChoices}}<label class="check"><input type="checkbox" name="col" value="{{id}}"{{#visible}} checked{{/visible}}> {{label}}</label>{{/columnChoices}}</div>
      </details>
    </form>
    <p id="search-help" class="muted">"IDs / Names" searches the trace id, name, user id and session id; "Full text" also searches the input and output (case-insensitive for ASCII letters).</p>
    {{#live}}<p class="muted" role="status">Live: this page refreshes every {{live}}.</p>{{/live}}
    {{#unsupported}}<p class="muted" role="status">This link filters on {{unsupported}} too, which Lantern's traces table does not filter on yet; those filters are left out.</p>{{/unsupported}}
    {{#empty}}<p class="empty">No traces in this time range match. Send traces with a Langfuse SDK or an OpenTelemetry exporter, or widen the range.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <caption class="visually-hidden">Traces</caption>
      <thead><tr>{{#headers}}<th scope="col"{{#sortable}} aria-sort="{{sort}}"{{/sortable}}>{{#sortable}}<a href="{{href}}">{{/sortable}}{{label}}{{#sortable}}{{arrow}}</a>{{/sortable}}</th>{{/headers}}</tr></thead>
      <tbody>
      {{#rows}}<tr>{{#cells}}<td{{#class}} class="{{class}}"{{/class}}>{{#link}}<a href="{{href}}">{{text}}</a>{{/link}}{{#peekHref}} <a class="peek-link" href="{{peekHref}}" aria-label="Peek at this trace">peek</a>{{/peekHref}}{{#plain}}{{.}}{{/plain}}{{#chips}}<span class="{{kind}}"{{#title}} title="{{title}}"{{/title}}>{{label}}</span> {{/chips}}</td>{{/cells}}</tr>
      {{/rows}}
      </tbody>
    </table></div>
    {{/empty}}
    {{> pager}}
    {{#peek}}<aside class="peek" aria-label="Trace peek">
      <p class="peek-bar"><a href="{{href}}">Open trace</a> <a href="{{close}}" aria-label="Close the peek">Close ✕</a></p>
      <h2><span class="badge trace">TRACE</span> {{name}}</h2>
      <p class="badges"><span class="badge outline">{{timestamp}}</span>{{#latency}}<span class="badge outline">Latency {{latency}}</span>{{/latency}}{{#cost}}<span class="badge outline">∑ {{cost}}</span>{{/cost}}</p>
      <ul class="tree" role="tree" aria-label="Observation tree">{{{nodes}}}</ul>
      <h3>Input</h3>{{#input}}{{> payload}}{{/input}}{{^input}}<p class="muted">None</p>{{/input}}
      <h3>Output</h3>{{#output}}{{> payload}}{{/output}}{{^output}}<p class="muted">None</p>{{/output}}
    </aside>{{/peek}}
    """#

    static let detail = #"""
    <section class="trace-header" aria-label="Trace">
      <p class="meta"><span class="badge trace">TRACE</span> <code class="id">{{id}}</code> <span>{{timestamp}}</span></p>
      <p class="badges">
        {{#latency}}<span class="badge outline">Latency {{latency}}</span>{{/latency}}
        {{#cost}}<span class="badge outline">∑ {{cost}}</span>{{/cost}}
        {{#tokens}}<span class="badge outline">Tokens {{tokens}}</span>{{/tokens}}
        {{#user}}<a class="badge outline" href="{{href}}">User {{id}}</a>{{/user}}
        {{#session}}<a class="badge outline" href="{{href}}">Session {{id}}</a>{{/session}}
        {{#environment}}<span class="badge outline">Env {{environment}}</span>{{/environment}}
        {{#release}}<span class="badge outline">Release {{release}}</span>{{/release}}
        {{#version}}<span class="badge outline">Version {{version}}</span>{{/version}}
        {{#tags}}<span class="tag">{{.}}</span>{{/tags}}
      </p>
    </section>
    <div class="trace-layout{{#wide}} wide{{/wide}}">
      <section class="navigation" aria-label="Observations">
        <nav class="tabs" aria-label="View"><a href="{{treeHref}}"{{#tree}} aria-current="page"{{/tree}}>Tree</a><a href="{{timelineHref}}"{{#timeline}} aria-current="page"{{/timeline}}>Timeline</a><a href="{{flameHref}}"{{#flame}} aria-current="page"{{/flame}}>Flame</a>{{#flame}}<a href="{{flameCostHref}}">Colour by cost</a>{{/flame}}</nav>
        {{#wide}}{{{chart}}}{{/wide}}
        {{#tree}}
        <ul class="tree" role="tree" aria-label="Observation tree">
          <li role="treeitem" aria-selected="{{rootSelected}}"><a href="{{rootHref}}" class="node{{#rootSelected}} selected{{/rootSelected}}"><span class="badge trace">TRACE</span> {{name}}</a></li>
          {{{nodes}}}
        </ul>
        {{/tree}}
        <p class="muted">{{observationCount}} observations</p>
      </section>
      <section class="detail" aria-label="Selected">
        {{#detail}}
        <h2><span class="badge {{kindClass}}">{{kind}}</span> {{heading}}</h2>
        <p class="badges">{{#model}}<span class="badge outline">{{model}}</span>{{/model}}{{#start}}<span class="badge outline">{{start}}</span>{{/start}}{{#level}}<span class="badge outline level-{{level}}">{{level}}</span>{{/level}}{{#prompt}}<span class="badge outline">Prompt {{name}} v{{version}}</span>{{/prompt}}</p>
        {{#statusMessage}}<p class="status-message">{{statusMessage}}</p>{{/statusMessage}}
        {{#price}}<p class="muted">Matched price: {{price}}</p>{{/price}}
        {{#hasUsage}}<table class="data compact"><caption>Usage and cost</caption><tbody>{{#usage}}<tr><th scope="row">{{key}} tokens</th><td class="num">{{value}}</td></tr>{{/usage}}{{#costs}}<tr><th scope="row">{{key}} cost</th><td class="num">{{value}}</td></tr>{{/costs}}</tbody></table>{{/hasUsage}}
        <h3>Input</h3>{{#input}}{{> payload}}{{/input}}{{^input}}<p class="muted">None</p>{{/input}}
        <h3>Output</h3>{{#output}}{{> payload}}{{/output}}{{^output}}<p class="muted">None</p>{{/output}}
        {{/detail}}
        {{#hasMedia}}<h3>Media</h3><div class="media">{{#media}}<figure>{{#image}}<img src="{{src}}" alt="{{type}} attachment">{{/image}}{{#audio}}<audio controls src="{{src}}"></audio>{{/audio}}{{#file}}<a href="{{src}}">Download</a>{{/file}}<figcaption>{{type}} {{size}}</figcaption></figure>{{/media}}</div>{{/hasMedia}}
        {{#detail}}{{#metadata}}<details class="metadata"><summary><h3>Metadata</h3></summary><pre class="json">{{json}}</pre></details>{{/metadata}}{{/detail}}
        {{#hasScores}}<h3>Scores</h3><table class="data compact"><thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Comment</th></tr></thead><tbody>{{/hasScores}}
        {{#scores}}<tr><td>{{name}}</td><td class="num">{{value}}</td><td>{{source}}</td><td>{{comment}}</td></tr>{{/scores}}
        {{#hasScores}}</tbody></table>{{/hasScores}}
        {{#comments}}<section id="comments" aria-label="Comments"><h3>Comments on this {{objectLabel}} ({{count}})</h3>
          <ol class="comments">{{#comments}}<li><p class="figures">{{author}} · {{time}}</p><p class="text">{{content}}</p></li>{{/comments}}</ol>
          {{#form}}<form method="post" action="{{action}}" class="comment-form"><input type="hidden" name="csrfToken" value="{{csrfToken}}"><input type="hidden" name="objectType" value="{{objectType}}"><input type="hidden" name="objectId" value="{{objectId}}"><label>Add a comment <textarea name="content" required maxlength="5000" rows="3"></textarea></label> <button type="submit">Comment</button></form>{{/form}}
        </section>{{/comments}}
      </section>
    </div>
    """#

    /// A payload: chat messages (with a JSON view), or JSON.
    static let payload = #"""
    {{#hasMessages}}<ol class="messages">{{/hasMessages}}
    {{#messages}}<li class="message role-{{roleClass}}"><p class="role">{{role}}</p>{{#text}}<div class="text">{{text}}</div>{{/text}}{{#tools}}<div class="tool-call"><p>Tool call <code>{{name}}</code></p><pre class="json">{{arguments}}</pre></div>{{/tools}}{{#images}}{{#src}}<img src="{{src}}" alt="image in the message">{{/src}}{{#link}}<a href="{{link}}" rel="noreferrer">image: {{link}}</a>{{/link}}{{#placeholder}}<span class="muted">{{placeholder}}</span>{{/placeholder}}{{/images}}</li>{{/messages}}
    {{#hasMessages}}</ol><details><summary>JSON</summary><pre class="json">{{json}}</pre></details>{{/hasMessages}}
    {{^hasMessages}}<pre class="json">{{json}}</pre>{{/hasMessages}}
    """#
}

/// The project dashboard.
enum DashboardTemplates {
    static let page = #"""
    <form class="filters" method="get" aria-label="Time range">
      {{> range}}
      <button type="submit">Apply</button>
    </form>
    <div class="cards">
    {{#cards}}<section class="card" aria-label="{{title}}"><h2>{{title}}</h2>
      {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}{{{chart}}}
      <details><summary>View query</summary><p class="muted">GET {{endpoint}}?query=</p><pre class="json">{{query}}</pre></details>
    </section>
    {{/cards}}
    </div>
    """#
}
