import dagre from '@dagrejs/dagre';

/**
 * Layered layout of the visible graph with @dagrejs/dagre (top to bottom: inputs above, the output
 * below). Plain data in and out, so it runs the same in the layout worker and on the UI thread.
 */
export interface LayoutInput {
  readonly nodes: readonly { readonly key: string; readonly width: number; readonly height: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export interface LayoutResult {
  /** Node centres. */
  readonly positions: Record<string, readonly [number, number]>;
  /** Edge routes, in `edges` order. */
  readonly routes: readonly (readonly (readonly [number, number])[])[];
  readonly width: number;
  readonly height: number;
  readonly millis: number;
}

export function layoutGraph(input: LayoutInput): LayoutResult {
  const started = performance.now();
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 34, edgesep: 8, marginx: 16, marginy: 16, ranker: 'tight-tree' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.key, { width: n.width, height: n.height });
  for (const e of input.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const positions: Record<string, readonly [number, number]> = {};
  for (const n of input.nodes) {
    const p = g.node(n.key);
    positions[n.key] = [p.x ?? 0, p.y ?? 0];
  }
  const routes = input.edges.map((e) => ((g.edge(e.from, e.to) as { points?: { x: number; y: number }[] } | undefined)?.points ?? []).map((p): readonly [number, number] => [p.x, p.y]));
  const graph = g.graph();
  return { positions, routes, width: graph.width ?? 0, height: graph.height ?? 0, millis: performance.now() - started };
}
