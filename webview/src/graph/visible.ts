import { t } from '../../../src/core/localize';
import type { GraphModel, GraphNode, NodeGroup } from '../../../src/protocol/graphModel';
import { fmt } from '../format';
import type { ArrayData } from '../../../src/protocol/arrayData';

/**
 * What the graph draws: each model node, or the collapsed group it belongs to. Large graphs (unrolled
 * loops) start with every group collapsed; the user expands groups one at a time. Pure: tested in
 * Node, and the layout's input.
 */

/** Above this many nodes the graph opens collapsed. */
export const COLLAPSE_THRESHOLD = 120;
/**
 * A node feeding more than this many others is drawn as a hub: stub edges, left out of the layout —
 * in a graph this large, or whatever the size when it is an input (a parameter used by every
 * iteration of a loop, or a list parameter's collapsed entries): long edges from it would fan across
 * the whole view.
 */
export const HUB_FANOUT = 6;
export const HUB_MIN_GRAPH = 60;

export interface VisibleNode {
  readonly key: string;
  readonly node?: GraphNode;
  readonly group?: NodeGroup;
  /** Model node ids it stands for. */
  readonly members: readonly number[];
  readonly width: number;
  readonly height: number;
}

export interface VisibleEdge {
  readonly from: string;
  readonly to: string;
  /** Model edges it stands for. */
  readonly count: number;
  /** Drawn as a short stub into `to`, labelled with `from` (a hub's edge), and not laid out. */
  readonly stub: boolean;
}

export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly VisibleEdge[];
  /** Model node id → key of what shows it. */
  readonly keyOf: ReadonlyMap<number, string>;
}

export const nodeKey = (id: number): string => `n${id}`;
export const groupKey = (id: string): string => `g:${id}`;

export function startsCollapsed(model: GraphModel): boolean {
  return model.nodes.length > COLLAPSE_THRESHOLD;
}

/**
 * The groups a graph opens with expanded. A list parameter's entries always start as one input node
 * (`x (17 entries)`), whatever the graph's size: drawn one by one they spread across the view, one
 * per loop iteration, and push the rest out of readable scale. A small graph opens every other group;
 * a large one its source lines and helpers, smallest first, while it stays within `COLLAPSE_THRESHOLD`
 * nodes — a numpy function's few array operations on one line stay in view.
 */
export function openByDefault(model: GraphModel): Set<string> {
  const open = new Set<string>();
  if (!startsCollapsed(model)) return new Set(model.groups.filter((g) => g.kind !== 'parameter').map((g) => g.id));
  const grouped = new Set(model.groups.flatMap((g) => g.members));
  let shown = model.groups.length + model.nodes.filter((n) => !grouped.has(n.id)).length;
  const candidates = model.groups.filter((g) => g.kind !== 'parameter').sort((a, b) => a.members.length - b.members.length);
  for (const g of candidates) {
    if (shown + g.members.length - 1 > COLLAPSE_THRESHOLD) break;
    shown += g.members.length - 1;
    open.add(g.id);
  }
  return open;
}

/** Is this group drawn as one node? `overrides` holds the user's choices (true: expanded). */
export function isCollapsed(group: NodeGroup, overrides: Readonly<Record<string, boolean>>, opened: ReadonlySet<string>): boolean {
  const expanded = overrides[group.id];
  return expanded === undefined ? !opened.has(group.id) : !expanded;
}

const CHAR = 7.2;
export const NODE_HEIGHT = 56;
export const GROUP_HEIGHT = 44;
/** In an array node: where the heatmap starts (below title, snippet and shape lines), and the margin under it. */
export const HEATMAP_TOP = 58;
const HEATMAP_BOTTOM = 8;

/** An array node's heatmap (drawn by heatmap.ts). The largest picture: wide enough for a 1-D row, square-ish for matrices. */
const MAX_WIDTH = 240;
const MAX_HEIGHT = 160;
const MAX_CELL = 16;
/** A single row is drawn at least this tall, so a 1-D array stays visible. */
const MIN_ROW_HEIGHT = 10;

export interface HeatmapBox {
  readonly width: number;
  readonly height: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
}

export function heatmapBox(array: ArrayData): HeatmapBox {
  const [rows, cols] = array.grid;
  if (rows === 0 || cols === 0) return { width: 0, height: 0, cellWidth: 0, cellHeight: 0 };
  const cell = Math.max(2, Math.min(MAX_CELL, Math.floor(MAX_WIDTH / cols), Math.floor(MAX_HEIGHT / rows)));
  const cellHeight = rows === 1 ? Math.max(cell, MIN_ROW_HEIGHT) : cell;
  return { width: cols * cell, height: rows * cellHeight, cellWidth: cell, cellHeight };
}

