/// The observations and scores tables.
enum TableTemplates {
    static let observations = #"""
    <form class="filters" method="get" aria-label="Filter observations">
      {{> range}}
      <label>Type <select name="type"><option value="">All</option>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/types}}</select></label>
      <label>Name <input name="name" value="{{name}}"></label>
      <label>User ID <input name="userId" value="{{userId}}"></label>
      <label>Level <select name="level"><option value="">All</option>{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/levels}}</select></label>
      <button type="submit">Apply</button>
      <a class="button secondary" href="?">Reset</a>
    </form>
    {{#empty}}<p class="empty">No observations in this time range match.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <thead><tr><th scope="col">Start Time</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Model</th><th scope="col">Latency</th><th scope="col">Time to First Token</th><th scope="col">Tokens</th><th scope="col">Total Cost</th><th scope="col">Level</th></tr></thead>
      <tbody>{{#rows}}<tr><td class="nowrap">{{time}}</td><td><a href="{{href}}">{{name}}</a></td><td><span class="badge {{typeClass}}">{{type}}</span></td><td>{{model}}</td><td class="num">{{latency}}</td><td class="num">{{ttft}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td><td>{{level}}</td></tr>
      {{/rows}}</tbody>
    </table></div>
    {{/empty}}
    {{> pager}}
    """#

    static let scores = #"""
    <form class="filters" method="get" aria-label="Filter scores">
      {{> range}}
      <label>Name <input name="name" value="{{name}}"></label>
      <label>Source <select name="source"><option value="">All</option>{{#sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/sources}}</select></label>
      <label>Data type <select name="dataType"><option value="">All</option>{{#dataTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/dataTypes}}</select></label>
      <button type="submit">Apply</button>
      <a class="button secondary" href="?">Reset</a>
    </form>
    {{#empty}}<p class="empty">No scores in this time range match.</p>{{/empty}}
    {{^empty}}
    <div class="table-scroll"><table class="data" data-keyboard-rows>
      <thead><tr><th scope="col">Timestamp</th><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Data Type</th><th scope="col">Target</th><th scope="col">Comment</th></tr></thead>
      <tbody>{{#rows}}<tr><td class="nowrap">{{time}}</td><td>{{name}}</td><td class="num">{{value}}</td><td>{{source}}</td><td>{{dataType}}</td><td>{{#target}}<a href="{{href}}">{{label}}</a>{{/target}}</td><td>{{comment}}</td></tr>
      {{/rows}}</tbody>
    </table></div>
    {{/empty}}
    {{> pager}}
    """#
}
