/// The report's style sheet, inlined in every HTML report: system fonts only, print-friendly,
/// colours that keep meaning when printed in grey (tones also change shape and text).
enum HTMLStyle {
  static let css = """
    :root { --ink: #1a202c; --soft: #4a5568; --line: #cbd5e0; --paper: #ffffff; --band: #f7fafc;
      --accent: #2b6cb0; --alert: #c53030; --warning: #b7791f; --muted: #a0aec0; }
    * { box-sizing: border-box; }
    html { background: var(--paper); color: var(--ink); }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      font-size: 15px; line-height: 1.45; margin: 0 auto; max-width: 1320px; padding: 24px 32px 48px; }
    h1 { font-size: 26px; margin: 0 0 12px; }
    h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 17px; margin: 24px 0 6px; }
    h4, h5, h6 { font-size: 15px; margin: 18px 0 6px; }
    .number { color: var(--soft); margin-right: 0.5em; font-variant-numeric: tabular-nums; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
    dl.facts dt { color: var(--soft); }
    dl.facts dd { margin: 0; }
    .flags ul { list-style: none; padding: 0; margin: 0; }
    .flag { border-left: 4px solid var(--accent); background: var(--band); padding: 6px 10px; margin: 4px 0; }
    .flag .badge { font-weight: 600; margin-right: 0.5em; }
    .tone-alert.flag, .tone-alert.note { border-left-color: var(--alert); }
    .tone-warning.flag, .tone-warning.note { border-left-color: var(--warning); }
    .tone-muted.flag, .tone-muted.note { border-left-color: var(--muted); }
    .tone-alert .badge { color: var(--alert); }
    .tone-warning .badge { color: var(--warning); }
    .guide p { margin: 6px 0; max-width: 80ch; }
    nav ol { margin: 4px 0; padding-left: 22px; }
    nav a, .flag a { color: var(--accent); }
    p { max-width: 90ch; }
    .note { border-left: 4px solid var(--accent); background: var(--band); padding: 6px 10px; margin: 8px 0;
      max-width: 90ch; }
    figure.figure { display: grid; grid-template-columns: minmax(340px, 480px) minmax(0, 1fr); gap: 24px;
      align-items: start; margin: 12px 0 20px; padding: 12px; border: 1px solid var(--line);
      border-radius: 6px; break-inside: avoid; }
    figure.figure figcaption { grid-column: 1 / -1; color: var(--soft); font-size: 14px; }
    .chart svg { width: 100%; height: auto; display: block; }
    .data { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums;
      margin: 6px 0; }
    caption { text-align: left; font-weight: 600; padding: 2px 0 6px; }
    th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
    thead th { border-bottom: 2px solid var(--soft); vertical-align: bottom; white-space: normal; }
    th.num, td.num { text-align: right; }
    tbody th { font-weight: 500; }
    tr.tone-alert th, tr.tone-alert td { color: var(--alert); font-weight: 600; }
    tr.tone-alert th::before { content: "\\2717\\00a0"; }
    tr.tone-muted th, tr.tone-muted td { color: #718096; font-style: italic; }
    tr.tone-warning th, tr.tone-warning td { color: var(--warning); }
    .table-note { color: var(--soft); font-size: 13px; margin: 4px 0; }
    footer { margin-top: 40px; color: var(--soft); font-size: 13px; border-top: 1px solid var(--line);
      padding-top: 8px; }
    @media (max-width: 1000px) { figure.figure { grid-template-columns: 1fr; } .chart svg { max-width: 560px; } }
    @media print { body { max-width: none; padding: 0; } nav { display: none; } }
    """
}
