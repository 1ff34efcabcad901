/**
 * What an edit costs the worker: a fresh process starts dist/worker.js, analyses the 2,000-line
 * real-style file as the editor's host asks (the sibling test files answered as absent), waits for
 * its formulas, then sends edits of one function in the middle of the file, each a new version, and
 * times each from posting it to the report with every lens (and to its formulas, when some follow).
 * Two kinds of edit: a number in the function changed (no line moves), and lines added to it (every
 * function below moves down, to new lines each time); then a third, Enter pressed between two
 * functions (blank lines added above the next one, one more each time: nothing to compute again). Figures are medians over the edits, on the process's CPU clock
 * (all threads; steadier on a shared machine) and the wall clock, ms, and the worker thread's own CPU
 * from the request's arrival to the report's posting (Linux's schedstat, as the worker stamps its stages).
 *
 * `node --import tsx bench/editCost.ts [edits] [worker.js]`: these figures alone (after
 * `node scripts/build.mjs`); a second worker path times another build beside it (an A/B).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { makeTempDir } from '../scripts/workbench/codeServer.mjs';
import { realStyleFile } from '../test/workbench/realStyleFile';

/** An edit of one function should cost about what that function costs, not what the file does. */
export const EDIT_CPU_TARGET_MS = 50;

const CHILD = `
const { Worker } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const [workerPath, file, editsFile] = process.argv.slice(1);
const text = readFileSync(file, 'utf8');
const edits = JSON.parse(readFileSync(editsFile, 'utf8'));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const w = new Worker(workerPath);
const request = { uri: 'file:///ws/edit.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
let id = 1, next = 0, t0, c0, out = [];
const send = () => w.postMessage({ kind: 'analyse', id: id++, slot: 0, generation: 0, request });
const start = () => {
  if (next === edits.length) { console.log(JSON.stringify(out)); void w.terminate(); return; }
  const e = edits[next++];
  request.version++;
  request.text = e.text;
  t0 = performance.now(); c0 = cpu();
  send();
};
let report;
w.on('message', (m) => {
  if (m.kind === 'ready') send();
  else if (m.kind === 'needFiles') { for (const p of m.paths) request.files[p] = null; send(); }
  else if (m.kind === 'partial') {}
  else if (m.kind === 'report' || m.kind === 'formulas') {
    // The worker thread's own CPU from the request's arrival to the report's posting (report/threadClock.ts; Linux), when it says.
    const thread = (t) => { const p = t && t.stages.find((s) => s[0] === 'posted'); return p && p[1].thread && t.received.thread ? p[1].thread.ran - t.received.thread.ran : undefined; };
    if (m.kind === 'report') report = { wall: performance.now() - t0, cpu: cpu() - c0, thread: thread(m.times), cached: m.report.cached };
    if (m.kind === 'report' && m.formulasLater) return;
    if (t0 !== undefined) out.push({ kind: edits[next - 1].kind, report, done: { wall: performance.now() - t0, cpu: cpu() - c0 } });
    start();
  } else { console.error(JSON.stringify(m)); process.exit(1); }
});
w.postMessage({ kind: 'init', id: 0, cancelBuffer: new SharedArrayBuffer(256) });
`;

interface Edit {
  readonly kind: 'number' | 'line' | 'blank' | 'name' | 'delete' | 'paste';
  readonly text: string;
}

interface Timed {
  readonly kind: Edit['kind'];
  readonly report: { wall: number; cpu: number; thread?: number; cached: number };
  readonly done: { wall: number; cpu: number };
}

/**
 * Edits of the first function past the middle with a float literal: alternately a number changed and
 * lines added; then `blanks` edits of the last of them, each with one more blank line above the def
 * after that function.
 */
export function editsOf(text: string, count: number, blanks = 0, structural = 0): Edit[] {
  const lines = text.split('\n');
  const def = lines.findIndex((l, i) => i > lines.length / 2 && /^def /.test(l) && /\d\.\d/.test(lines.slice(i + 1, i + 8).join('\n')));
  const body = lines.findIndex((l, i) => i > def && /\d\.\d/.test(l));
  const out: Edit[] = [];
  for (let k = 0; k < count; k++) {
    const edited = [...lines];
    // A digit appended to the first float (1.0 → 1.01, 1.02 …): each edit a new text.
    edited[body] = edited[body]!.replace(/(\d\.\d+)/, `$1${k + 1}`);
    // Each line edit adds one more line than the last: the functions below are at new lines every time.
    if (k % 2 === 1) edited.splice(body, 0, ...Array.from({ length: (k + 1) / 2 }, (_, j) => `${edited[body]!.match(/^\s*/)![0]}_edit_${j} = ${k}.0`));
    out.push({ kind: k % 2 === 1 ? 'line' : 'number', text: edited.join('\n') });
  }
  const last = (out[out.length - 1]?.text ?? text).split('\n');
  const next = last.findIndex((l, i) => i > body && /^def /.test(l));
  for (let k = 0; k < blanks; k++) out.push({ kind: 'blank', text: [...last.slice(0, next), ...Array.from({ length: k + 1 }, () => ''), ...last.slice(next)].join('\n') });
  return structural > 0 ? [...out, ...structuralEdits(last, next, structural)] : out;
}

/** The name typed, a letter per edit, in `structuralEdits`. */
const NEW_NAME = 'new_function_name';

