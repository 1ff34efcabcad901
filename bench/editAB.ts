/**
 * A/B of what an edit costs the worker, in one process: the report path (bench/reportEntry.ts) of
 * a git ref and of this working tree bundled side by side, each with its own caches, and the edits of
 * bench/editCost.ts sent to both interleaved (A B, B A, …), so a machine other work shares slows both
 * alike. Each figure is this thread's own CPU time (Linux's schedstat, report/threadClock.ts) from the
 * request to the report, the formulas after it not counted (the worker sends the report first); the
 * two reports of every version are compared, and must be equal.
 *
 *   node --import tsx bench/editAB.ts REF [edits] [--cold]
 *
 * --cold: instead, the first analysis of the real-style file after the worker's warm-up, one fresh
 * process per side and round (A B, B A, …), its report compared the same way.
 */
import { buildSync } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realStyleFile } from '../test/workbench/realStyleFile';
import { editsOf, STRUCTURAL } from './editCost';
import type { AnalyseRequest, DocumentReport } from '../src/report/report';
import type { PendingFormula } from '../src/report/laterFormulas';
import { threadTime } from '../src/report/threadClock';

type Entry = typeof import('./reportEntry');

const root = join(__dirname, '..');

/** bench/reportEntry.ts of `ref` (its src/ and this bench/reportEntry.ts), or of the working tree, bundled; the bundle's path. */
function bundle(ref: string | undefined, dir: string): string {
  let src = root;
  if (ref) {
    src = join(dir, 'src-tree');
    mkdirSync(src, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" src package.json | tar -x -C "${src}"`]);
    mkdirSync(join(src, 'bench'), { recursive: true });
    execFileSync('cp', [join(root, 'bench', 'reportEntry.ts'), join(src, 'bench', 'reportEntry.ts')]);
    symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
  }
  const outfile = join(dir, ref ? 'a.cjs' : 'b.cjs');
  buildSync({ entryPoints: [join(src, 'bench', 'reportEntry.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return outfile;
}

/** A side: its bundle, its caches, the request it sends next. */
class Side {
  private readonly cache: InstanceType<Entry['FunctionCache']>;
  request: AnalyseRequest;
  constructor(
    private readonly g: Entry,
    text: string,
  ) {
    this.cache = new g.FunctionCache();
    this.request = { uri: 'file:///ws/edit.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
  }
  /** The report of `text` and this thread's CPU ms for it (the rounds that ask for files included); then its formulas, untimed, as the worker computes them. */
  analyse(text: string): { report: DocumentReport; cpu: number } {
    this.request = { ...this.request, version: this.request.version + 1, text };
    const t0 = threadTime()!.ran;
    for (;;) {
      const later: PendingFormula[] = [];
      try {
        const report = this.g.reportDocument(this.request, this.cache, () => false, undefined, later, () => {});
        const cpu = threadTime()!.ran - t0;
        for (const p of later) this.g.finishFormula(p, this.cache);
        return { report, cpu };
      } catch (e) {
        if (!(e instanceof this.g.NeedsFiles)) throw e;
        this.request = { ...this.request, files: { ...this.request.files, ...Object.fromEntries(e.paths.map((p) => [p, null])) } };
      }
    }
  }
}

/**
 * A report as compared: everything but how long it took, and the formulas (a report from the cache
 * carries its formula, one computed now has it follow; and simplification runs on the wall clock).
 */
const comparable = (r: DocumentReport): string => JSON.stringify({ ...r, millis: 0, cached: 0 }, (key, value: unknown) => (key === 'formula' ? undefined : value));

/** Where two reports first differ: the function and the text around it. */
function difference(a: DocumentReport, b: DocumentReport): string {
  const i = a.functions.findIndex((f, j) => JSON.stringify(f) !== JSON.stringify(b.functions[j]));
  const [x, y] = i < 0 ? [JSON.stringify(a.diagnostics), JSON.stringify(b.diagnostics)] : [JSON.stringify(a.functions[i]), JSON.stringify(b.functions[i])];
  let c = 0;
  while (c < x.length && x[c] === y[c]) c++;
  return ` at ${i < 0 ? 'the diagnostics' : a.functions[i]!.name}: A …${x.slice(Math.max(0, c - 60), c + 100)}… B …${y.slice(Math.max(0, c - 60), c + 100)}…`;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function edits(ref: string, count: number): void {
  const dir = join(tmpdir(), `gradlens-editab-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const text = realStyleFile(root);
  const a = new Side(require(bundle(ref, dir)) as Entry, text);
  const b = new Side(require(bundle(undefined, dir)) as Entry, text);
  const first = [a.analyse(text), b.analyse(text)];
  if (comparable(first[0]!.report) !== comparable(first[1]!.report)) throw new Error('the first reports differ');
  const WARM_UP = 8;
  const times: { kind: string; a: number; b: number }[] = [];
  for (const [k, e] of editsOf(text, count + WARM_UP, 6, STRUCTURAL).entries()) {
    const [x, y] = k % 2 === 0 ? [a, b] : [b, a];
    const rx = x.analyse(e.text);
    const ry = y.analyse(e.text);
    const [ra, rb] = x === a ? [rx, ry] : [ry, rx];
    if (comparable(ra.report) !== comparable(rb.report)) throw new Error(`edit ${k} (${e.kind}): the reports differ${difference(ra.report, rb.report)}`);
    if (k >= WARM_UP && !(e.kind === 'blank' && k === count + WARM_UP)) times.push({ kind: e.kind, a: ra.cpu, b: rb.cpu });
  }
  console.log(`An edit of one function in the real-style file: this thread's CPU ms to the report, median of ${count / 2} edits of each kind (5 of Enter between two functions, blank; ${STRUCTURAL} of each that types a new function's name, deletes a function, pastes a copy), A = ${ref}, B = the working tree (reports equal: yes)`);
  for (const kind of ['number', 'line', 'blank', 'name', 'delete', 'paste']) {
    const ts = times.filter((t) => t.kind === kind);
    const ma = median(ts.map((t) => t.a));
    const mb = median(ts.map((t) => t.b));
    console.log(`  ${kind.padEnd(7)} A ${ma.toFixed(1)}  B ${mb.toFixed(1)}  B/A ${(mb / ma).toFixed(2)}  (per-edit B/A median ${median(ts.map((t) => t.b / t.a)).toFixed(2)})`);
  }
}

/** The child of --cold: warms up as the worker does, analyses the file once, prints its CPU and report. */
const COLD_CHILD = `
const [bundlePath, file, threadClock] = process.argv.slice(1);
const g = require(bundlePath);
const text = require('node:fs').readFileSync(file, 'utf8');
const { threadTime } = require(threadClock);
g.warmUp(() => false, () => {
  let request = { uri: 'file:///ws/cold.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
  const t0 = threadTime().ran;
  for (;;) {
    try {
      const later = [];
      const report = g.reportDocument(request, new g.FunctionCache(), () => false, undefined, later, () => {});
      console.log(JSON.stringify({ cpu: threadTime().ran - t0, report: JSON.stringify({ ...report, millis: 0, cached: 0 }, (key, value) => (key === 'formula' ? undefined : value)) }));
      return;
    } catch (e) {
      if (!(e instanceof g.NeedsFiles)) throw e;
      request = { ...request, files: Object.fromEntries(e.paths.map((p) => [p, null])) };
    }
  }
});
`;

function cold(ref: string, rounds: number): void {
  const dir = join(tmpdir(), `gradlens-coldab-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'cold.py');
  require('node:fs').writeFileSync(file, realStyleFile(root));
  const clock = join(dir, 'clock.cjs');
  buildSync({ entryPoints: [join(root, 'src', 'report', 'threadClock.ts')], outfile: clock, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const sides = { a: bundle(ref, dir), b: bundle(undefined, dir) };
  const run = (path: string): { cpu: number; report: string } => {
    const r = spawnSync(process.execPath, ['-e', COLD_CHILD, path, file, clock], { encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { cpu: number; report: string };
  };
  const times: { a: number; b: number }[] = [];
  for (let k = 0; k < rounds; k++) {
    const order = k % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    const out: Partial<Record<'a' | 'b', { cpu: number; report: string }>> = {};
    for (const s of order) out[s] = run(sides[s]);
    if (out.a!.report !== out.b!.report) throw new Error(`round ${k}: the reports differ`);
    times.push({ a: out.a!.cpu, b: out.b!.cpu });
  }
  const ma = median(times.map((t) => t.a));
  const mb = median(times.map((t) => t.b));
  console.log(`The first analysis of the real-style file after the warm-up (a fresh process each): this thread's CPU ms to the report, median of ${rounds}, A = ${ref}, B = the working tree (reports equal: yes)`);
  console.log(`  A ${ma.toFixed(0)}  B ${mb.toFixed(0)}  B/A ${(mb / ma).toFixed(2)}  (per-round B/A median ${median(times.map((t) => t.b / t.a)).toFixed(2)})`);
}

const args = process.argv.slice(2);
const ref = args[0];
if (!ref) throw new Error('usage: bench/editAB.ts REF [count] [--cold]');
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? (args.includes('--cold') ? 5 : 20));
if (args.includes('--cold')) cold(ref, count);
else edits(ref, count);
