/**
 * The editor's cold start without the editor: a fresh node process starts dist/worker.js as the
 * extension does (AnalysisClient's worker), and times the worker's load (thread start + bundle
 * evaluation, to its answer to `init`) and the first analysis of a file, cold (nothing compiled or
 * optimized yet). Each figure is the median of fresh processes, on the wall clock and on the
 * process's CPU clock (all threads: steadier on a shared machine). The editor adds its own IPC and
 * drawing on top; the workbench figures time that end to end.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../scripts/workbench/codeServer.mjs';
import { currentClock } from './timing';
import { hundredFunctions } from './workbench';
import { realStyleFile } from '../test/workbench/realStyleFile';

/** Every lens of a 2,000-line file within a second of opening it (issue 23). */
export const COLD_FIRST_REPORT_TARGET_MS = 1000;

/** How long after the worker is ready the second cold run of the target file sends it: the editor opening the file after activation. */
const REQUEST_GAP_MS = 500;

/**
 * The child: loads the worker, analyses one file as the editor's host asks (the worker first asks for
 * the sibling test files, answered as absent: a second round), prints its timings as JSON. `report` is when the
 * worker's report arrives (every lens of the file can be drawn), `screen` when the partial report of
 * the functions on the first screen (lines 0–45, sent as visible) arrives ahead of it, or the
 * report's time when nothing is sent ahead; `lenses` when every function's lens can be drawn (the
 * partial report whose hand-written derivatives off screen still wait for their checks,
 * report.ts's `checkPending`), or the report's time when none is sent; `formulas` when the formulas that
 * follow it arrive (the hovers complete; report/laterFormulas.ts), or the report's time when none follow.
 */
const CHILD = `
const { Worker } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const [workerPath, file, gap] = process.argv.slice(1);
const text = readFileSync(file, 'utf8');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t0 = performance.now();
let c0 = cpu();
const at = () => ({ wall: performance.now() - t0, cpu: cpu() - c0 });
const w = new Worker(workerPath);
let ready, screen, every, report, lenses, formulas = 0, rounds = 1, sent = [];
const finish = (done) => { console.log(JSON.stringify({ ready, screen: screen ?? every ?? report, every: every ?? report, done: report, formulasDone: done, lenses, formulas, rounds })); void w.terminate(); };
const request = { uri: 'file:///ws/cold.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
w.on('message', (m) => {
  if (m.kind === 'ready') {
    ready = at();
    const send = () => w.postMessage({ kind: 'analyse', id: 1, slot: 0, generation: 0, request });
    // With a gap, the figures count from the request (the file opened a while after the worker started).
    if (Number(gap) > 0) setTimeout(() => { t0 = performance.now(); c0 = cpu(); send(); }, Number(gap));
    else send();
  } else if (m.kind === 'needFiles') {
    // As the editor's host answers: none of the sibling test files asked for is there.
    rounds++;
    for (const p of m.paths) request.files[p] = null;
    w.postMessage({ kind: 'analyse', id: m.id + 1, slot: 0, generation: 0, request });
  } else if (m.kind === 'partial') {
    if (m.every) { every = at(); sent = m.report.functions; }
    else screen = at();
  } else if (m.kind === 'report') {
    report = at();
    // A function report unchanged since every function's lens went is sent as its index there (report/reportChanges.ts).
    lenses = m.report.functions.map((f) => (typeof f === 'number' ? sent[f] : f)).filter((f) => f.result).length;
    if (!m.formulasLater) finish(report);
  } else if (m.kind === 'warmedUp') {
    // the warm-up stopped for the request
  } else if (m.kind === 'formulas') {
    formulas = Object.keys(m.formulas).length;
    finish(at());
  } else {
    console.error(JSON.stringify(m));
    process.exit(1);
  }
});
// As the extension starts it (report/warmUp.ts): with no gap the request follows at once, and the warm-up can only cost.
w.postMessage({ kind: 'init', id: 0, cancelBuffer: new SharedArrayBuffer(256), warmUp: true });
`;

