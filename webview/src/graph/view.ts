import { t } from '../../../src/core/localize';
import type { ArrayData, GraphModel, GraphNode } from '../../../src/protocol/graphModel';
import { s } from '../dom';
import { fmt, full, where } from '../format';
import { drawHeatmap, rangeText } from './heatmap';
import { Minimap } from './minimap';
import type { LayoutResult } from './layout';
import { arrayOverlayText, groupHint, HEATMAP_TOP, nodeLabel, type VisibleGraph, type VisibleNode } from './visible';
import { visibleBidi } from '../../../src/protocol/visibleText';

export type Overlay = 'value' | 'tangent' | 'adjoint';

/**
 * Fit never zooms out below this: node titles (12 px) stay at least 9.6 px tall. A larger graph is
 * shown from its inputs at this scale, with the overview (minimap) and scrolling for the rest.
 */
export const READABLE_SCALE = 0.8;
/** Semantic zoom: below this scale the text would be unreadable, so nodes are drawn as plain boxes. */
export const LABELS_FROM_SCALE = 0.55;
/** Monospace character widths of node text (12 px titles and values, 11 px snippets and hints). */
const CHAR_WIDTH = { title: 7.3, small: 6.7 };

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface GraphViewEvents {
  /** A node was clicked (`click`) or activated with Enter (`enter`). */
  select(node: GraphNode, how: 'click' | 'enter'): void;
  /** Expand (true) or collapse (false) a group. */
  toggleGroup(groupId: string, expand: boolean, focusKey?: string): void;
  /** The user zoomed or panned. */
  viewChanged(t: ViewTransform): void;
}

/**
 * The graph as SVG: layered nodes (inputs and the output stand out), data-flow edges, zoom (wheel,
 * + − 0 keys, buttons), pan (drag the background), fit, and spatial keyboard navigation with a roving
 * tabindex (arrows move to the nearest node in that direction, Enter reveals or expands).
 */
