/// The page shell: sidebar (project switcher, sections, account) and header, around a page's rendered content.
enum LayoutTemplates {
    static let layout = #"""
    {{> head}}
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <nav class="sidebar" aria-label="Main">
      <div class="brand"><a href="/">Lantern</a></div>
      {{#project}}
      <details class="switcher">
        <summary aria-label="Switch project">{{organizationName}} / <strong>{{name}}</strong></summary>
        <ul>{{#projects}}<li><a href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{organization}} / {{name}}</a></li>{{/projects}}</ul>
      </details>
      <ul class="sections">
        {{#sections}}{{#group}}<li class="group">{{group}}</li>{{/group}}{{^group}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/group}}{{/sections}}
      </ul>
      {{/project}}
      <div class="account">
        <span class="who">{{userEmail}}</span>
        <form method="post" action="/api/auth/sign-out">
          <input type="hidden" name="csrfToken" value="{{csrfToken}}">
          <input type="hidden" name="next" value="/auth/sign-in">
          <button type="submit" class="link">Sign out</button>
        </form>
      </div>
    </nav>
    <main id="main" tabindex="-1">
      <header class="page-header">
        <nav aria-label="Breadcrumb" class="breadcrumb">{{#breadcrumb}}<a href="{{href}}">{{label}}</a><span aria-hidden="true"> / </span>{{/breadcrumb}}<h1>{{title}}</h1></nav>
      </header>
      {{{content}}}
    </main>
    </body>
    </html>
    """#

    /// The document head every page shares: its title, the stylesheet and the script (loaded from the plugin, never inline).
    static let head = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Lantern</title>
    <link rel="stylesheet" href="/assets/lantern.css">
    <script src="/assets/lantern.js" defer></script>
    </head>
    """#

    /// The time range `<select>` (Langfuse's `dateRange` tokens).
    static let range = #"""
    <label>Time range <select name="dateRange">{{#ranges}}<option value="{{token}}"{{#selected}} selected{{/selected}}>{{token}}</option>{{/ranges}}</select></label>
    """#

    /// A table's pager: the count of `noun`, the page, and links to the pages around it.
    static let pager = #"""
    <nav class="pager" aria-label="Pages">
      <span>{{total}} {{noun}} · Page {{pageNumber}} of {{pageCount}}</span>
      {{#previous}}<a href="{{previous}}" rel="prev">Previous</a>{{/previous}}
      {{#next}}<a href="{{next}}" rel="next">Next</a>{{/next}}
    </nav>
    """#

    static let message = #"""
    <section class="message {{kind}}" role="{{role}}"><h2>{{heading}}</h2><p>{{text}}</p>{{#link}}<p><a href="{{href}}">{{label}}</a></p>{{/link}}</section>
    """#

    static let signIn = #"""
    {{> head}}
    <body class="signin-page">
    <main id="main" class="signin">
      <h1>Sign in to Lantern</h1>
      {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/api/auth/sign-in">
        <label for="email">Email</label>
        <input id="email" type="email" name="email" autocomplete="username" required autofocus>
        <label for="password">Password</label>
        <input id="password" type="password" name="password" autocomplete="current-password" required>
        <input type="hidden" name="next" value="{{next}}">
        <input type="hidden" name="failurePage" value="/auth/sign-in">
        <button type="submit">Sign in</button>
      </form>
    </main>
    </body>
    </html>
    """#
}
