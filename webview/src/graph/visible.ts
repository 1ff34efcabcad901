import type { GraphModel, GraphNode, NodeGroup } from '../../../src/protocol/graphModel';
import { fmt } from '../format';

/**
 * What the graph draws: each model node, or the collapsed group it belongs to. Large graphs (unrolled
 * loops) start with every group collapsed; the user expands groups one at a time. Pure: tested in
 * Node, and the layout's input.
 */

/** Above this many nodes the graph opens collapsed. */
export const COLLAPSE_THRESHOLD = 120;
/** A node feeding more than this many others in a graph this large is drawn as a hub: stub edges, left out of the layout. */
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

/** Is this group drawn as one node? `overrides` holds the user's choices (true: expanded). */
export function isCollapsed(model: GraphModel, group: NodeGroup, overrides: Readonly<Record<string, boolean>>): boolean {
  const expanded = overrides[group.id];
  return expanded === undefined ? startsCollapsed(model) : !expanded;
}

const CHAR = 7.2;
export const NODE_HEIGHT = 56;
export const GROUP_HEIGHT = 44;

export function nodeLabel(node: GraphNode): string {
  return `${node.name} = ${node.expression}`;
}

function nodeWidth(node: GraphNode): number {
  // The value line with either overlay: `= 0.500  v̄ −13.724`.
  const valueLine = 2 + fmt(node.value).length + 4 + Math.max(fmt(node.tangent).length, fmt(node.adjoint).length);
  const longest = Math.max(nodeLabel(node).length, node.snippet.length, valueLine, 16);
  return Math.min(300, Math.max(96, Math.round(longest * CHAR + 20)));
}

export function visibleGraph(model: GraphModel, overrides: Readonly<Record<string, boolean>>): VisibleGraph {
  const keyOf = new Map<number, string>();
  const nodes: VisibleNode[] = [];
  for (const g of model.groups) {
    if (!isCollapsed(model, g, overrides)) continue;
    const key = groupKey(g.id);
    for (const m of g.members) keyOf.set(m, key);
    const text = Math.max(g.label.length, `▸ ${g.members.length} nodes — Enter or click to expand`.length);
    nodes.push({ key, group: g, members: g.members, width: Math.min(400, Math.max(140, Math.round(text * CHAR + 24))), height: GROUP_HEIGHT });
  }
  for (const n of model.nodes) {
    if (keyOf.has(n.id)) continue;
    const key = nodeKey(n.id);
    keyOf.set(n.id, key);
    nodes.push({ key, node: n, members: [n.id], width: nodeWidth(n), height: NODE_HEIGHT });
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
  const edges = [...counts.values()].map((c) => ({ ...c, stub: large && (fanout.get(c.from) ?? 0) > HUB_FANOUT }));
  return { nodes, edges, keyOf };
}
