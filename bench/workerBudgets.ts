/**
 * Issue 21's promise in the editor's path: no input runs past 1.5× its time budget. Each bomb is one
 * document sent to dist/worker.js through AnalysisClient (the extension host's own client) with the
 * editor's default budget (1,000 ms per evaluation), after a small document has warmed the worker;
 * the figure is the time from the request to its report, on the wall clock and on this process's CPU
 * clock (the worker is a thread of it: all threads), against the budget. The host adds its IPC.
 *
 *   node scripts/build.mjs && node --import tsx bench/workerBudgets.ts [repeats]
 *
 * On a shared machine the wall clock stretches with the load (a kernel's block between two clock
 * reads waits for a core). What an idle machine would show is bounded by the CPU clock instead: run
 * with a small budget (argv[3], e.g. 50 ms), and every CPU millisecond past that budget is work done
 * after the deadline (the last block between two clock reads, unwinding, the report) — on an idle
 * core its wall time, so the overshoot at the editor's 1,000 ms is at most (1,000 + that) / 1,000.
 *
 *   node --import tsx bench/workerBudgets.ts 3 50
 */
import { join } from 'node:path';
import { AnalysisClient } from '../src/extension/analysisClient';
import type { AnalyseRequest } from '../src/report/report';

const ROOT = join(__dirname, '..');
/** The editor's default, or argv[3]: a small budget bounds what a run does past its deadline (below). */
const BUDGET_MS = Number(process.argv[3] ?? 1_000);

interface Bomb {
  readonly name: string;
  readonly text: string;
  readonly mode?: 'reverse' | 'forward';
  /** The budget the report as a whole answers to, when it is not one evaluation's (a document of many). */
  readonly budgetMs?: number;
}

const vector = (n: number): string => `[${new Array(n).fill('0.5').join(', ')}]`;

const BOMBS: Bomb[] = [
  { name: '3000² @ 3000²', text: 'import numpy as np\n\n# @at x=1.0\ndef f(x):\n    A = np.ones((3000, 3000)) * x\n    return np.sum(A @ A)\n' },
  { name: '4,000 mat-vecs of 2000²', text: 'import numpy as np\n\n# @at x=1.0\ndef f(x):\n    A = np.ones((2000, 2000)) * x\n    v = np.ones(2000)\n    for i in range(4000):\n        v = A @ v / 2000.0\n    return np.sum(v)\n' },
  { name: '4,095 sums over 9M', text: 'import numpy as np\n\n# @at x=1.0\ndef f(x):\n    A = np.ones((3000, 3000)) * x\n    s = 0.0\n    for i in range(4095):\n        s = s + np.sum(A)\n    return s\n' },
  { name: 'an array per step, 1M steps', text: 'import numpy as np\n\n# @at x=1.0\ndef f(x):\n    s = 0.0\n    for i in range(1000000):\n        s = s + np.sum(np.ones(100) * x)\n    return s\n' },
  { name: 'while True', text: '# @at x=1.0\ndef f(x):\n    while True:\n        x = x + 1e-9\n    return x\n' },
  { name: '10⁷-key dict', text: '# @at x=1.0\ndef f(x):\n    d = {}\n    for i in range(10**7):\n        d[i] = x\n    return d[0]\n' },
  { name: 'forward mode, 50,000 inputs', text: `import numpy as np\n\n# @at w=${vector(50_000)}\ndef f(w):\n    return np.sum(w * w)\n`, mode: 'forward' },
  { name: 'np.outer, 1,000 inputs', text: `import numpy as np\n\n# @at w=${vector(1000)}\ndef f(w):\n    return np.outer(w, w)\n` },
  // two budgeted units: f's own derivative and the nine-point check of grad_f as a whole
  { name: 'hand gradient check, 9 points', budgetMs: 2 * BUDGET_MS, text: '# @at x=1.0\ndef f(x):\n    s = 0.0\n    for i in range(3000000):\n        s = s + x * 1e-6\n    return s\n\n# @gradient-of f\ndef grad_f(x):\n    s = 0.0\n    for i in range(3000000):\n        s = s + 1e-6\n    return s\n' },
  { name: '40 functions at their budget', text: Array.from({ length: 40 }, (_, i) => `# @at x=1.0\ndef spin${i}(x):\n    while True:\n        x = x + 1e-9\n    return x\n`).join('\n'), budgetMs: Math.min(10_000, 40 * BUDGET_MS) },
];

function request(text: string, version: number, mode: 'reverse' | 'forward' = 'reverse'): AnalyseRequest {
  return { uri: `file:///bomb${version}.py`, version, text, language: 'python', settings: { mode, budget: { maxMillis: BUDGET_MS, maxSteps: 1e12 } }, lastUsed: {} };
}

async function main(): Promise<void> {
  const client = new AnalysisClient({ workerPath: join(ROOT, 'dist', 'worker.js'), hangMillis: 120_000 });
  try {
    await client.analyse(request('# @at x=1.0\ndef f(x):\n    return x * x\n', 0));
    const rows: string[] = [];
    let worst = 0;
    let version = 1;
    const repeats = Number(process.argv[2] ?? 1);
    for (const bomb of BOMBS.flatMap((b) => new Array<Bomb>(repeats).fill(b))) {
      const budget = bomb.budgetMs ?? BUDGET_MS;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      // a comment makes each repeat new text: the worker remembers a function's report by its text
      const report = await client.analyse(request(`${bomb.text}\n# run ${version}\n`, version++, bomb.mode));
      const wall = performance.now() - t0;
      const used = process.cpuUsage(c0);
      const cpu = (used.user + used.system) / 1000;
      const f = report?.functions[0];
      const what = f?.result ? 'answered' : (f?.error?.message ?? 'no report').slice(0, 70);
      worst = Math.max(worst, wall / budget);
      rows.push(`| ${bomb.name} | ${budget} | ${wall.toFixed(0)} (${(wall / budget).toFixed(2)}×) | ${cpu.toFixed(0)} (${(cpu / budget).toFixed(2)}×) | ${what} |`);
    }
    console.log('| bomb | budget ms | wall ms | CPU ms (all threads) | outcome |\n|---|---|---|---|---|');
    console.log(rows.join('\n'));
    console.log(`worst wall overshoot: ${worst.toFixed(2)}× the budget`);
  } finally {
    client.dispose();
  }
}

void main();