/**
 * Edits that add, delete and copy whole functions, after the others (`count` of each), each on the
 * last: a new function's `def` line typed a letter at a time above the def at line `at` (`def n`,
 * `def ne`, … — a syntax error until it is finished, the next edit), then functions of the second
 * half deleted one after another, then copies of functions pasted below them, one more each time.
 */
function structuralEdits(lines: readonly string[], at: number, count: number): Edit[] {
  const out: Edit[] = [];
  for (let k = 1; k <= Math.min(count, NEW_NAME.length); k++) out.push({ kind: 'name', text: [...lines.slice(0, at), `def ${NEW_NAME.slice(0, k)}`, '', ...lines.slice(at)].join('\n') });
  let text = [...lines.slice(0, at), `def ${NEW_NAME}(x):`, '    return x * 2.0', '', '', ...lines.slice(at)];
  const defs = (ls: readonly string[]): number[] => ls.flatMap((l, i) => (i > ls.length / 2 && /^def /.test(l) ? [i] : []));
  const end = (ls: readonly string[], i: number): number => {
    let e = i + 1;
    while (e < ls.length && (ls[e] === '' || /^[\s#)\]}]/.test(ls[e]!))) e++;
    return e;
  };
  for (let k = 0; k < count; k++) {
    const ds = defs(text);
    const i = ds[(k * 7) % ds.length]!;
    text = [...text.slice(0, i), ...text.slice(end(text, i))];
    out.push({ kind: 'delete', text: text.join('\n') });
  }
  for (let k = 0; k < count; k++) {
    const ds = defs(text);
    const i = ds[(k * 5) % ds.length]!;
    const e = end(text, i);
    text = [...text.slice(0, e), ...text.slice(i, e), ...text.slice(e)];
    out.push({ kind: 'paste', text: text.join('\n') });
  }
  return out;
}

/** Edits sent before the timed ones (an even number: both kinds alternate). */
const WARM_UP = 8;

/** Edits of each kind that adds, deletes or copies a function (`structuralEdits`), after the others. */
export const STRUCTURAL = 8;

/** Enter pressed between two functions, after the others (the first not counted: the worker's first edit of its kind). */
const BLANKS = 5;

const KIND_TEXT: Record<Edit['kind'], string> = {
  number: 'a number changed (no line moves)',
  line: 'lines added (the functions below move)',
  blank: 'Enter between two functions',
  name: "a new function's name typed",
  delete: 'a function deleted',
  paste: 'a copy of a function pasted',
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timeEdits(workerPath: string, file: string, editsFile: string): Timed[] {
  const r = spawnSync(process.execPath, ['-e', CHILD, workerPath, file, editsFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`edit child failed (${r.signal ?? r.status}): ${r.error ?? r.stderr}`);
  return JSON.parse(r.stdout) as Timed[];
}

export function printEditFigures(root: string, count: number, other?: string): void {
  const dir = makeTempDir('gradlens-edit-');
  const file = join(dir, 'edit.py');
  const text = realStyleFile(root);
  writeFileSync(file, text);
  const editsFile = join(dir, 'edits.json');
  // The first edits warm the worker's code up; they are not counted.
  writeFileSync(editsFile, JSON.stringify(editsOf(text, count + WARM_UP, BLANKS, STRUCTURAL)));
  // Figures on a shared machine are only comparable with the load they were taken under: said beside them.
  console.log(`\nAn edit of one function in the real-style file (${text.split('\n').length} lines), in a warm worker (median of ${count / 2} edits each, ${BLANKS - 1} of Enter between two functions; CPU / wall ms, from posting the edit; load average ${loadavg()[0]!.toFixed(1)}):`);
  const builds: [string, string][] = [['this build', join(root, 'dist', 'worker.js')], ...(other ? [[other, other] as [string, string]] : [])];
  for (const [label, worker] of builds) {
    const all = timeEdits(worker, file, editsFile);
    const timed = [...all.slice(WARM_UP).filter((t) => t.kind !== 'blank'), ...all.filter((t) => t.kind === 'blank').slice(1)];
    for (const kind of ['number', 'line', 'blank', 'name', 'delete', 'paste'] as const) {
      const rs = timed.filter((t) => t.kind === kind);
      const cpu = median(rs.map((r) => r.report.cpu));
      const what = KIND_TEXT[kind];
      const thread = rs.every((r) => r.report.thread !== undefined) ? `, the worker thread's own CPU ${median(rs.map((r) => r.report.thread!)).toFixed(0)}` : '';
      console.log(`  ${label.padEnd(12)} ${what.padEnd(42)} report ${cpu.toFixed(0)} / ${median(rs.map((r) => r.report.wall)).toFixed(0)}${thread}, with formulas ${median(rs.map((r) => r.done.cpu)).toFixed(0)} / ${median(rs.map((r) => r.done.wall)).toFixed(0)}; ${median(rs.map((r) => r.report.cached))} functions from the cache   target report ≤ ${EDIT_CPU_TARGET_MS} ms CPU: ${cpu <= EDIT_CPU_TARGET_MS ? 'PASS' : 'MISS'}`);
    }
  }
}

if (process.argv[1] && /editCost\.ts$/.test(process.argv[1])) printEditFigures(join(__dirname, '..'), Number(process.argv[2] ?? 12), process.argv[3]);
