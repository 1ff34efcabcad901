import { t } from '../../src/core/localize';
import type { SourcePosition, SourceRange } from '../../src/core/sourceRange';
import type { GraphModel, GraphNode } from '../../src/protocol/graphModel';
import type { HostMessage } from '../../src/protocol/messages';
import { h, rovingList } from './dom';
import { fmt, num, setPrecision } from './format';
import { LayoutClient } from './graph/layoutWorker';
import { GraphView, type Overlay } from './graph/view';
import type { LayoutResult } from './graph/layout';
import { nodeKey, visibleGraph, type VisibleGraph } from './graph/visible';
import { connectHost, type Host } from './host';
import { renderPlots } from './plots';
import { loadFormulaStyles, renderFormula } from './formula';
import { restoreState, sameFunction, targetOf, type Tab, type ViewState } from './state';
import { CSS } from './styles';
import { renderTables } from './tables';
import { renderTape } from './tape';
import { visibleBidi } from '../../src/protocol/visibleText';

/**
 * The panel's shell: summary line, stale and error banners, tabs (graph, tables, tape, plots), and the
 * wiring between them and the host — selection posts `reveal`, `highlight` marks nodes and rows, and
 * every change is saved with setState so the panel comes back as it was.
 */
export interface AppOptions {
  readonly scriptUrl?: string;
  readonly nonce?: string;
}

/** Up to this many outputs or gradient entries are listed in the summary line; more are counted. */
const SUMMARY_ENTRIES = 6;

/** `(0.5, −1.2)`, or `17 entries, ‖·‖ = 2.07` for a longer list. */
function listText(xs: readonly (number | null)[], what: 'outputs' | 'entries'): string {
  if (xs.length <= SUMMARY_ENTRIES) return `(${xs.map(num).join(', ')})`;
  const norm = Math.sqrt(xs.reduce((sum: number, x) => sum + (x ?? 0) * (x ?? 0), 0));
  return what === 'outputs' ? t('{0} outputs, ‖·‖ = {1}', xs.length, num(norm)) : t('{0} entries, ‖·‖ = {1}', xs.length, num(norm));
}

/** A function, not a constant: the display language's bundle is read after the modules load (main.ts). */
const tabTitles = (): Readonly<Record<Tab, string>> => ({ graph: t('Graph'), tables: t('Tables'), tape: t('Tape'), plots: t('Plots') });
/** The tabs drawn from the model on demand (the graph has its own layout cache). */
const LISTS: readonly Tab[] = ['tables', 'tape', 'plots'];

export function startApp(options: AppOptions): void {
  const style = document.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = CSS;
  document.head.append(style);
  loadFormulaStyles(options.scriptUrl, options.nonce);
  const root = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
  root.setAttribute('aria-label', t('GradLens computation graph'));
  const host = connectHost();
  new App(root, host, options);
}