/** The second line of a collapsed group (its label says how many entries a parameter has). */
export function groupHint(members: number, kind: NodeGroup['kind']): string {
  return `▸ ${kind === 'parameter' ? t('Enter or click for each entry') : t('{0} nodes — Enter or click to expand', members)}`;
}

/** `v₁ = v₋₁/v₀`; an input named as its own node (`v₀`) is not labelled again. */
export function nodeLabel(node: GraphNode): string {
  return node.expression === node.name ? node.name : `${node.name} = ${node.expression}`;
}

/** An array node's overlay beside its shape: what the heatmap shows and its range (`v̄ 0.5…0.571`). */
export function arrayOverlayText(array: ArrayData, overlay: 'value' | 'tangent' | 'adjoint'): string | undefined {
  if (overlay === 'value') return undefined;
  const cells = overlay === 'tangent' ? array.tangent : array.adjoint;
  const symbol = overlay === 'tangent' ? 'v̇' : 'v̄';
  if (!cells) return `${symbol} none`;
  if (cells.min === null || cells.max === null) return `${symbol} not finite`;
  return cells.min === cells.max ? `${symbol} ${fmt(cells.min)}` : `${symbol} ${fmt(cells.min)}…${fmt(cells.max)}`;
}

function nodeWidth(node: GraphNode): number {
  // The value line with either overlay: `= 0.500  v̄ −13.724`; an array's starts with its shape.
  const overlays = node.array && node.value === null ? Math.max(...(['tangent', 'adjoint'] as const).map((o) => arrayOverlayText(node.array!, o)!.length)) - 2 : Math.max(fmt(node.tangent).length, fmt(node.adjoint).length);
  const valueLine = 2 + fmt(node.value).length + 4 + overlays + (node.array ? node.array.label.length + 2 : 0);
  const longest = Math.max(nodeLabel(node).length, node.snippet.length, valueLine, 16);
  const heatmap = node.array ? heatmapBox(node.array).width + 16 : 0;
  return Math.min(300, Math.max(96, heatmap, Math.round(longest * CHAR + 20)));
}

function nodeHeight(node: GraphNode): number {
  const heatmap = node.array ? heatmapBox(node.array).height : 0;
  return heatmap > 0 ? HEATMAP_TOP + heatmap + HEATMAP_BOTTOM : NODE_HEIGHT;
}

export function visibleGraph(model: GraphModel, overrides: Readonly<Record<string, boolean>>): VisibleGraph {
  const keyOf = new Map<number, string>();
  const nodes: VisibleNode[] = [];
  const opened = openByDefault(model);
  for (const g of model.groups) {
    if (!isCollapsed(g, overrides, opened)) continue;
    const key = groupKey(g.id);
    for (const m of g.members) keyOf.set(m, key);
    const text = Math.max(g.label.length, groupHint(g.members.length, g.kind).length);
    nodes.push({ key, group: g, members: g.members, width: Math.min(400, Math.max(140, Math.round(text * CHAR + 24))), height: GROUP_HEIGHT });
  }
  for (const n of model.nodes) {
    if (keyOf.has(n.id)) continue;
    const key = nodeKey(n.id);
    keyOf.set(n.id, key);
    nodes.push({ key, node: n, members: [n.id], width: nodeWidth(n), height: nodeHeight(n) });
  }
  const counts = new Map<string, { from: string; to: string; count: number }>();
  for (const e of model.edges) {
    const from = keyOf.get(e.from)!;
    const to = keyOf.get(e.to)!;
    if (from === to) continue;
    const k = `${from}→${to}`;
    const c = counts.get(k);
    if (c) c.count++;
    else counts.set(k, { from, to, count: 1 });
  }
  const fanout = new Map<string, number>();
  for (const c of counts.values()) fanout.set(c.from, (fanout.get(c.from) ?? 0) + 1);
  const large = nodes.length >= HUB_MIN_GRAPH;
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const isInput = (key: string): boolean => {
    const v = byKey.get(key);
    return v?.group ? v.group.kind === 'parameter' : v?.node?.kind === 'input';
  };
  const edges = [...counts.values()].map((c) => ({ ...c, stub: (large || isInput(c.from)) && (fanout.get(c.from) ?? 0) > HUB_FANOUT }));
  return { nodes, edges, keyOf };
}
