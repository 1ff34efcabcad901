/** What bench/profile.ts and bench/reportProfile.ts read of a V8 CPU profile's nodes for `--lines`. */
export interface LineTickedNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

/** A node of a V8 CPU profile (`Profiler.stop`'s), as bench/profile.ts and bench/reportProfile.ts walk it. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

/** A V8 CPU profile: its call tree's nodes and the sampled node at each tick. */
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Prints the sampled source lines of the functions called `name`, or of the one at `name` =
 * FILE:LINE as the tables print it (an anonymous closure); what V8 inlined into them shows under
 * their lines. `original` maps a bundle position to its source line.
 */
export function printSampledLines(nodes: readonly LineTickedNode[], name: string, original: (url: string, line: number, column: number) => string): void {
  const ticks = new Map<string, number>();
  for (const n of nodes) {
    if (!n.callFrame.url) continue;
    const at: string = name.includes(':') ? original(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber) : n.callFrame.functionName;
    if (at !== name) continue;
    for (const t of n.positionTicks ?? []) {
      const key = original(n.callFrame.url, t.line - 1, 0);
      ticks.set(key, (ticks.get(key) ?? 0) + t.ticks);
    }
  }
  const sum = [...ticks.values()].reduce((a, b) => a + b, 0);
  console.log(`\nsampled lines of ${name}:`);
  for (const [k, v] of [...ticks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${((100 * v) / sum).toFixed(1).padStart(6)}%  ${k}`);
}
