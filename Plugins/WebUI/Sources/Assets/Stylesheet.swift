/// The stylesheet: light and dark themes from `prefers-color-scheme`, visible focus, Langfuse-like colours per
/// observation type and level.
enum Stylesheet {
    static let text = #"""
    :root { --bg: #ffffff; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --panel: #f9fafb; --accent: #2563eb; --output: #f0fdf4;
      --span: #3b82f6; --generation: #a855f7; --event: #f59e0b; --trace: #111827; --error: #dc2626; --warning: #ca8a04; --debug: #9ca3af;
      color-scheme: light dark; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0b0f17; --fg: #e5e7eb; --muted: #9ca3af; --line: #1f2937; --panel: #111827; --accent: #60a5fa; --output: #0f2a1a; --trace: #e5e7eb; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); display: flex; min-height: 100vh; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .sidebar { width: 230px; flex: none; border-right: 1px solid var(--line); background: var(--panel); padding: 12px; display: flex; flex-direction: column; gap: 12px; }
    .brand a { font-weight: 700; font-size: 16px; text-decoration: none; color: var(--fg); }
    .switcher summary { cursor: pointer; } .switcher ul { list-style: none; padding-left: 8px; }
    .sections { list-style: none; padding: 0; margin: 0; } .sections li { margin: 2px 0; }
    .sections a { display: block; padding: 4px 8px; border-radius: 6px; text-decoration: none; color: var(--fg); }
    .sections a[aria-current="page"] { background: var(--line); font-weight: 600; }
    .sections .group { margin-top: 10px; font-size: 12px; text-transform: uppercase; color: var(--muted); }
    .account { margin-top: auto; display: flex; flex-direction: column; gap: 4px; color: var(--muted); }
    button.link { background: none; border: none; color: var(--accent); padding: 0; cursor: pointer; font: inherit; text-align: left; }
    main { flex: 1; min-width: 0; padding: 16px 24px; }
    .table-scroll { overflow-x: auto; max-width: 100%; }
    .page-header h1 { display: inline; font-size: 20px; margin: 0; }
    .breadcrumb a { text-decoration: none; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 12px 0; }
    .filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
    .filters label.check { flex-direction: row; align-items: center; gap: 4px; }
    .filters input.short { width: 6em; }
    details.panel { flex-basis: 100%; } details.panel summary { cursor: pointer; color: var(--accent); width: fit-content; }
    details.panel > .filters { margin: 6px 0 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
    .level { display: inline-block; padding: 0 5px; border-radius: 4px; font-size: 12px; }
    .level.error { background: #fee2e2; color: #991b1b; } .level.warning { background: #fef9c3; color: #854d0e; }
    .level.default { background: var(--line); color: var(--fg); } .level.debug { color: var(--debug); }
    .media { display: flex; flex-wrap: wrap; gap: 8px; } .media img { max-width: 320px; max-height: 240px; border: 1px solid var(--line); border-radius: 6px; }
    .media figcaption { font-size: 12px; color: var(--muted); }
    ol.comments { list-style: none; padding: 0; } ol.comments li { border-top: 1px solid var(--line); padding: 4px 0; } ol.comments .text { margin: 2px 0; white-space: pre-wrap; }
    .comment-form { display: flex; gap: 8px; align-items: end; } .comment-form label { display: flex; flex-direction: column; flex: 1; font-size: 12px; color: var(--muted); }
    textarea { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
    details.metadata summary { cursor: pointer; } details.metadata summary h3 { display: inline; }
    aside.peek { position: fixed; top: 0; right: 0; bottom: 0; width: min(560px, 45vw); overflow: auto; background: var(--bg);
      border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0, 0, 0, 0.12); padding: 12px 16px; z-index: 10; }
    .peek-bar { display: flex; justify-content: space-between; } a.peek-link { font-size: 11px; color: var(--muted); }
    button.copy { font-size: 11px; padding: 1px 8px; margin: 2px 0; background: transparent; color: var(--accent); }
    th a { color: inherit; text-decoration: none; } th a:hover { text-decoration: underline; }
    input, select { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
    button, .button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
    .button.secondary { background: transparent; color: var(--accent); }
    table.data { border-collapse: collapse; width: 100%; }
    table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
    table.data th { font-weight: 600; font-size: 12px; color: var(--muted); }
    table.data.compact { width: auto; margin: 8px 0; }
    table.data caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
    .num { text-align: right; font-variant-numeric: tabular-nums; } .nowrap { white-space: nowrap; }
    .preview { max-width: 200px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); }
    .preview.output { background: var(--output); }
    .tag { display: inline-block; padding: 0 6px; border-radius: 10px; background: var(--line); font-size: 12px; }
    .pager { display: flex; gap: 12px; margin: 12px 0; color: var(--muted); }
    .empty, .muted { color: var(--muted); }
    .badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 6px; border-radius: 4px; color: #fff; background: var(--span); }
    .badge.outline { background: transparent; color: var(--fg); border: 1px solid var(--line); font-weight: 400; text-decoration: none; }
    .badge.trace { background: var(--trace); color: var(--bg); } .badge.generation { background: var(--generation); } .badge.event { background: var(--event); }
    .badge.span, .badge.agent, .badge.tool, .badge.chain, .badge.retriever, .badge.evaluator, .badge.embedding, .badge.guardrail { background: var(--span); }
    .badges { display: flex; flex-wrap: wrap; gap: 6px; }
    .trace-layout { display: grid; grid-template-columns: minmax(280px, 2fr) 3fr; gap: 16px; margin-top: 12px; }
    .trace-layout.wide { grid-template-columns: 1fr; }
    .navigation, .detail { border: 1px solid var(--line); border-radius: 8px; padding: 10px; min-width: 0; overflow: auto; }
    .tabs { display: flex; gap: 8px; margin-bottom: 8px; } .tabs a { text-decoration: none; padding: 2px 8px; border-radius: 6px; }
    .tabs a[aria-current="page"] { background: var(--line); font-weight: 600; }
    ul.tree { list-style: none; padding: 0; margin: 0; }
    ul.tree a.node { display: block; padding: 3px 6px; border-radius: 6px; text-decoration: none; color: var(--fg); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    ul.tree a.node.selected { background: var(--line); }
    ul.tree a.level-error { border-left: 3px solid var(--error); } ul.tree a.level-warning { border-left: 3px solid var(--warning); }
    ul.tree a.level-debug { color: var(--debug); }
    .figures { color: var(--muted); font-size: 12px; }
    .depth-1 { padding-left: 14px; } .depth-2 { padding-left: 28px; } .depth-3 { padding-left: 42px; } .depth-4 { padding-left: 56px; }
    .depth-5 { padding-left: 70px; } .depth-6 { padding-left: 84px; } .depth-7 { padding-left: 98px; } .depth-8 { padding-left: 112px; }
    .depth-9 { padding-left: 126px; } .depth-10 { padding-left: 140px; } .depth-11 { padding-left: 154px; } .depth-12 { padding-left: 168px; }
    pre.json { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; max-height: 480px; white-space: pre-wrap; word-break: break-word; }
    ol.messages { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .message { border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
    .message .role { margin: 0 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; color: var(--muted); }
    .message .text { white-space: pre-wrap; word-break: break-word; }
    .message.role-assistant { background: var(--output); } .message.role-system { background: var(--panel); }
    .message img { max-width: 100%; max-height: 320px; display: block; margin-top: 6px; }
    .tool-call p { margin: 6px 0 2px; font-size: 12px; }
    .status-message { color: var(--error); }
    svg.timeline .label { font-size: 12px; fill: var(--fg); } svg.timeline .axis { font-size: 11px; fill: var(--muted); }
    svg.timeline .tick { stroke: var(--line); } svg.timeline .bar { fill: var(--span); } svg.timeline .bar.generation { fill: var(--generation); }
    svg.timeline .bar.event { fill: var(--event); }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; }
    .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; } .card h2 { font-size: 15px; margin: 0 0 8px; }
    svg.chart .label, svg.chart .value { font-size: 12px; fill: var(--fg); } svg.chart .axis { font-size: 11px; fill: var(--muted); }
    svg.chart .tick { stroke: var(--line); } svg.chart.columns { max-height: 260px; } svg.chart.histogram { max-width: 360px; }
    .lvl-error { fill: var(--error); } .lvl-warning { fill: var(--warning); } .lvl-default { fill: var(--span); } .lvl-debug { fill: var(--debug); }
    h3.chart-label { font-size: 12px; font-weight: 600; margin: 6px 0 0; }
    .series-0 { fill: #3b82f6; } .series-1 { fill: #a855f7; } .series-2 { fill: #10b981; } .series-3 { fill: #f59e0b; }
    .series-4 { fill: #ef4444; } .series-5 { fill: #6366f1; }
    svg.flame .block { fill: var(--span); stroke: var(--bg); } svg.flame .block.generation { fill: var(--generation); }
    svg.flame .block.event { fill: var(--event); } svg.flame .label { font-size: 11px; fill: #fff; pointer-events: none; } svg.flame .label.dark { fill: #111827; }
    svg.flame .axis { font-size: 11px; fill: var(--muted); }
    svg.flame .cost-0 { fill: #fde68a; } svg.flame .cost-1 { fill: #fbbf24; } svg.flame .cost-2 { fill: #f59e0b; }
    svg.flame .cost-3 { fill: #d97706; } svg.flame .cost-4 { fill: #b45309; }
    ol.replay { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 16px; }
    .turn { border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
    .message.error, .error { color: var(--error); }
    section.message { border: 1px solid var(--line); border-radius: 8px; padding: 16px; max-width: 640px; }
    body.signin-page { justify-content: center; align-items: center; }
    main.signin { max-width: 360px; flex: none; } main.signin form { display: flex; flex-direction: column; gap: 6px; } main.signin button { margin-top: 10px; }
    """#
}
