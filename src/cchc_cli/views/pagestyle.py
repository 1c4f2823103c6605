"""The report page's stylesheet and its one small script, inlined in every page.

The stylesheet: system fonts (every phone and desktop has Vietnamese in them; no
font is fetched), a single column on a phone where the tables become one card
per row (each figure under its column's name), two columns of charts on a wide
screen, and a print sheet for A4 (rows, cards and charts never cut across
pages, table headers repeated, colours kept).

The script sorts the units table when a column's header is clicked. Without it
(scripts off, or a mail viewer) the table is the same, in the report's order.
The page's Content-Security-Policy allows this script by its hash and nothing
else, so no script that data could smuggle in would run.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de;
  --soft: #f6f8fa; --accent: #0b4f9c; --bad: #b42318; --good: #1a7f37; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: var(--ink); font-size: 15px; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
  Arial, sans-serif; }
.page { max-width: 1200px; margin: 0 auto; padding: 16px 16px 32px; }
.title { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 12px; }
.office { margin: 0; color: var(--muted); font-weight: 600; text-transform: uppercase;
  font-size: .85rem; letter-spacing: .02em; }
h1 { font-size: 1.3rem; line-height: 1.25; margin: .3rem 0 .4rem; color: var(--accent); }
h2 { font-size: 1.15rem; margin: 28px 0 10px; padding-bottom: 4px;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 18px 0 8px; }
p { margin: .3rem 0; }
.meta { color: var(--muted); }
.warning { background: #fff4e5; border-left: 4px solid #b35900; padding: 8px 12px;
  margin: 8px 0; }
nav.jump { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .9rem; margin: 8px 0 0; }
nav.jump a { color: var(--accent); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr));
  gap: 12px; margin: 16px 0 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  background: var(--soft); margin: 0; }
.card dt { font-size: .85rem; font-weight: 600; color: var(--muted); }
.card dd { margin: 0; }
.card .big { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2;
  font-variant-numeric: tabular-nums; }
.card .sub { display: block; font-size: .85rem; color: var(--muted); }
.card .change { font-size: 1.45rem; line-height: 1.35; }
.card .up { color: var(--bad); }
.card .down { color: var(--good); }
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px 32px; }
@media screen and (min-width: 960px) {
  .charts.two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
}
figure { margin: 0 0 16px; min-width: 0; }
figure h3 { margin-top: 8px; }
figcaption { font-size: .85rem; color: var(--muted); margin: 2px 0 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0;
  margin: 4px 0 8px; font-size: .85rem; }
.legend li { display: flex; align-items: center; gap: 6px; }
svg.chart { display: block; overflow: hidden; font-family: inherit; }
svg.swatch { flex: none; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
caption { text-align: left; font-size: .85rem; color: var(--muted); padding: 0 0 4px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 7px; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; vertical-align: bottom; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
td.text, td.name { overflow-wrap: anywhere; }
td.ref { white-space: nowrap; }
td.ref a { color: var(--accent); }
tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: 0; }
tr.long td { background: #fdecea; }
th .sort { cursor: pointer; }
th .sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th .sort::after { content: " \\2195"; color: var(--muted); font-size: .8em; }
th[aria-sort="ascending"] .sort::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] .sort::after { content: " \\2193"; color: var(--ink); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: .78rem;
  font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.b-done_on_time { background: #dafbe1; color: #116329; border-color: #8fd19e; }
.b-done_late { background: #fff1c2; color: #6f4e00; border-color: #d4a72c; }
.b-done_no_deadline { background: #e6f6e9; color: #1f5c2e; border-color: #a7dbb0; }
.b-in_progress { background: #ddeafd; color: #0a3d7a; border-color: #8db4ea; }
.b-overdue, .b-long { background: #fde2e0; color: #8e1a10; border-color: #f1a39b; }
.b-ongoing { background: #eef1f4; color: #3d444d; border-color: #c4cad1; }
.b-cancelled { background: #ffffff; color: #57606a; border-color: #c4cad1; }
.notice { margin-top: 18px; }
.notice h3 { margin-bottom: 4px; }
.task { border-top: 1px solid var(--line); padding: 8px 0; }
.task:target { background: #fff8c5; }
.task h4 { margin: 0; font-size: .95rem; display: flex; flex-wrap: wrap; gap: 2px 12px; }
.task .deadline { font-weight: 400; color: var(--muted); }
.task .text { margin: 4px 0; overflow-wrap: anywhere; white-space: pre-line; }
.task ul { list-style: none; padding: 0; margin: 4px 0 0; font-size: .88rem; }
.task li { margin: 3px 0; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: var(--muted); font-size: .82rem;
  border-top: 1px solid var(--line); padding-top: 8px; }
#trend-table { max-width: 760px; }
#trend-table td { white-space: nowrap; }
@media screen and (min-width: 641px) {
  table.units td.name { min-width: 14em; }
  td.c-unit { min-width: 9em; }
  td.c-deadline { min-width: 8em; }
  td.c-text { min-width: 14em; }
}
@media screen and (max-width: 640px) {
  body { font-size: 14px; }
  .page { padding: 12px 12px 24px; }
  h1 { font-size: 1.15rem; }
  .card .big { font-size: 1.6rem; }
  svg.chart text.value { font-size: 10px; }
  #trend-table .c-asof { display: none; }
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tfoot { display: block; }
  table.cards tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 2px 14px; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px;
    margin: 0 0 8px; }
  table.cards td { display: flex; justify-content: space-between; gap: 8px; border: 0;
    padding: 0; text-align: right; white-space: normal; background: none; min-width: 0; }
  table.cards td[data-label]::before { content: attr(data-label); text-align: left;
    color: var(--muted); }
  table.cards td.lead { grid-column: 1 / -1; display: block; text-align: left;
    font-weight: 700; }
  table.cards td.c-stt { display: none; }
  table.cards tr.long { border-color: #f1a39b; background: #fdecea; }
  table.cards tfoot tr { border: 2px solid var(--ink); }
  table.cards tfoot td { border: 0; }
  table.units td.c-total { grid-column: 1 / -1; }
  table.compact td.c-unit { grid-row: 1; }
  table.compact td.c-ref { grid-row: 2; grid-column: 1; justify-content: flex-start; }
  table.compact td.c-long { grid-row: 2; grid-column: 2; justify-content: flex-end; }
  table.compact td.c-text { grid-row: 3; grid-column: 1 / -1; text-align: left;
    overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical;
    -webkit-line-clamp: 3; }
  table.compact td.c-last { grid-row: 4; grid-column: 1; }
  table.compact td.c-days { grid-row: 4; grid-column: 2; }
  table.compact td.c-deadline { display: none; }
}
@page { size: A4; margin: 12mm 10mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; }
  .page { max-width: none; padding: 0; }
  nav.jump { display: none; }
  h2 { margin-top: 16px; }
  h2, h3, h4, caption, figcaption, .legend { break-after: avoid; }
  svg.chart, .keep, figure.trend, .card, tr, .task, .warning { break-inside: avoid; }
  table.units td.name { min-width: 10em; }
  td.c-unit { min-width: 7em; }
  td.c-text { min-width: 12em; }
  td.c-deadline { min-width: 6.5em; }
  .figures { grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 6px 8px; }
  .card .big { font-size: 1.4rem; }
  .card .change { font-size: 1.1rem; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  table { font-size: 8pt; }
  th, td { padding: 3px 4px; }
  a { color: inherit; text-decoration: none; }
  th .sort::after { content: none; }
  .task:target { background: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var each = function (list, act) { Array.prototype.forEach.call(list, act); };
  each(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (head, column) {
      // A span, not a <button>: Chromium leaves a header holding a button blank where it
      // repeats the header on each printed page.
      var control = document.createElement("span");
      control.className = "sort";
      control.setAttribute("role", "button");
      control.tabIndex = 0;
      while (head.firstChild) { control.appendChild(head.firstChild); }
      head.appendChild(control);
      control.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); control.click(); }
      });
      control.addEventListener("click", function () {
        var now = head.getAttribute("aria-sort");
        var up = now ? now !== "ascending" : head.getAttribute("data-first") !== "descending";
        each(heads, function (other) { other.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) { return Number(row.cells[column].getAttribute("data-sort")); };
        rows.sort(function (a, b) { return up ? key(a) - key(b) : key(b) - key(a); });
        each(rows, function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source that allows exactly ``script`` as an inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def style_hash(style: str = STYLE) -> str:
    """The CSP source that allows exactly ``style`` as an inline stylesheet."""
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_policy() -> str:
    """Nothing may be fetched, from anywhere; only this page's own style and script apply."""
    return (
        f"default-src 'none'; style-src {style_hash()}; script-src {script_hash()}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