export class GraphView {
  readonly svg: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private transform: ViewTransform = { x: 0, y: 0, k: 1 };
  private size = { width: 0, height: 0 };
  private elements = new Map<string, SVGGElement>();
  private vis: VisibleGraph | undefined;
  private layout: LayoutResult | undefined;
  private model: GraphModel | undefined;
  private highlighted = new Set<number>();
  private selectedKey: string | undefined;
  /** A highlight asked to be shown while the graph was hidden or not laid out yet. */
  private revealPending = false;
  private readonly minimap: Minimap;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: GraphViewEvents,
  ) {
    this.svg = s('svg', { class: 'graph', role: 'group', 'aria-roledescription': 'computation graph', focusable: 'false' });
    const defs = s('defs');
    defs.append(
      s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' })),
    );
    this.viewport = s('g', { class: 'viewport' });
    this.svg.append(defs, this.viewport);
    container.append(this.svg);
    this.minimap = new Minimap(container, (x, y) => {
      const t = this.transform;
      this.setTransform({ k: t.k, x: this.size.width / 2 - x * t.k, y: this.size.height / 2 - y * t.k });
    });
    this.installPointer();
    this.installKeys();
  }

  get currentTransform(): ViewTransform {
    return this.transform;
  }

  render(model: GraphModel, vis: VisibleGraph, layout: LayoutResult, overlay: Overlay, transform: ViewTransform | undefined, focusKey?: string): void {
    this.model = model;
    this.vis = vis;
    this.layout = layout;
    this.elements.clear();
    const edgesLayer = s('g', { class: 'edges' });
    const stubLayer = s('g', { class: 'stubs' });
    const nodesLayer = s('g', { class: 'nodes' });
    const byKey = new Map(vis.nodes.map((n) => [n.key, n]));
    const laidOut = vis.edges.filter((e) => !e.stub);
    laidOut.forEach((e, i) => {
      const pts = layout.routes[i] ?? [];
      if (pts.length < 2) return;
      const d = pts.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
      const path = s('path', { d, class: 'edge', 'data-from': e.from, 'data-to': e.to, 'marker-end': 'url(#arrow)' });
      if (e.count > 1) path.classList.add('multi');
      edgesLayer.append(path);
    });
    // Hub edges: a short labelled stub into each consumer, so a parameter used by every iteration does
    // not draw a hundred long edges (or slow the layout down).
    const stubsInto = new Map<string, number>();
    for (const e of vis.edges.filter((x) => x.stub)) {
      const target = byKey.get(e.to);
      const p = layout.positions[e.to];
      const from = byKey.get(e.from);
      if (!target || !p || !from) continue;
      const n = stubsInto.get(e.to) ?? 0;
      stubsInto.set(e.to, n + 1);
      const x = p[0] - target.width / 2 + 14 + n * 40;
      const y = p[1] - target.height / 2;
      const label = from.node ? from.node.name : (from.group!.label.split(' ')[0] ?? 'group');
      stubLayer.append(
        s('path', { d: `M${x},${y - 16} L${x},${y}`, class: 'edge stub', 'data-from': e.from, 'data-to': e.to, 'marker-end': 'url(#arrow)' }),
        s('text', { x: x + 3, y: y - 9, class: 'stub-label' }, label),
      );
    }
    for (const v of vis.nodes) {
      const p = layout.positions[v.key];
      if (!p) continue;
      const g = this.drawNode(v, p, overlay);
      nodesLayer.append(g);
      this.elements.set(v.key, g);
    }
    this.viewport.replaceChildren(edgesLayer, stubLayer, nodesLayer);
    this.svg.setAttribute('aria-label', visibleBidi(t('Computation graph of {0}: {1} nodes, {2} shown', model.function.name, model.nodes.length, vis.nodes.length)));
    this.measure();
    this.minimap.show(vis, layout);
    if (transform) this.setTransform(transform, false);
    else this.fit(false);
    // A graph too large to fit readably opens at its top: after expanding a group, show the group's
    // first node instead (Fit or 0 goes back to the top; the overview shows the rest).
    const target = focusKey ? layout.positions[focusKey] : undefined;
    if (!transform && target && this.transform.k <= READABLE_SCALE) {
      const k = 0.9;
      this.setTransform({ k, x: this.size.width / 2 - target[0] * k, y: Math.min(this.size.height / 3, this.size.height / 2 - target[1] * k) }, false);
    }
    const focus = (focusKey && this.elements.get(focusKey)) || (this.selectedKey && this.elements.get(this.selectedKey)) || this.firstNode();
    if (focus) focus.tabIndex = 0;
    if (focusKey && focus) focus.focus();
    this.applyHighlight();
  }

  private firstNode(): SVGGElement | undefined {
    return this.elements.values().next().value;
  }

  private drawNode(v: VisibleNode, [cx, cy]: readonly [number, number], overlay: Overlay): SVGGElement {
    const x = cx - v.width / 2;
    const y = cy - v.height / 2;
    const g = s('g', { class: 'node', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: -1, role: 'button', 'data-key': v.key });
    g.append(s('rect', { width: v.width, height: v.height, rx: 5, class: 'box' }));
    if (v.group) {
      g.classList.add('group');
      // A list parameter's entries, collapsed, are an input like any other.
      if (v.group.kind === 'parameter') g.classList.add('input');
      const hint = groupHint(v.members.length, v.group.kind);
      g.setAttribute('aria-expanded', 'false');
      g.setAttribute('aria-label', visibleBidi(t('Collapsed: {0}. Enter to expand.', v.group.label)));
      g.append(
        s('title', {}, `${v.group.label}\n${hint}`),
        s('text', { x: 10, y: 18, class: 'title' }, fitText(v.group.label, v.width - 20, CHAR_WIDTH.title)),
        s('text', { x: 10, y: 35, class: 'hint' }, fitText(hint, v.width - 20, CHAR_WIDTH.small)),
      );
      return g;
    }
    const n = v.node!;
    g.classList.add(n.kind === 'input' ? 'input' : 'op');
    if (n.isOutput) g.classList.add('output');
    if (n.group) g.setAttribute('data-group', n.group);
    g.setAttribute('data-node', String(n.id));
    const role = n.kind === 'input' ? `${t('input')} ` : n.isOutput ? `${t('output')} ` : '';
    g.append(
      s('text', { x: 8, y: 17, class: 'title' }, fitText(nodeLabel(n), v.width - 16, CHAR_WIDTH.title)),
      s('text', { x: 8, y: 33, class: 'snippet' }, fitText(n.snippet || n.op, v.width - 16, CHAR_WIDTH.small)),
    );
    if (n.array) {
      g.classList.add('array');
      this.drawArrayNode(g, n, n.array, overlay, role);
      return g;
    }
    const extra = overlayText(n, overlay);
    g.append(
      s('title', {}, `${nodeLabel(n)}\n${t('value {0}', full(n.value))}\n${t('tangent {0}', full(n.tangent))}\n${t('adjoint {0}', full(n.adjoint))}\n${where(n.range)}: ${n.snippet}`),
      s('text', { x: 8, y: 49, class: 'value' }, `= ${fmt(n.value)}`, ...(extra ? [s('tspan', { class: `overlay ${overlay}`, dx: 8 }, extra)] : [])),
    );
    g.setAttribute('aria-label', visibleBidi(`${role}${nodeLabel(n)}, ${t('value {0}', fmt(n.value))}${extra ? `, ${extra}` : ''}, ${where(n.range)}: ${n.snippet}`));
    return g;
  }

  /** An array: its shape on the value line, the selected overlay as a heatmap below, ranges in the title and label. */
  private drawArrayNode(g: SVGGElement, n: GraphNode, array: ArrayData, overlay: Overlay, role: string): void {
    // A one-entry array also reads as a number; a larger one names what the heatmap shows.
    const single = n.value !== null ? ` = ${fmt(n.value)}` : '';
    const extra = single ? overlayText(n, overlay) : arrayOverlayText(array, overlay);
    const ranges = (['value', 'tangent', 'adjoint'] as const).map((o) => rangeText(array, o));
    g.append(
      s('title', {}, `${nodeLabel(n)}\n${t('array {0}', array.label)}\n${ranges.join('\n')}\n${where(n.range)}: ${n.snippet}`),
      s('text', { x: 8, y: 49, class: 'value shape' }, `${array.label}${single}`, ...(extra ? [s('tspan', { class: `overlay ${overlay}`, dx: 8 }, extra)] : [])),
      drawHeatmap(array, overlay, 8, HEATMAP_TOP),
    );
    g.setAttribute('aria-label', visibleBidi(`${role}${nodeLabel(n)}, ${t('array {0}', `${array.label}${single}`)}, ${rangeText(array, overlay)}, ${where(n.range)}: ${n.snippet}`));
  }

  /** Marks the nodes; with `reveal` (the editor's cursor moved) also pans them into view if none is. */
  highlight(ids: ReadonlySet<number>, reveal = false): void {
    this.highlighted = new Set(ids);
    this.applyHighlight();
    if (reveal) this.revealPending = true;
    if (this.revealPending && this.layout && this.svg.getBoundingClientRect().width > 0) {
      this.revealPending = false;
      this.revealHighlighted();
    }
  }

  private highlightedKeys(): Set<string> {
    return new Set([...this.highlighted].map((id) => this.vis?.keyOf.get(id)).filter((k): k is string => k !== undefined));
  }

  /**
   * Pans, keeping the zoom, to centre the highlighted node nearest the middle of the view — unless one
   * is already fully in view, or the node the person just selected here is (partly) in view: the
   * editor answers a selection with a highlight of the same code, and that must not move the graph.
   */
  private revealHighlighted(): void {
    const keys = this.highlightedKeys();
    if (keys.size === 0 || !this.vis || !this.layout) return;
    this.measure();
    const { width, height } = this.size;
    const t = this.transform;
    const byKey = new Map(this.vis.nodes.map((n) => [n.key, n]));
    let nearest: { x: number; y: number; d: number } | undefined;
    for (const key of keys) {
      const p = this.layout.positions[key];
      const v = byKey.get(key);
      if (!p || !v) continue;
      const x0 = (p[0] - v.width / 2) * t.k + t.x;
      const y0 = (p[1] - v.height / 2) * t.k + t.y;
      const x1 = x0 + v.width * t.k;
      const y1 = y0 + v.height * t.k;
      if (x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height) return;
      if (key === this.selectedKey && x1 > 0 && y1 > 0 && x0 < width && y0 < height) return;
      const d = Math.hypot((x0 + x1) / 2 - width / 2, (y0 + y1) / 2 - height / 2);
      if (!nearest || d < nearest.d) nearest = { x: p[0], y: p[1], d };
    }
    if (nearest) this.setTransform({ k: t.k, x: width / 2 - nearest.x * t.k, y: height / 2 - nearest.y * t.k });
  }

  private applyHighlight(): void {
    if (!this.vis) return;
    const keys = this.highlightedKeys();
    for (const [key, el] of this.elements) {
      el.classList.toggle('hl', keys.has(key));
      el.classList.toggle('selected', key === this.selectedKey);
    }
  }

  select(key: string | undefined): void {
    this.selectedKey = key;
    this.applyHighlight();
  }

  // ---- zoom, pan, fit --------------------------------------------------------------------------------

  private measure(): void {
    const r = this.svg.getBoundingClientRect();
    this.size = { width: r.width || this.container.clientWidth || 600, height: r.height || this.container.clientHeight || 400 };
  }

  /**
   * The whole graph if it fits at a readable scale; otherwise the readable scale, showing the graph
   * from its top (the inputs), centred on the first of them — the overview shows where the rest is.
   */
  fit(notify = true): void {
    if (!this.layout) return;
    this.measure();
    const { width, height } = this.layout;
    // Measured without the overview's strip: the graph fits, or the strip is needed and takes its room.
    if (this.minimap.setVisible(false)) this.measure();
    const whole = Math.min(this.size.width / (width + 24), this.size.height / (height + 24));
    if (whole < READABLE_SCALE && this.minimap.setVisible(true)) this.measure();
    if (whole >= READABLE_SCALE) {
      const k = Math.min(1.25, whole);
      this.setTransform({ k, x: (this.size.width - width * k) / 2, y: Math.max(8, (this.size.height - height * k) / 2) }, notify);
      return;
    }
    const k = READABLE_SCALE;
    const first = this.topmost();
    const centred = this.size.width / 2 - (first ? first[0] : width / 2) * k;
    // Keep the graph's edges from leaving an empty margin on either side.
    const x = width * k <= this.size.width ? (this.size.width - width * k) / 2 : Math.min(12, Math.max(this.size.width - width * k - 12, centred));
    this.setTransform({ k, x, y: 12 }, notify);
  }

  /** The centre of the node nearest the top of the layout. */
  private topmost(): readonly [number, number] | undefined {
    let best: readonly [number, number] | undefined;
    for (const p of Object.values(this.layout?.positions ?? {})) if (!best || p[1] < best[1]) best = p;
    return best;
  }

  zoomBy(factor: number, at?: readonly [number, number]): void {
    this.measure();
    const [px, py] = at ?? [this.size.width / 2, this.size.height / 2];
    const t = this.transform;
    const k = Math.min(4, Math.max(0.05, t.k * factor));
    this.setTransform({ k, x: px - ((px - t.x) * k) / t.k, y: py - ((py - t.y) * k) / t.k });
  }

  private setTransform(t: ViewTransform, notify = true): void {
    this.transform = t;
    this.viewport.setAttribute('transform', `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(4)})`);
    this.svg.classList.toggle('far', t.k < LABELS_FROM_SCALE);
    // Showing or hiding the overview's strip resizes the view: frame it again at the new size.
    if (this.minimap.update(t, this.size, this.layout)) {
      this.measure();
      this.minimap.update(t, this.size, this.layout);
    }
    if (notify) this.events.viewChanged(t);
  }

  /** Pans so that `key` is in view (keyboard focus moved off-screen). */
  private ensureVisible(key: string): void {
    const p = this.layout?.positions[key];
    if (!p) return;
    const t = this.transform;
    const x = p[0] * t.k + t.x;
    const y = p[1] * t.k + t.y;
    const m = 40;
    if (x < m || y < m || x > this.size.width - m || y > this.size.height - m) {
      this.setTransform({ k: t.k, x: this.size.width / 2 - p[0] * t.k, y: this.size.height / 2 - p[1] * t.k });
    }
  }

  private installPointer(): void {
    this.svg.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        // Ctrl (or a trackpad pinch, which arrives as Ctrl+wheel) zooms at the pointer; the wheel scrolls.
        if (e.ctrlKey || e.metaKey) {
          const r = this.svg.getBoundingClientRect();
          this.zoomBy(Math.exp(-e.deltaY * 0.0025), [e.clientX - r.left, e.clientY - r.top]);
          return;
        }
        const t = this.transform;
        const [dx, dy] = e.shiftKey && e.deltaX === 0 ? [e.deltaY, 0] : [e.deltaX, e.deltaY];
        this.setTransform({ k: t.k, x: t.x - dx, y: t.y - dy });
      },
      { passive: false },
    );
    let drag: { x: number; y: number; t: ViewTransform; moved: boolean } | undefined;
    this.svg.addEventListener('pointerdown', (e) => {
      if ((e.target as Element).closest('.node')) return;
      drag = { x: e.clientX, y: e.clientY, t: this.transform, moved: false };
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add('panning');
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      drag.moved = true;
      this.setTransform({ k: drag.t.k, x: drag.t.x + e.clientX - drag.x, y: drag.t.y + e.clientY - drag.y }, false);
    });
    const end = (): void => {
      if (drag?.moved) this.events.viewChanged(this.transform);
      drag = undefined;
      this.svg.classList.remove('panning');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
    this.svg.addEventListener('click', (e) => {
      const el = (e.target as Element).closest<SVGGElement>('.node');
      if (el) this.activate(el, 'click');
    });
  }

  private activate(el: SVGGElement, how: 'click' | 'enter'): void {
    const key = el.dataset.key!;
    const v = this.vis?.nodes.find((n) => n.key === key);
    if (!v) return;
    // A click lands on a node in view: focus it where it is (no pan); Enter may follow keyboard moves.
    this.moveFocus(el, how === 'enter', how === 'enter');
    if (v.group) {
      this.events.toggleGroup(v.group.id, true, `n${v.group.members[0]}`);
      return;
    }
    this.select(key);
    this.events.select(v.node!, how);
  }

  private moveFocus(el: SVGGElement, focus = true, pan = true): void {
    for (const other of this.elements.values()) other.tabIndex = -1;
    el.tabIndex = 0;
    if (focus) el.focus();
    if (pan) this.ensureVisible(el.dataset.key!);
  }

  private installKeys(): void {
    this.svg.addEventListener('keydown', (e) => {
      const el = (e.target as Element).closest<SVGGElement>('.node');
      if (e.key === '+' || e.key === '=') this.zoomBy(1.25);
      else if (e.key === '-') this.zoomBy(0.8);
      else if (e.key === '0') this.fit();
      else if (!el) return;
      else if (e.key === 'Enter' || e.key === ' ') this.activate(el, 'enter');
      else if ((e.key === 'c' || e.key === 'Backspace') && el.dataset.group) this.events.toggleGroup(el.dataset.group, false, `g:${el.dataset.group}`);
      else if (e.key.startsWith('Arrow')) {
        const next = this.neighbour(el.dataset.key!, e.key);
        if (next) this.moveFocus(next);
      } else return;
      e.preventDefault();
    });
  }

  /** The nearest node in the arrow's direction (within a 45° cone, distance weighted by skew). */
  private neighbour(key: string, arrow: string): SVGGElement | undefined {
    const pos = this.layout?.positions;
    const here = pos?.[key];
    if (!pos || !here) return undefined;
    const [dx, dy] = arrow === 'ArrowUp' ? [0, -1] : arrow === 'ArrowDown' ? [0, 1] : arrow === 'ArrowLeft' ? [-1, 0] : [1, 0];
    let best: string | undefined;
    let bestScore = Infinity;
    for (const k of this.elements.keys()) {
      if (k === key) continue;
      const p = pos[k];
      if (!p) continue;
      const vx = p[0] - here[0];
      const vy = p[1] - here[1];
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > along * 2) continue;
      const score = along + across * 2;
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best ? this.elements.get(best) : undefined;
  }

  focusNode(id: number): void {
    const key = this.vis?.keyOf.get(id);
    const el = key ? this.elements.get(key) : undefined;
    if (el) this.moveFocus(el);
  }
}


/** `text` cut with `…` to what `width` pixels hold (the full text is in the node's tooltip). */
export function fitText(text: string, width: number, charWidth: number): string {
  const chars = [...text];
  const room = Math.max(1, Math.floor(width / charWidth));
  return chars.length <= room ? text : `${chars.slice(0, room - 1).join('')}…`;
}

function overlayText(n: GraphNode, overlay: Overlay): string | undefined {
  if (overlay === 'tangent') return `v̇ ${fmt(n.tangent)}`;
  if (overlay === 'adjoint') return `v̄ ${fmt(n.adjoint)}`;
  return undefined;
}
