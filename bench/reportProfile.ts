/**
 * Where the worker's report path spends its time on the 2,000-line real-style file: the first
 * analysis in a fresh process (`cold`, as bench/coldStart.ts times it, nothing compiled or optimized
 * yet) or edits of one function in a warm process (`edit`, as bench/editCost.ts makes them). Profiles
 * with the V8 sampling profiler in process (the report path bundled as scripts/build.mjs bundles the
 * worker) and prints self time and total time by function, in the bundle's source files.
 *
 *   node --import tsx bench/reportProfile.ts cold|warm|edit [edits] [--top=N] [--total=REGEX] [--tree=REGEX --min=MS] [--lines=NAME]
 *
 * `warm`: the first analysis after the warm-up the editor's worker runs while it waits (report/warmUp.ts).
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realStyleFile } from '../test/workbench/realStyleFile';
import { editsOf } from './editCost';
import { printSampledLines, type Profile, type ProfileNode } from './profileLines';
import type { AnalyseRequest } from '../src/report/report';
import type { PendingFormula } from '../src/report/laterFormulas';

type Entry = typeof import('./reportEntry');

function load(): Entry {
  const dir = join(tmpdir(), 'gradlens-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `report-${process.pid}.cjs`);
  buildSync({ entryPoints: [join(__dirname, 'reportEntry.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning' });
  process.setSourceMapsEnabled(true);
  return require(outfile) as Entry;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'edit';
  const count = Number(process.argv[3] ?? 20);
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
  const totalOf = process.argv.find((a) => a.startsWith('--total='))?.slice(8);
  const g = load();
  const text = realStyleFile(join(__dirname, '..'));
  const cache = new g.FunctionCache();
  let request: AnalyseRequest = { uri: 'file:///ws/edit.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
  /** CPU ms of the reports alone: the formulas that follow one (as the worker computes them, caching the reports) are not counted, nor profiled. */
  let reportCpu = 0;
  const analyse = (): void => {
    for (;;) {
      const later: PendingFormula[] = [];
      try {
        const c0 = cpu();
        g.reportDocument(request, cache, () => false, undefined, later, () => {});
        reportCpu += cpu() - c0;
        for (const p of later) g.finishFormula(p, cache);
        return;
      } catch (e) {
        if (!(e instanceof g.NeedsFiles)) throw e;
        request = { ...request, files: { ...request.files, ...Object.fromEntries(e.paths.map((p) => [p, null])) } };
      }
    }
  };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: mode === 'edit' ? 200 : 500 });
  let cpuMs = 0;
  if (mode === 'cold' || mode === 'warm') {
    // `warm`: as the editor's worker, which warms up (report/warmUp.ts) until the file's request comes.
    if (mode === 'warm') await new Promise<void>((resolve) => g.warmUp(() => false, () => resolve()));
    await session.post('Profiler.start');
    analyse();
    cpuMs = reportCpu;
  } else {
    analyse();
    const edits = editsOf(text, count + 8);
    for (const [i, e] of edits.entries()) {
      if (i === 8) {
        await session.post('Profiler.start');
        reportCpu = 0;
      }
      request = { ...request, version: request.version + 1, text: e.text };
      analyse();
    }
    cpuMs = reportCpu / count;
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const maps = new Map<string, ReturnType<typeof findSourceMap>>();
  const original = (url: string, line: number, column: number): string => {
    if (!url) return '';
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (!maps.has(path)) maps.set(path, findSourceMap(path));
    const entry = maps.get(path)?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) return `${entry.originalSource.replace(/^.*?\/(src|bench|node_modules)\//, '$1/')}:${(entry.originalLine ?? 0) + 1}`;
    return `${path.replace(/^.*\//, '')}:${line + 1}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${original(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber)}`.trim();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  // Samples in the formulas after a report (finishFormula) are left out: the report is what is timed.
  const inFormula = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.functionName === 'finishFormula') return true;
    return false;
  };
  profile.samples.forEach((id, i) => {
    if (inFormula(id)) profile.timeDeltas[i] = 0;
  });
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const n = byId.get(id)!;
    const k = keyOf(n);
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const per = mode === 'edit' ? count : 1;
  console.log(`${mode}: ${cpuMs.toFixed(1)} ms process CPU per ${mode === 'edit' ? 'edit' : 'analysis'}; profile ${(all / 1000 / per).toFixed(1)} ms per`);
  const show = (m: Map<string, number>, title: string, filter?: RegExp): void => {
    console.log(`\n${title}:`);
    for (const [k, v] of [...m.entries()].filter(([k]) => !filter || filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / 1000 / per).toFixed(2).padStart(9)} ms ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  };
  show(self, 'self time');
  // Self time by source file: where the work is when no one function stands out.
  const byFile = new Map<string, number>();
  for (const [k, v] of self) {
    const file = k.match(/ ((?:src|bench|node_modules)\/[^:]+):\d+$/)?.[1] ?? k;
    byFile.set(file, (byFile.get(file) ?? 0) + v);
  }
  show(byFile, 'self time by file');
  show(total, 'total time', totalOf ? new RegExp(totalOf) : /src\//);
  const lines = process.argv.find((a) => a.startsWith('--lines='))?.slice(8);
  if (lines) printSampledLines(profile.nodes, lines, original);
  const tree = process.argv.find((a) => a.startsWith('--tree='))?.slice(7);
  if (tree) printTree(profile, keyOf, tree, per, Number(process.argv.find((a) => a.startsWith('--min='))?.slice(6) ?? 1));
}

/** The call tree under the first function whose key matches `root`, frames merged by key, those over `min` ms per run. */
function printTree(profile: Profile, keyOf: (n: ProfileNode) => string, root: string, per: number, min: number): void {
  interface T { self: number; total: number; children: Map<string, T> }
  const make = (): T => ({ self: 0, total: 0, children: new Map() });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const top = make();
  const re = new RegExp(root);
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(keyOf(byId.get(at)!));
    stack.reverse();
    const start = stack.findIndex((k) => re.test(k));
    if (start < 0) return;
    let t = top;
    t.total += dt;
    for (const k of stack.slice(start)) {
      let c = t.children.get(k);
      if (!c) t.children.set(k, (c = make()));
      c.total += dt;
      t = c;
    }
    t.self += dt;
  });
  const walk = (t: T, depth: number): void => {
    for (const [k, c] of [...t.children.entries()].sort((a, b) => b[1].total - a[1].total)) {
      if (c.total / 1000 / per < min) continue;
      console.log(`${(c.total / 1000 / per).toFixed(1).padStart(7)} ${(c.self / 1000 / per).toFixed(1).padStart(6)}  ${'  '.repeat(depth)}${k}`);
      walk(c, depth + 1);
    }
  };
  console.log(`\ntree under /${root}/ (total, self ms per run; ≥ ${min} ms):`);
  walk(top, 0);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
