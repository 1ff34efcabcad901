import { t } from '../../src/core/localize';
import type { ContourPlot, GraphModel, LinePlot } from '../../src/protocol/graphModel';
import { isoSegments, quantile } from './contour';
import { h, s } from './dom';
import { formatNumber } from '../../src/core/numberText';
import { fmt } from './format';

/**
 * Where a picture beats numbers: f along a line through the point with its tangent line of slope
 * ∇f·d, and for two inputs a contour plot with the gradient arrow. Sampled by the extension; drawn here.
 */
const W = 360;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

export function renderPlots(model: GraphModel): HTMLElement {
  const section = h('section', { class: 'plots', 'aria-label': t('Plots') });
  if (model.plots.lines.length === 0 && !model.plots.contour) {
    section.append(h('p', { class: 'note' }, t('No plots: they need a scalar output and at least one input.')));
    return section;
  }
  const name = model.function.name;
  for (const plot of model.plots.lines) section.append(linePlot(plot, name));
  if (model.plots.contour) section.append(contourPlot(model.plots.contour, name));
  return section;
}

function linePlot(p: LinePlot, name: string): HTMLElement {
  const t0 = p.t[0] ?? -1;
  const t1 = p.t[p.t.length - 1] ?? 1;
  // y range: the curve over the middle half of t and the tangent there. What happens further out (a
  // pole, say) is clipped rather than allowed to flatten the picture around the point.
  const middle = p.f.filter((_, i) => Math.abs(p.t[i]!) <= Math.max(Math.abs(t0), Math.abs(t1)) / 2);
  const tangentAt = (t: number): number => p.f0 + p.slope * t;
  let y0 = Math.min(quantile(middle, 0) ?? p.f0, p.f0, tangentAt(t0 / 2), tangentAt(t1 / 2));
  let y1 = Math.max(quantile(middle, 1) ?? p.f0, p.f0, tangentAt(t0 / 2), tangentAt(t1 / 2));
  if (y1 - y0 < 1e-12) {
    y0 -= 1;
    y1 += 1;
  }
  const padY = (y1 - y0) * 0.08;
  y0 -= padY;
  y1 += padY;
  const X = (t: number): number => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const Y = (v: number): number => PAD.top + ((y1 - v) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  let d = '';
  let pen = false;
  p.t.forEach((t, i) => {
    const v = p.f[i];
    if (v === null || v === undefined || v < y0 - (y1 - y0) || v > y1 + (y1 - y0)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${X(t).toFixed(1)},${Y(v).toFixed(1)} `;
    pen = true;
  });
  const svg = s(
    'svg',
    { class: 'plot', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${name} ${p.label}: slope ${fmt(p.slope)} at t = 0` },
    s('defs', {}, s('clipPath', { id: `clip-${p.id}` }, s('rect', { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom }))),
    ...axes(X, Y, t0, t1, y0, y1, 't'),
    s('g', { 'clip-path': `url(#clip-${p.id})` },
      s('path', { d: d.trim(), class: 'curve' }),
      s('line', { x1: X(t0), y1: Y(tangentAt(t0)), x2: X(t1), y2: Y(tangentAt(t1)), class: 'tangent-line' }),
    ),
    s('circle', { cx: X(0), cy: Y(p.f0), r: 3.5, class: 'point' }),
  );
  return h(
    'figure',
    { class: 'plot-figure' },
    svg,
    h('figcaption', {}, t('{0}(x₀ + t·d) {1}; tangent slope ∇{0}·d = {2}, {0}(x₀) = {3}', name, p.label, fmt(p.slope), fmt(p.f0))),
  );
}

function axes(X: (t: number) => number, Y: (v: number) => number, t0: number, t1: number, y0: number, y1: number, tLabel: string): SVGElement[] {
  const out: SVGElement[] = [
    s('line', { x1: X(t0), y1: Y(y0), x2: X(t1), y2: Y(y0), class: 'axis' }),
    s('line', { x1: X(t0), y1: Y(y0), x2: X(t0), y2: Y(y1), class: 'axis' }),
    ...ticks(X, Y, t0, t1, y0, y1),
  ];
  out.push(s('text', { x: X(t1), y: Y(y0) - 4, class: 'tick axis-label', 'text-anchor': 'end' }, tLabel));
  return out;
}

/** About `count` round numbers (1, 2 or 5 times a power of ten) from a to b. */
export function niceTicks(a: number, b: number, count = 5): number[] {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (!(hi > lo) || !Number.isFinite(hi - lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((st) => st >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Tick marks and labels along the bottom and left axes. */
function ticks(X: (x: number) => number, Y: (y: number) => number, x0: number, x1: number, y0: number, y1: number): SVGElement[] {
  const out: SVGElement[] = [];
  for (const t of niceTicks(x0, x1)) {
    out.push(s('line', { x1: X(t), y1: Y(y0), x2: X(t), y2: Y(y0) + 4, class: 'axis' }), s('text', { x: X(t), y: Y(y0) + 15, class: 'tick', 'text-anchor': 'middle' }, fmtTick(t)));
  }
  for (const v of niceTicks(y0, y1)) {
    out.push(s('line', { x1: X(x0) - 4, y1: Y(v), x2: X(x0), y2: Y(v), class: 'axis' }), s('text', { x: X(x0) - 6, y: Y(v) + 3.5, class: 'tick', 'text-anchor': 'end' }, fmtTick(v)));
  }
  return out;
}

/** A tick is a round number: print it without the table's trailing zeros. */
const fmtTick = (v: number): string => formatNumber(v, 6);

function contourPlot(c: ContourPlot, name: string): HTMLElement {
  const size = 320;
  const legendWidth = 64;
  const pad = { left: 48, bottom: 28, top: 10, right: 10 };
  const nx = c.xs.length;
  const ny = c.ys.length;
  const x0 = c.xs[0]!, x1 = c.xs[nx - 1]!, y0 = c.ys[0]!, y1 = c.ys[ny - 1]!;
  const X = (x: number): number => pad.left + ((x - x0) / (x1 - x0)) * (size - pad.left - pad.right);
  const Y = (y: number): number => pad.top + ((y1 - y) / (y1 - y0)) * (size - pad.top - pad.bottom);
  // Shade by rank (histogram-equalised): a pole at the edge must not wash out the rest of the plot.
  const sorted = c.values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const rank = (v: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length > 1 ? lo / (sorted.length - 1) : 0.5;
  };
  const shade = (r: number): string => (0.06 + 0.6 * r).toFixed(3);
  // Each cell spans from the midpoint before its sample to the midpoint after it, on whole pixels
  // that neighbours share: the fill covers the axes' rectangle exactly, without seams or overlaps.
  const xEdges = edges(c.xs, X);
  const yEdges = edges(c.ys, Y);
  const heat = s('g', { class: 'heat', 'shape-rendering': 'crispEdges' });
  c.values.forEach((v, k) => {
    if (v === null) return;
    const i = k % nx;
    const j = Math.floor(k / nx);
    heat.append(s('rect', { x: xEdges[i]!, y: yEdges[j + 1]!, width: xEdges[i + 1]! - xEdges[i]!, height: yEdges[j]! - yEdges[j + 1]!, 'fill-opacity': shade(rank(v)) }));
  });
  const lines = s('g', { class: 'iso' });
  for (let l = 1; l < 10; l++) {
    const level = quantile(c.values, l / 10);
    if (level === undefined) continue;
    const d = isoSegments(c.values, nx, ny, level)
      .map(([a, b, e, f]) => `M${X(x0 + (a / (nx - 1)) * (x1 - x0)).toFixed(1)},${Y(y0 + (b / (ny - 1)) * (y1 - y0)).toFixed(1)}L${X(x0 + (e / (nx - 1)) * (x1 - x0)).toFixed(1)},${Y(y0 + (f / (ny - 1)) * (y1 - y0)).toFixed(1)}`)
      .join('');
    if (d) lines.append(s('path', { d }));
  }
  // The gradient arrow, in screen space: a fifth of the plot long, pointing uphill.
  const [gx, gy] = c.gradient;
  const [px, py] = c.point;
  const sx = gx * (size - pad.left - pad.right) / (x1 - x0);
  const sy = -gy * (size - pad.top - pad.bottom) / (y1 - y0);
  const len = Math.hypot(sx, sy);
  const L = (size - pad.left - pad.right) / 5;
  const ax = X(px), ay = Y(py);
  const bx = len > 0 ? ax + (sx / len) * L : ax, by = len > 0 ? ay + (sy / len) * L : ay;
  const svg = s(
    'svg',
    { class: 'plot contour', viewBox: `0 0 ${size + legendWidth} ${size}`, width: size + legendWidth, height: size, role: 'img', 'aria-label': t('Contour plot of {0} over {1} and {2} with the gradient ({3}, {4})', name, c.xLabel, c.yLabel, fmt(gx), fmt(gy)) },
    s('defs', {}, s('marker', { id: 'grad-arrow', viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'grad-head' }))),
    heat,
    lines,
    s('line', { x1: pad.left, y1: size - pad.bottom, x2: size - pad.right, y2: size - pad.bottom, class: 'axis' }),
    s('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: size - pad.bottom, class: 'axis' }),
    ...ticks(X, Y, x0, x1, y0, y1),
    s('text', { x: X(x1), y: Y(y0) - 4, class: 'tick axis-label', 'text-anchor': 'end' }, c.xLabel),
    s('text', { x: X(x0) + 4, y: Y(y1) + 10, class: 'tick axis-label', 'text-anchor': 'start' }, c.yLabel),
    legend(sorted, size + 8, pad.top, size - pad.top - pad.bottom, shade, name),
    s('line', { x1: ax, y1: ay, x2: bx, y2: by, class: 'gradient-arrow', 'marker-end': 'url(#grad-arrow)' }),
    s('circle', { cx: ax, cy: ay, r: 3.5, class: 'point' }),
  );
  return h('figure', { class: 'plot-figure' }, svg, h('figcaption', {}, t('{0} around ({1}, {2}); the arrow is ∇{0} = ({3}, {4}), uphill. Shades follow the rank of {0}: the legend marks its minimum, median and maximum.', name, fmt(px), fmt(py), fmt(gx), fmt(gy))));
}

/** Pixel edges of the cells around each sample: midpoints between samples, the axis ends outside. */
function edges(samples: readonly number[], toPixel: (v: number) => number): number[] {
  const n = samples.length;
  return Array.from({ length: n + 1 }, (_, i) => Math.round(toPixel(i === 0 ? samples[0]! : i === n ? samples[n - 1]! : (samples[i - 1]! + samples[i]!) / 2)));
}

/** The colour legend: the shades from the lowest value (bottom) to the highest, labelled min, median, max. */
function legend(sorted: readonly number[], x: number, top: number, height: number, shade: (rank: number) => string, name: string): SVGElement {
  const g = s('g', { class: 'legend', 'shape-rendering': 'crispEdges' });
  const steps = 32;
  const y = (r: number): number => Math.round(top + (1 - r) * height);
  for (let k = 0; k < steps; k++) {
    g.append(s('rect', { class: 'legend-cell', x, y: y((k + 1) / steps), width: 12, height: y(k / steps) - y((k + 1) / steps), 'fill-opacity': shade((k + 0.5) / steps) }));
  }
  g.append(s('rect', { class: 'legend-frame', x, y: top, width: 12, height }));
  const at = (q: number): number | undefined => quantile(sorted, q);
  const titles: readonly [number, (v: string) => string][] = [
    [0, (v) => t('min of {0}: {1}', name, v)],
    [0.5, (v) => t('median of {0}: {1}', name, v)],
    [1, (v) => t('max of {0}: {1}', name, v)],
  ];
  for (const [q, title] of titles) {
    const v = at(q);
    if (v !== undefined) g.append(s('text', { x: x + 16, y: y(q) + 3.5, class: 'tick legend-label', 'text-anchor': 'start' }, fmtTick(Number(v.toPrecision(3))), s('title', {}, title(fmt(v)))));
  }
  return g;
}