class App {
  private state: ViewState;
  private readonly summary = h('header', { class: 'summary', 'aria-live': 'polite' });
  private readonly banners = h('div', { class: 'banners' });
  private readonly formula = h('div', { class: 'formula-host' });
  /** The tangent overlay's seed, shown and picked on the graph too (the same as the Tables tab's). */
  private readonly seedSelect = h('select', { class: 'graph-seed', 'aria-label': t('Seed: the input whose tangent is 1 (the tangent overlay and the primal–tangent table)') });
  private readonly tabs = h('div', { role: 'tablist', 'aria-label': t('Views') });
  private readonly panels: Record<Tab, HTMLElement>;
  private readonly content = h('div', { class: 'content' });
  private readonly status = h('span', { class: 'status', role: 'status' });
  private readonly overlayButtons = new Map<Overlay, HTMLButtonElement>();
  private readonly graphView: GraphView;
  private readonly layouts: LayoutClient;
  private renderSeq = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private highlighted = new Set<number>();
  /** The editor's cursor as last sent: a new model (an edit renumbers nodes) is highlighted from it again. */
  private cursor: { documentUri: string; position: SourcePosition | null } | undefined;
  private expandAll: HTMLButtonElement | undefined;
  private lastLayout: { model: GraphModel; groupsKey: string; vis: VisibleGraph; layout: LayoutResult; shape: string; reused: boolean } | undefined;
  private collapseAll: HTMLButtonElement | undefined;
  /** Tabs whose content predates the model shown. */
  private readonly outdated = new Set<Tab>();

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
    options: AppOptions,
  ) {
    this.state = restoreState(host.getState());
    this.layouts = new LayoutClient(options.scriptUrl, (message) => host.post({ type: 'log', level: 'info', message }));
    this.panels = {
      graph: h('div', { role: 'tabpanel', id: 'panel-graph', 'aria-labelledby': 'tab-graph', class: 'graph-panel' }),
      tables: h('div', { role: 'tabpanel', id: 'panel-tables', 'aria-labelledby': 'tab-tables' }),
      tape: h('div', { role: 'tabpanel', id: 'panel-tape', 'aria-labelledby': 'tab-tape' }),
      plots: h('div', { role: 'tabpanel', id: 'panel-plots', 'aria-labelledby': 'tab-plots' }),
    };
    const graphHost = h('div', { class: 'graph-host' });
    this.panels.graph.append(this.graphToolbar(), graphHost);
    this.graphView = new GraphView(graphHost, {
      select: (node, how) => this.selectNode(node, how),
      toggleGroup: (id, expand, focusKey) => {
        this.state.groups[id] = expand;
        this.save();
        void this.renderGraph(focusKey);
      },
      viewChanged: (t) => {
        this.state.transform = t;
        this.save();
      },
    });
    this.buildTabs();
    this.content.append(...Object.values(this.panels));
    root.append(this.summary, this.formula, this.banners, this.tabs, this.content);
    this.content.classList.add('content');
    this.installRowNavigation();
    window.addEventListener('error', (e) => host.post({ type: 'log', level: 'error', message: `webview: ${e.message}` }));
    host.onMessage((m) => this.receive(m));
    this.renderAll(true);
    host.post({ type: 'ready' });
  }

  // ---- messages ------------------------------------------------------------------------------------

  private receive(m: HostMessage): void {
    switch (m.type) {
      case 'show': {
        const keep = sameFunction(this.state.model, m.model);
        if (!keep) {
          this.state.groups = {};
          this.state.selected = null;
          this.state.transform = null;
        }
        this.state.model = m.model;
        this.state.target = targetOf(m.model);
        this.highlighted = this.nodesAtCursor();
        this.state.stale = null;
        this.state.error = null;
        this.renderAll(keep);
        break;
      }
      case 'stale':
        this.state.stale = m.reason;
        this.renderBanners();
        break;
      case 'error':
        this.state.error = m.error;
        this.renderBanners();
        break;
      case 'highlight':
        this.highlightAt(m.documentUri, m.position);
        return;
    }
    this.save();
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.host.setState(this.state), 150);
  }

  private reveal(range: SourceRange, focusEditor: boolean): void {
    const model = this.state.model;
    if (model) this.host.post({ type: 'reveal', documentUri: model.documentUri, range, focusEditor });
  }

  // ---- rendering -----------------------------------------------------------------------------------

  private renderAll(keepView: boolean): void {
    setPrecision(this.state.model?.precision);
    this.renderSummary();
    this.renderBanners();
    const model = this.state.model;
    this.root.classList.toggle('has-model', model !== null);
    if (!model) {
      this.panels.tables.replaceChildren();
      this.panels.tape.replaceChildren();
      this.panels.plots.replaceChildren();
      return;
    }
    // Tables and tape have a row per node (thousands for an array parameter): only the open tab is
    // drawn now, the others when they are opened.
    for (const tab of LISTS) this.outdated.add(tab);
    this.renderSeedPicker(model);
    this.renderList(this.state.tab);
    void this.renderGraph(undefined, keepView);
  }

  private renderList(tab: Tab): void {
    const model = this.state.model;
    if (!model || !this.outdated.delete(tab)) return;
    if (tab === 'tables') {
      this.panels.tables.replaceChildren(renderTables(model, (input) => this.chooseSeed(input)));
    } else if (tab === 'tape') this.panels.tape.replaceChildren(renderTape(model));
    else if (tab === 'plots') this.panels.plots.replaceChildren(renderPlots(model));
    this.markSelectedRows();
    this.applyRowHighlight();
  }

  private chooseSeed(input: string): void {
    const model = this.state.model;
    if (!model || input === model.seed) return;
    this.state.stale = t('recomputing the tangents with the seed on {0}…', model.inputs.find((i) => i.name === input)?.label ?? input);
    this.renderBanners();
    this.host.post({ type: 'setSeed', input });
  }

  private renderSeedPicker(model: GraphModel): void {
    this.seedSelect.replaceChildren(...model.inputs.map((input) => h('option', { value: input.name, ...(input.name === model.seed ? { selected: true } : {}) }, `v̇ = 1 on ${input.label}`)));
    this.seedSelect.value = model.seed;
    this.seedSelect.hidden = model.inputs.length < 2;
  }

  private renderSummary(): void {
    const m = this.state.model;
    if (!m) {
      this.formula.replaceChildren();
      this.summary.replaceChildren(h('span', { class: 'muted' }, t('GradLens: no function shown yet. Run “GradLens: Show Computation Graph” or click a function’s lens.')));
      return;
    }
    // One line that fits: long lists become their count and norm, as a lens writes them, and the
    // point's source and the node count come first to go missing never (the tooltip has every entry).
    const value = m.outputs.length === 1 ? num(m.outputs[0]) : listText(m.outputs, 'outputs');
    const grad = m.gradient ? (m.gradient.length > SUMMARY_ENTRIES ? ` · ∇: ${listText(m.gradient, 'entries')}` : ` · ∇ = ${listText(m.gradient, 'entries')}`) : '';
    const meta = t('({0}; {1} nodes)', m.point.source, m.nodes.length);
    this.summary.replaceChildren(h('span', { class: 'result' }, `${m.function.name}(${m.point.text}) = ${value}${grad}`), h('span', { class: 'muted meta' }, meta));
    const all = (xs: readonly (number | null)[]): string => `(${xs.map(num).join(', ')})`;
    this.summary.title = visibleBidi(`${m.function.name}(${m.point.text}) = ${m.outputs.length === 1 ? num(m.outputs[0]) : all(m.outputs)}${m.gradient ? ` · ∇ = ${all(m.gradient)}` : ''}  ${meta}`);
    const formula = renderFormula(m.formula);
    this.formula.replaceChildren(...(formula ? [formula] : []));
  }

  private renderBanners(): void {
    const { stale, error, model } = this.state;
    const out: HTMLElement[] = [];
    if (error) {
      const b = h('div', { class: 'banner error', role: 'alert' }, `✗ ${error.message}`);
      const range = error.range;
      if (range) {
        const go = h('button', { class: 'tool', type: 'button' }, t('Go to line {0}', range.start.line + 1));
        go.addEventListener('click', () => this.reveal(range, true));
        b.append(go);
      }
      if (model) b.append(h('span', { class: 'muted' }, ` — ${t('showing the last result, which may be out of date.')}`));
      out.push(b);
    } else if (stale && model) {
      out.push(h('div', { class: 'banner stale', role: 'status' }, `⚠ ${t('Out of date: {0}', stale)}`));
    }
    this.banners.replaceChildren(...out);
    this.content.classList.toggle('stale-content', model !== null && (stale !== null || error !== null));
    this.root.dataset.state = error ? 'error' : stale ? 'stale' : model ? 'fresh' : 'empty';
  }

  private async renderGraph(focusKey?: string, keepView = true): Promise<void> {
    const model = this.state.model;
    if (!model) return;
    const seq = ++this.renderSeq;
    const started = performance.now();
    // The same model with the same groups open (an overlay switch, a tab switch) reuses its layout.
    const groupsKey = JSON.stringify(this.state.groups);
    let cached = this.lastLayout;
    if (!cached || cached.model !== model || cached.groupsKey !== groupsKey) {
      const vis = visibleGraph(model, this.state.groups);
      const input = { nodes: vis.nodes.map((n) => ({ key: n.key, width: n.width, height: n.height })), edges: vis.edges.filter((e) => !e.stub).map((e) => ({ from: e.from, to: e.to })) };
      // An edit that changes numbers but not the graph (a constant, the point) keeps the layout: no
      // second layout, and nothing moves under the person's eyes.
      const shape = JSON.stringify(input);
      if (cached && cached.shape === shape) {
        cached = this.lastLayout = { model, groupsKey, vis, layout: cached.layout, shape, reused: true };
      } else {
        this.status.textContent = t('laying out {0} nodes…', vis.nodes.length);
        const layout = await this.layouts.layout(input);
        if (seq !== this.renderSeq || this.state.model !== model) return; // a newer render started
        cached = this.lastLayout = { model, groupsKey, vis, layout, shape, reused: false };
      }
    }
    const { vis, layout, reused } = cached;
    this.graphView.render(model, vis, layout, this.state.overlay, keepView ? (this.state.transform ?? undefined) : undefined, focusKey);
    this.graphView.select(this.state.selected !== null ? vis.keyOf.get(this.state.selected) : undefined);
    this.graphView.highlight(this.highlighted);
    const collapsed = model.groups.length > 0 && vis.nodes.length < model.nodes.length;
    if (this.expandAll) this.expandAll.disabled = !collapsed;
    const shownGroups = new Set(vis.nodes.map((n) => n.group?.id));
    if (this.collapseAll) this.collapseAll.disabled = model.groups.every((g) => shownGroups.has(g.id));
    const nodes = collapsed ? t('{0} of {1} nodes (collapsed)', vis.nodes.length, model.nodes.length) : t('{0} of {1} nodes', vis.nodes.length, model.nodes.length);
    this.status.textContent = `${nodes} · ${reused ? t('layout kept') : t('layout {0} ms', Math.round(layout.millis))}`;
    this.status.title = visibleBidi(`${this.layouts.lastRanIn === 'worker' ? t('Laid out in a worker.') : t('Laid out on the UI thread.')} ${t("Keys: arrows move, Enter reveals or expands, c collapses a node's group, + − 0 zoom and fit.")}`);
    const layoutDone = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (seq !== this.renderSeq) return;
        this.root.dataset.layoutMs = (layoutDone - started).toFixed(1);
        this.root.dataset.paintMs = (performance.now() - started).toFixed(1);
        this.root.dataset.paintedAt = performance.now().toFixed(1);
        this.root.dataset.layoutIn = this.layouts.lastRanIn;
        this.root.dataset.rendered = String(seq);
      }),
    );
  }

  // ---- toolbar and tabs ----------------------------------------------------------------------------

  private graphToolbar(): HTMLElement {
    const bar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('Graph tools') });
    const group = h('span', { role: 'group', 'aria-label': t('Overlay') });
    const labels: Record<Overlay, string> = { value: t('Values'), tangent: t('Tangents v̇'), adjoint: t('Adjoints v̄') };
    for (const o of ['value', 'tangent', 'adjoint'] as const) {
      const b = h('button', { class: 'tool', type: 'button', 'aria-pressed': String(this.state.overlay === o), 'data-overlay': o }, labels[o]);
      b.addEventListener('click', () => this.setOverlay(o));
      this.overlayButtons.set(o, b);
      group.append(b);
    }
    const tool = (label: string, aria: string, action: () => void): HTMLButtonElement => {
      const b = h('button', { class: 'tool', type: 'button', 'aria-label': aria, title: aria }, label);
      b.addEventListener('click', action);
      return b;
    };
    this.seedSelect.addEventListener('change', () => this.chooseSeed(this.seedSelect.value));
    bar.append(
      group,
      this.seedSelect,
      h('span', { class: 'sep' }),
      tool('−', t('Zoom out (−)'), () => this.graphView.zoomBy(0.8)),
      tool('+', t('Zoom in (+)'), () => this.graphView.zoomBy(1.25)),
      tool(t('Fit'), t('Fit the graph (0)'), () => this.graphView.fit()),
      h('span', { class: 'sep' }),
      (this.expandAll = tool(t('Expand all'), t('Expand every group'), () => this.setAllGroups(true))),
      (this.collapseAll = tool(t('Collapse'), t('Collapse by source line, helper and parameter'), () => this.setAllGroups(false))),
      this.status,
    );
    return bar;
  }

  private setOverlay(o: Overlay): void {
    this.state.overlay = o;
    for (const [k, b] of this.overlayButtons) b.setAttribute('aria-pressed', String(k === o));
    this.save();
    void this.renderGraph();
  }

  private setAllGroups(expand: boolean): void {
    const model = this.state.model;
    if (!model) return;
    for (const g of model.groups) this.state.groups[g.id] = expand;
    this.state.transform = null;
    this.save();
    void this.renderGraph(undefined, false);
  }

  private buildTabs(): void {
    const buttons: HTMLButtonElement[] = [];
    const titles = tabTitles();
    for (const tab of Object.keys(titles) as Tab[]) {
      const b = h('button', { role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, type: 'button', 'data-tab': tab }, titles[tab]);
      b.addEventListener('click', () => this.showTab(tab));
      buttons.push(b);
    }
    this.tabs.append(...buttons);
    this.tabs.addEventListener('keydown', (e) => {
      const i = buttons.indexOf(e.target as HTMLButtonElement);
      if (i < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      const next = buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]!;
      next.focus();
      this.showTab(next.dataset.tab as Tab);
    });
    this.showTab(this.state.tab);
  }

  private showTab(tab: Tab): void {
    this.state.tab = tab;
    for (const b of this.tabs.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
      const on = b.dataset.tab === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    for (const [k, p] of Object.entries(this.panels)) p.hidden = k !== tab;
    this.renderList(tab);
    if (tab === 'graph' && this.state.model) void this.renderGraph();
    this.save();
  }

  // ---- selection and highlight ---------------------------------------------------------------------

  private selectNode(node: GraphNode, how: 'click' | 'enter'): void {
    this.state.selected = node.id;
    this.markSelectedRows();
    this.reveal(node.range, how === 'enter');
    this.save();
  }

  private installRowNavigation(): void {
    for (const panel of [this.panels.tables, this.panels.tape]) {
      rovingList(panel, '.row', (row, how) => {
        const model = this.state.model;
        const id = Number(row.dataset.node);
        const node = model?.nodes.find((n) => n.id === id);
        if (!model || !node) return;
        const range = this.rowRange(row) ?? node.range;
        this.state.selected = id;
        this.markSelectedRows();
        this.graphView.select(nodeKey(id));
        this.reveal(range, how === 'enter');
        this.save();
      });
    }
  }

  /** A row's own range (the result rows point at the function, not at a node). */
  private rowRange(row: HTMLElement): SourceRange | undefined {
    const m = this.state.model;
    const tag = row.dataset.row ?? '';
    const index = Number(tag.replace(/^\D+/, ''));
    if (!m || !Number.isInteger(index)) return undefined;
    if (tag.startsWith('tape')) return m.tape[index]?.range;
    if (tag.startsWith('t')) return m.tangentRows[index]?.range;
    if (tag.startsWith('p')) return m.primalRows[index]?.range;
    if (tag.startsWith('a')) return m.adjointRows[index]?.range;
    return undefined;
  }

  private markSelectedRows(): void {
    for (const r of this.root.querySelectorAll<HTMLElement>('.row')) r.classList.toggle('selected', Number(r.dataset.node) === this.state.selected);
  }

  private highlightAt(documentUri: string, position: SourcePosition | null): void {
    this.cursor = { documentUri, position };
    this.highlighted = this.nodesAtCursor();
    this.graphView.highlight(this.highlighted, true);
    this.applyRowHighlight(true);
  }

  private nodesAtCursor(): Set<number> {
    const model = this.state.model;
    const c = this.cursor;
    return model && c?.position && c.documentUri === model.documentUri ? nodesAt(model, c.position) : new Set();
  }

  private applyRowHighlight(scroll = false): void {
    let first: HTMLElement | undefined;
    for (const r of this.root.querySelectorAll<HTMLElement>('.row')) {
      const on = this.highlighted.has(Number(r.dataset.node));
      r.classList.toggle('hl', on);
      if (on && !first && !r.closest('[hidden]')) first = r;
    }
    if (scroll && first) first.scrollIntoView({ block: 'nearest' });
    this.root.dataset.highlighted = [...this.highlighted].sort((a, b) => a - b).join(',');
  }
}

/**
 * The nodes a cursor position points at: those whose range holds it, innermost first (all nodes of
 * that smallest range: one per loop iteration); else every node on that line.
 */
export function nodesAt(model: GraphModel, p: SourcePosition): Set<number> {
  const before = (a: SourcePosition, b: SourcePosition): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column);
  const size = (r: SourceRange): number => (r.end.line - r.start.line) * 10_000 + (r.end.column - r.start.column);
  const holding = model.nodes.filter((n) => before(n.range.start, p) && before(p, n.range.end));
  if (holding.length > 0) {
    const smallest = Math.min(...holding.map((n) => size(n.range)));
    return new Set(holding.filter((n) => size(n.range) === smallest).map((n) => n.id));
  }
  return new Set(model.nodes.filter((n) => n.range.start.line === p.line).map((n) => n.id));
}
