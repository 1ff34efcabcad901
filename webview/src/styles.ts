/**
 * The panel's CSS, added as one <style> carrying the page's nonce (the CSP allows nothing else).
 * Colours are VS Code's theme variables, so light, dark and high-contrast themes all work; the
 * fallbacks only matter outside VS Code (the tests' stand-in page).
 */
export const CSS = `
:root {
  --fg: var(--vscode-editor-foreground, #1f1f1f);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #6b6b6b);
  --border: var(--vscode-panel-border, var(--vscode-editorWidget-border, #c8c8c8));
  --focus: var(--vscode-focusBorder, #0078d4);
  --node-bg: var(--vscode-editorWidget-background, #f3f3f3);
  --input: var(--vscode-charts-blue, #1a85ff);
  --output: var(--vscode-charts-orange, #d18616);
  --group: var(--vscode-charts-purple, #8250df);
  --tangent: var(--vscode-charts-green, #388a34);
  --adjoint: var(--vscode-charts-red, #c72e0f);
  --heat-pos: var(--vscode-charts-red, #c72e0f);
  --heat-neg: var(--vscode-charts-blue, #1a85ff);
  --hl: var(--vscode-editor-findMatchHighlightBackground, rgba(234, 92, 0, 0.33));
  --sel: var(--vscode-editor-selectionBackground, #add6ff);
  --warn-bg: var(--vscode-inputValidation-warningBackground, #fff4ce);
  --warn-border: var(--vscode-inputValidation-warningBorder, #b89500);
  --err-bg: var(--vscode-inputValidation-errorBackground, #f2dede);
  --err-border: var(--vscode-inputValidation-errorBorder, #be1100);
  --btn-bg: var(--vscode-button-secondaryBackground, #e5e5e5);
  --btn-fg: var(--vscode-button-secondaryForeground, #1f1f1f);
  --contrast: var(--vscode-contrastBorder, transparent);
  --mono: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace);
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { color: var(--fg); background: var(--bg); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
#app { display: flex; flex-direction: column; height: 100%; }
header.summary { padding: 6px 10px; border-bottom: 1px solid var(--border); font-family: var(--mono); display: flex; flex-wrap: wrap; column-gap: 1.5ch; row-gap: 2px; }
/* A narrow panel wraps the result between its terms (spaces), never inside a number, and never clips it. */
header.summary .result { min-width: 0; overflow-wrap: break-word; }
header.summary .meta { flex: none; white-space: nowrap; }
header.summary .muted { color: var(--muted); }
details.formula { padding: 2px 10px 4px; border-bottom: 1px solid var(--border); max-height: 30vh; overflow: auto; }
details.formula > summary { color: var(--muted); cursor: pointer; font-size: 0.92em; }
ul.formula-lines { list-style: none; margin: 2px 0 0; padding: 0; }
ul.formula-lines li { padding: 0; overflow-x: auto; overflow-y: hidden; }
ul.formula-lines .katex-display { margin: 0.25em 0; }
ul.formula-lines .katex-display.fleqn > .katex { padding-left: 0; }
ul.formula-lines .formula-where { display: flex; align-items: baseline; gap: 0.6em; padding-left: 1.5em; }
ul.formula-lines .formula-where .where-word { color: var(--muted); min-width: 3.2em; font-style: italic; }
ul.formula-lines .formula-where .katex-display { margin: 0.1em 0; }
.banner { padding: 6px 10px; border-left: 4px solid; margin: 6px 10px 0; }
.banner.stale { background: var(--warn-bg); border-color: var(--warn-border); }
.banner.error { background: var(--err-bg); border-color: var(--err-border); }
.banner button { margin-left: 8px; }
.empty { padding: 24px; color: var(--muted); }
[role=tablist] { display: flex; gap: 2px; padding: 6px 10px 0; border-bottom: 1px solid var(--border); }
[role=tab] { background: none; color: var(--fg); border: 1px solid transparent; border-bottom: none; padding: 4px 12px; cursor: pointer; font: inherit; border-radius: 4px 4px 0 0; }
[role=tab][aria-selected=true] { border-color: var(--border); background: var(--node-bg); font-weight: 600; }
.content { flex: 1; min-height: 0; display: flex; flex-direction: column; }
[role=tabpanel] { flex: 1; min-height: 0; overflow: auto; }
[role=tabpanel][hidden] { display: none; }
.graph-panel { display: flex; flex-direction: column; overflow: hidden; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; padding: 4px 10px; border-bottom: 1px solid var(--border); }
.toolbar .sep { width: 10px; }
.toolbar .status { color: var(--muted); margin-left: auto; font-size: 0.92em; }
button.tool, select.seed, select.graph-seed { background: var(--btn-bg); color: var(--btn-fg); border: 1px solid var(--contrast); border-radius: 3px; padding: 2px 8px; font: inherit; cursor: pointer; }
button.tool:disabled { opacity: 0.5; cursor: default; }
button.tool[aria-pressed=true] { background: var(--vscode-button-background, #0078d4); color: var(--vscode-button-foreground, #fff); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.graph-host { flex: 1; min-height: 0; position: relative; display: flex; }
.graph-host.dock-bottom { flex-direction: column; }
svg.graph { flex: 1 1 0; min-width: 0; min-height: 0; width: 100%; height: 100%; display: block; cursor: grab; user-select: none; }
svg.graph.panning { cursor: grabbing; }
.stale-content svg.graph .viewport, .stale-content table, .stale-content ol, .stale-content .plots { opacity: 0.55; }
.node { cursor: pointer; }
.node .box { fill: var(--node-bg); stroke: var(--border); stroke-width: 1; }
.node.input .box { stroke: var(--input); stroke-width: 2.5; }
.node.output .box { stroke: var(--output); stroke-width: 3; }
.node.group .box { stroke: var(--group); stroke-width: 1.5; stroke-dasharray: 5 3; }
.node.group.input .box { stroke: var(--input); stroke-width: 2.5; }
.node text { fill: var(--fg); font-family: var(--mono); font-size: 12px; }
.node text.title { font-weight: 600; }
.node.input text.title { fill: var(--input); }
.node.output text.title { fill: var(--output); }
.node text.snippet, .node text.hint { fill: var(--muted); font-size: 11px; }
.node tspan.tangent { fill: var(--tangent); font-weight: 600; }
.node tspan.adjoint { fill: var(--adjoint); font-weight: 600; }
.node .heatmap .pos { fill: var(--heat-pos); }
.node .heatmap .neg { fill: var(--heat-neg); }
.node .heatmap .zero { fill: none; }
.node .heatmap .nan { fill: var(--muted); fill-opacity: 0.35; }
.node .heatmap .frame { fill: none; stroke: var(--border); stroke-width: 1; }
.node.hl .box { fill: var(--hl); }
.node.selected .box { stroke: var(--focus); stroke-width: 3; }
.node:focus { outline: none; }
.node:focus-visible .box { stroke: var(--focus); stroke-width: 3; }
.edge { fill: none; stroke: var(--muted); stroke-width: 1.2; opacity: 0.8; }
.edge.multi { stroke-width: 2.4; }
.arrowhead, .grad-head { fill: var(--muted); }
.stub-label { fill: var(--muted); font-family: var(--mono); font-size: 10px; }
svg.graph.far .node text, svg.graph.far .stub-label { display: none; }
svg.graph.far .node .box { fill: var(--border); }
svg.graph.far .node.input .box { fill: var(--input); }
svg.graph.far .node.output .box { fill: var(--output); }
.minimap-dock { flex: none; display: flex; align-items: flex-end; justify-content: flex-end; padding: 6px; border-left: 1px solid var(--border); }
.dock-bottom .minimap-dock { border-left: none; border-top: 1px solid var(--border); }
.minimap-dock[hidden] { display: none; }
svg.minimap { display: block; border: 1px solid var(--border); background: var(--bg); cursor: pointer; }
.minimap-bg { fill: var(--bg); opacity: 0.92; }
.minimap-nodes rect { fill: var(--muted); opacity: 0.7; }
.minimap-nodes rect.input { fill: var(--input); opacity: 1; }
.minimap-nodes rect.output { fill: var(--output); opacity: 1; }
.minimap-nodes rect.group { fill: var(--group); }
.minimap-view { fill: var(--focus); fill-opacity: 0.12; stroke: var(--focus); stroke-width: 1.5; }
section.tables, section.tape-listing, section.plots { padding: 6px 12px 16px; }
h2 { font-size: 1.05em; margin: 14px 0 6px; font-weight: 600; }
.table-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
table.rows { border-collapse: collapse; font-family: var(--mono); font-size: 12.5px; }
table.rows th { text-align: left; color: var(--muted); font-weight: 600; padding: 2px 10px; border-bottom: 1px solid var(--border); }
table.rows td { padding: 2px 10px; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.row { cursor: pointer; }
.row:hover { background: var(--vscode-list-hoverBackground, rgba(128,128,128,0.12)); }
.row.hl { background: var(--hl); }
.row.selected { outline: 1px solid var(--focus); }
.row.kind-result td, .row.kind-seed td { border-top: 1px solid var(--border); font-weight: 600; }
.side-by-side { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
td.tangent { color: var(--tangent); }
td.adjoint { color: var(--adjoint); }
body.vscode-high-contrast td.tangent, body.vscode-high-contrast td.adjoint { color: var(--fg); }
.gradient { font-family: var(--mono); font-weight: 600; }
ol.tape { list-style: none; padding: 0; margin: 0; font-family: var(--mono); font-size: 12.5px; }
ol.tape li { display: grid; grid-template-columns: minmax(16em, max-content) 7em 7em; gap: 10px; padding: 1px 6px; }
ol.tape li.kind-seed { font-weight: 600; }
ol.tape .where { color: var(--muted); }
.note { color: var(--muted); }
.plots { display: flex; flex-wrap: wrap; gap: 16px; }
figure.plot-figure { margin: 0; }
figcaption { color: var(--muted); font-size: 0.92em; max-width: 360px; }
svg.plot .axis { stroke: var(--muted); }
svg.plot .tick { fill: var(--muted); font-size: 10px; font-family: var(--mono); }
svg.plot .curve { fill: none; stroke: var(--input); stroke-width: 2; }
svg.plot .tangent-line { stroke: var(--tangent); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.plot .point { fill: var(--output); }
svg.plot .heat rect, svg.plot .legend-cell { fill: var(--input); }
svg.plot .legend-frame { fill: none; stroke: var(--muted); }
svg.plot .iso path { fill: none; stroke: var(--fg); stroke-width: 0.8; opacity: 0.6; }
svg.plot .gradient-arrow { stroke: var(--adjoint); stroke-width: 2.5; }
svg.plot .grad-head { fill: var(--adjoint); }
body.vscode-high-contrast .node .box { stroke-width: 2; }
`;
