import { t } from '../../../src/core/localize';
import type { ArrayCells, ArrayData } from '../../../src/protocol/arrayData';
import { s } from '../dom';
import { fmt } from '../format';
import type { Overlay } from './view';
import { heatmapBox } from './visible';

/**
 * An array node's picture: one SVG rect per cell, coloured on a diverging scale centred on 0 —
 * positive cells in the theme's red, negative in its blue, the opacity their size relative to the
 * largest cell (zero is the node's own background). Colours are CSS classes over VS Code's theme
 * variables; the opacity is a presentation attribute, which the strict CSP allows.
 */
export function cellsOf(array: ArrayData, overlay: Overlay): ArrayCells | null {
  return overlay === 'value' ? array.value : overlay === 'tangent' ? array.tangent : array.adjoint;
}

/** `value from −0.99 to 0.98` (the whole array's, not the cells'), for titles and labels. */
export function rangeText(array: ArrayData, overlay: Overlay): string {
  const c = cellsOf(array, overlay);
  if (overlay === 'value') return !c ? t('no value') : c.min === null || c.max === null ? t('value not finite') : t('value min {0}, max {1}', fmt(c.min), fmt(c.max));
  if (overlay === 'tangent') return !c ? t('no tangent') : c.min === null || c.max === null ? t('tangent not finite') : t('tangent min {0}, max {1}', fmt(c.min), fmt(c.max));
  return !c ? t('no adjoint') : c.min === null || c.max === null ? t('adjoint not finite') : t('adjoint min {0}, max {1}', fmt(c.min), fmt(c.max));
}

/** The picture at (x, y) in the node, or a note when this overlay has no numbers. */
export function drawHeatmap(array: ArrayData, overlay: Overlay, x: number, y: number): SVGGElement {
  const box = heatmapBox(array);
  const g = s('g', { class: `heatmap ${overlay}`, transform: `translate(${x},${y})`, 'aria-hidden': 'true' });
  const cells = cellsOf(array, overlay);
  if (!cells) {
    g.append(s('text', { x: 0, y: 12, class: 'hint' }, t('{0} (the output is not a scalar)', rangeText(array, overlay))));
    return g;
  }
  const [rows, cols] = array.grid;
  let scale = 0;
  for (const v of cells.cells) if (v !== null) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = cells.cells[i * cols + j] ?? null;
      const attrs: Record<string, string | number> = { x: j * box.cellWidth, y: i * box.cellHeight, width: box.cellWidth, height: box.cellHeight };
      if (v === null) attrs.class = 'cell nan';
      else if (v === 0 || scale === 0) attrs.class = 'cell zero';
      else {
        attrs.class = v > 0 ? 'cell pos' : 'cell neg';
        attrs['fill-opacity'] = (Math.abs(v) / scale).toFixed(3);
      }
      g.append(s('rect', attrs));
    }
  }
  g.append(s('rect', { x: 0, y: 0, width: box.width, height: box.height, class: 'frame' }));
  return g;
}
