import { t } from '../../../src/core/localize';
import { s } from '../dom';
import type { LayoutResult } from './layout';
import type { VisibleGraph } from './visible';

/**
 * The overview of a graph larger than the view: every node as a small box, the part in view as a
 * frame. Click or drag in it to move the view there. Shown only while some of the graph is out of view,
 * in a strip of its own beside the graph (below it for a wide graph's thin overview), so it never
 * covers a node: the graph's view is the space left.
 */
const WIDTH = 200;
const HEIGHT = 140;
/** The box's smallest side, so a very wide or tall graph's strip can still be clicked. */
const MIN_SIDE = 28;
/** The dock's padding and border around the box, in pixels (styles.ts). */
const DOCK_PADDING = 13;

export class Minimap {
  readonly svg: SVGSVGElement;
  /** The strip the overview sits in, beside the graph's view. */
  private readonly dock: HTMLElement;
  private readonly content: SVGGElement;
  private readonly frame: SVGRectElement;
  private readonly background: SVGRectElement;
  private scale = 1;
  private offset: readonly [number, number] = [0, 0];

  /** `centreOn(x, y)` moves the main view's centre to layout coordinates (x, y). */
  constructor(
    private readonly container: HTMLElement,
    private readonly centreOn: (x: number, y: number) => void,
  ) {
    this.svg = s('svg', { class: 'minimap', width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': t('Overview of the graph: click to move the view') });
    this.content = s('g', { class: 'minimap-nodes' });
    this.frame = s('rect', { class: 'minimap-view' });
    this.background = s('rect', { class: 'minimap-bg', width: WIDTH, height: HEIGHT });
    this.svg.append(this.background, this.content, this.frame);
    this.dock = document.createElement('div');
    this.dock.className = 'minimap-dock';
    this.dock.hidden = true;
    this.dock.append(this.svg);
    container.append(this.dock);
    let dragging = false;
    const move = (e: PointerEvent): void => {
      const r = this.svg.getBoundingClientRect();
      this.centreOn((e.clientX - r.left - this.offset[0]) / this.scale, (e.clientY - r.top - this.offset[1]) / this.scale);
    };
    this.svg.addEventListener('pointerdown', (e) => {
      dragging = true;
      this.svg.setPointerCapture(e.pointerId);
      move(e);
      e.stopPropagation();
    });
    this.svg.addEventListener('pointermove', (e) => dragging && move(e));
    this.svg.addEventListener('pointerup', () => (dragging = false));
    this.svg.addEventListener('pointercancel', () => (dragging = false));
  }

  show(vis: VisibleGraph, layout: LayoutResult): void {
    this.scale = Math.min((WIDTH - 8) / Math.max(1, layout.width), (HEIGHT - 8) / Math.max(1, layout.height));
    // The box takes the graph's shape: a wide graph gets a thin strip, not a tall box that hides the view.
    const width = Math.max(MIN_SIDE, Math.ceil(layout.width * this.scale) + 8);
    const height = Math.max(MIN_SIDE, Math.ceil(layout.height * this.scale) + 8);
    for (const el of [this.svg, this.background]) {
      el.setAttribute('width', String(width));
      el.setAttribute('height', String(height));
    }
    this.offset = [(width - layout.width * this.scale) / 2, (height - layout.height * this.scale) / 2];
    // Docked where it takes the least of the view: a wide graph's thin strip below it, a tall box to its right.
    const view = { width: this.container.clientWidth || 600, height: this.container.clientHeight || 400 };
    this.container.classList.toggle('dock-bottom', (height + DOCK_PADDING) * view.width < (width + DOCK_PADDING) * view.height);
    const k = this.scale;
    const boxes = vis.nodes.flatMap((v) => {
      const p = layout.positions[v.key];
      if (!p) return [];
      const kind = v.group ? 'group' : v.node!.kind === 'input' ? 'input' : v.node!.isOutput ? 'output' : 'op';
      return [s('rect', { class: kind, x: (this.offset[0] + (p[0] - v.width / 2) * k).toFixed(1), y: (this.offset[1] + (p[1] - v.height / 2) * k).toFixed(1), width: Math.max(1, v.width * k).toFixed(1), height: Math.max(1, v.height * k).toFixed(1) })];
    });
    this.content.replaceChildren(...boxes);
  }

  /** Shows or hides the strip; true when that changed (the graph's view changed size). */
  setVisible(visible: boolean): boolean {
    if (this.dock.hidden === !visible) return false;
    this.dock.hidden = !visible;
    return true;
  }

  /**
   * The main view's transform and size: frame the part in view, hide the map when all of it is.
   * True when the map was shown or hidden, so the view has a new size to measure.
   */
  update(t: { readonly x: number; readonly y: number; readonly k: number }, view: { readonly width: number; readonly height: number }, layout: LayoutResult | undefined): boolean {
    if (!layout) return false;
    const left = -t.x / t.k;
    const top = -t.y / t.k;
    const right = left + view.width / t.k;
    const bottom = top + view.height / t.k;
    const changed = this.setVisible(!(left <= 0 && top <= 0 && right >= layout.width && bottom >= layout.height));
    // The frame in overview pixels, at least 6 px wide and tall (around its centre) so it stays visible.
    const k = this.scale;
    const [x0, x1] = [Math.max(0, left) * k, Math.min(layout.width, right) * k];
    const [y0, y1] = [Math.max(0, top) * k, Math.min(layout.height, bottom) * k];
    const w = Math.max(6, x1 - x0);
    const h = Math.max(6, y1 - y0);
    this.frame.setAttribute('x', (this.offset[0] + (x0 + x1) / 2 - w / 2).toFixed(1));
    this.frame.setAttribute('y', (this.offset[1] + (y0 + y1) / 2 - h / 2).toFixed(1));
    this.frame.setAttribute('width', w.toFixed(1));
    this.frame.setAttribute('height', h.toFixed(1));
    return changed;
  }
}