interface Time {
  wall: number;
  cpu: number;
}

interface Run {
  ready: Time;
  screen: Time;
  every: Time;
  done: Time;
  formulasDone: Time;
  lenses: number;
  formulas: number;
  rounds: number;
}

function coldRuns(workerPath: string, file: string, runs: number, gap = 0): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', CHILD, workerPath, file, String(gap)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold-start child failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout) as Run);
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** The median of each clock over the runs. */
function medianTime(runs: readonly Run[], pick: (r: Run) => Time): Time {
  return { wall: median(runs.map((r) => pick(r).wall)), cpu: median(runs.map((r) => pick(r).cpu)) };
}

export function printColdStartFigures(root: string, runs: number): void {
  const workerPath = join(root, 'dist', 'worker.js');
  const dir = makeTempDir('gradlens-cold-');
  const files: [string, string, boolean][] = [];
  const add = (label: string, name: string, text: string, target: boolean): void => {
    writeFileSync(join(dir, name), text);
    files.push([`${label} (${text.split('\n').length} lines)`, join(dir, name), target]);
  };
  add('examples/seeds.py', 'seeds.py', readFileSync(join(root, 'examples', 'seeds.py'), 'utf8'), false);
  add('real-style file', 'real.py', realStyleFile(root), true);
  add('100 synthetic functions', 'big.py', hundredFunctions(), false);
  const clock = currentClock();
  console.log(`\nCold start, node-level (a fresh process starts dist/worker.js and sends one file; median of ${runs} processes, wall / CPU of all threads, ms from starting the worker):`);
  for (const [label, file, target] of files) {
    const rs = coldRuns(workerPath, file, runs);
    const ready = medianTime(rs, (r) => r.ready);
    const screen = medianTime(rs, (r) => r.screen);
    const every = medianTime(rs, (r) => r.every);
    const done = medianTime(rs, (r) => r.done);
    const formulas = medianTime(rs, (r) => r.formulasDone);
    const shown = clock === 'cpu' ? done.cpu : done.wall;
    const verdict = target ? `   target every lens ≤ ${COLD_FIRST_REPORT_TARGET_MS} ms: ${shown <= COLD_FIRST_REPORT_TARGET_MS ? 'PASS' : 'MISS'} (${clock} clock)` : '';
    console.log(`  ${label.padEnd(40)} worker ready ${ready.wall.toFixed(0)} / ${ready.cpu.toFixed(0)}; first screen's lenses ${screen.wall.toFixed(0)} / ${screen.cpu.toFixed(0)}; every function's lens (checks off screen coming) ${every.wall.toFixed(0)} / ${every.cpu.toFixed(0)}; report with every lens (${rs[0]!.lenses} results, ${rs[0]!.rounds} rounds) ${done.wall.toFixed(0)} / ${done.cpu.toFixed(0)}; formulas for hovers (${rs[0]!.formulas}) ${formulas.wall.toFixed(0)} / ${formulas.cpu.toFixed(0)}${verdict}`);
    if (!target) continue;
    // As in the editor, where the worker starts at activation and warms up (report/warmUp.ts) until the file's request comes.
    const later = coldRuns(workerPath, file, runs, REQUEST_GAP_MS);
    const s = medianTime(later, (r) => r.screen);
    const e = medianTime(later, (r) => r.every);
    const d = medianTime(later, (r) => r.done);
    console.log(`  ${`  the same, asked for ${REQUEST_GAP_MS} ms after ready`.padEnd(40)} from the request: first screen's lenses ${s.wall.toFixed(0)} / ${s.cpu.toFixed(0)}; every function's lens ${e.wall.toFixed(0)} / ${e.cpu.toFixed(0)}; report with every lens ${d.wall.toFixed(0)} / ${d.cpu.toFixed(0)} (the worker warmed up while it waited)`);
  }
}
