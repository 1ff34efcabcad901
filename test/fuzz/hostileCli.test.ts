import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_BUDGET } from '../../src/core/budget';
import { tempDir } from '../unit/tempDir';

/**
 * Hostile input through the shipped CLI (dist/cli.js), one process per case, as a user or a hostile
 * repository would run it: resource bombs, deep nesting, names `Object.prototype` owns in every front
 * end, huge one-line sums, binary files saved as source, a deep `--at`. Each case must end in a
 * located error or the right answer — never a crash, an internal error, a hang, or a heap blown up.
 *
 * Measured per case (a preloaded hook prints the process's own resource usage at exit): CPU time
 * against 1.5× the time budget plus a start-up allowance (CPU, not wall: the machine is shared, and
 * the budget runs on the wall clock, so the CPU a run spends is at most its wall time plus V8's
 * helper threads), and peak RSS against the memory budget plus V8 and the bundle. A hang is the
 * spawn's timeout; a crash is a signal, an exit code other than 0 or 2, or output that is not JSON.
 */

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const DIR = tempDir('gradlens-hostile-');
const USAGE = join(DIR, 'usage.cjs');
writeFileSync(USAGE, "process.on('exit', () => { const r = process.resourceUsage(); require('fs').writeSync(2, '\\n@usage ' + JSON.stringify({ cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, rssMB: r.maxRSS / 1024 }) + '\\n'); });\n");

const BUDGET_MS = DEFAULT_BUDGET.maxMillis;
/** Node's start, the bundle's load and V8's parallel GC threads, counted in the process's CPU time. */
const START_MS = 1_500;
const MAX_CPU_MS = 1.5 * BUDGET_MS + START_MS;
/** The memory budget, plus what V8, the bundle and the parsed text hold outside it (~66 MB at rest). */
const MAX_RSS_MB = DEFAULT_BUDGET.maxBytes / 2 ** 20 + 350;
/** A hang, on a machine loaded many times over. */
const HANG_MS = 90_000;

interface Case {
  readonly name: string;
  readonly ext: 'py' | 'ts' | 'md';
  readonly text: string | Buffer;
  readonly fn: string;
  readonly at?: string;
  /** The value, or what the located error says. */
  readonly expect: { readonly value: unknown } | { readonly error: RegExp };
}

interface Run {
  readonly json: { value?: unknown; error?: { message: string; line: number } };
  readonly cpuMs: number;
  readonly rssMB: number;
}

function runCli(c: Case): Run {
  const file = join(DIR, `case.${c.ext}`);
  writeFileSync(file, c.text);
  const args = ['--require', USAGE, CLI, 'grad', file, '--function', c.fn, ...(c.at === undefined ? [] : ['--at', c.at])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: HANG_MS, maxBuffer: 64 << 20 });
  assert.equal(r.error, undefined, `${c.name}: ${r.error?.message} (a hang past ${HANG_MS} ms?)`);
  assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}\n${r.stderr.slice(0, 2000)}`);
  assert.ok(r.status === 0 || r.status === 2, `${c.name}: exit code ${r.status}\n${r.stderr.slice(0, 2000)}`);
  const usage = /\n@usage (.*)\n$/.exec(r.stderr);
  assert.ok(usage, `${c.name}: no usage line; stderr: ${r.stderr.slice(0, 2000)}`);
  assert.equal(r.stderr.slice(0, usage.index).trim(), '', `${c.name}: wrote to stderr`);
  return { json: JSON.parse(r.stdout) as Run['json'], ...(JSON.parse(usage[1]!) as { cpuMs: number; rssMB: number }) };
}

const chain = (n: number, term: (i: number) => string, op = ' + '): string => Array.from({ length: n }, (_, i) => term(i)).join(op);
const nest = (n: number, open: string, inner: string, close: string): string => open.repeat(n) + inner + close.repeat(n);
const TOO_DEEP = /nested more than 1,000 levels|too deeply nested|too long or too deeply nested/;

let seed = 7;
const noise = Buffer.from(Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255));
const noNul = Buffer.from(noise.map((b) => (b === 0 ? 1 : b)));

const CASES: Case[] = [
  // resource bombs: the budgets stop each, at the operation
  { name: 'a 3000² matmul', ext: 'py', text: 'import numpy as np\ndef f(x):\n    A = np.ones((3000, 3000)) * x\n    return np.sum(A @ A)\n', fn: 'f', at: 'x=1.0', expect: { error: /time budget exceeded/ } },
  { name: 'an array per step for a million steps', ext: 'py', text: 'import numpy as np\ndef f(x):\n    s = 0.0\n    for i in range(1000000):\n        s = s + np.sum(np.ones(100) * x)\n    return s\n', fn: 'f', at: 'x=1.0', expect: { error: /budget exceeded/ } },
  { name: '[x] * 10**12', ext: 'py', text: 'def f(x):\n    xs = [x] * 10**12\n    return xs[0]\n', fn: 'f', at: 'x=1.0', expect: { error: /memory budget exceeded/ } },
  { name: '"a" * 10**10', ext: 'py', text: 'def f(x):\n    s = "a" * 10**10\n    return x * len(s)\n', fn: 'f', at: 'x=1.0', expect: { error: /memory budget exceeded/ } },
  { name: 'a ten-million-key dict', ext: 'py', text: 'def f(x):\n    d = {}\n    for i in range(10**7):\n        d[i] = x\n    return d[0]\n', fn: 'f', at: 'x=1.0', expect: { error: /budget exceeded/ } },
  { name: 'a list nested 200,000 deep, printed', ext: 'py', text: 'def f(x):\n    y = [x]\n    for i in range(200000):\n        y = [y]\n    return x * len(str(y))\n', fn: 'f', at: 'x=1.0', expect: { error: /nested too deeply|budget exceeded/ } },
  { name: 'runaway recursion', ext: 'py', text: 'def f(x):\n    return f(x) + 1\n', fn: 'f', at: 'x=1.0', expect: { error: /call depth exceeded/ } },
  { name: 'while (true) in TypeScript', ext: 'ts', text: 'function f(x: number): number {\n  while (true) { x = x + 1; }\n  return x;\n}\n', fn: 'f', at: 'x=1', expect: { error: /budget exceeded/ } },
  { name: 'new Array(1e12)', ext: 'ts', text: 'function f(x: number): number {\n  const a = new Array(1e12).fill(x);\n  return a[0];\n}\n', fn: 'f', at: 'x=1', expect: { error: /memory budget exceeded/ } },
  { name: 'np.outer of 1,000 inputs (a 10⁶ × 10³ Jacobian)', ext: 'py', text: 'import numpy as np\ndef f(w):\n    return np.outer(w, w)\n', fn: 'f', at: JSON.stringify({ w: new Array(1000).fill(0.5) }), expect: { error: /Jacobian .* more than the memory budget/ } },
  // deep nesting in every front end
  { name: 'Python: 100,000 nested parentheses', ext: 'py', text: `def f(x):\n    return ${nest(100_000, '(', 'x', ')')}\n`, fn: 'f', at: 'x=1.0', expect: { error: TOO_DEEP } },
  { name: 'TypeScript: 100,000 nested array literals', ext: 'ts', text: `function f(x: number) {\n  return ${nest(100_000, '[', 'x', ']')};\n}\n`, fn: 'f', at: 'x=1', expect: { error: TOO_DEEP } },
  { name: 'TypeScript: 100,000 nested blocks', ext: 'ts', text: `function f(x: number) {\n  ${nest(100_000, '{', 'x = x + 1;', '}')}\n  return x;\n}\n`, fn: 'f', at: 'x=1', expect: { error: TOO_DEEP } },
  { name: 'math: 100,000 nested parentheses', ext: 'md', text: `# N\n\n@at x = 1\n$$f(x) = ${nest(100_000, '(', 'x', ')')}$$\n`, fn: 'f', expect: { error: TOO_DEEP } },
  { name: 'Python: 100,000 nested math.sin calls', ext: 'py', text: `import math\ndef f(x):\n    return ${nest(100_000, 'math.sin(', 'x', ')')}\n`, fn: 'f', at: 'x=1.0', expect: { error: TOO_DEEP } },
  { name: 'Python: blocks 2,000 levels deep', ext: 'py', text: `def f(x):\n${Array.from({ length: 1999 }, (_, i) => `${' '.repeat(i + 1)}if x > 0:\n`).join('')}${' '.repeat(2000)}return x\n return x\n`, fn: 'f', at: 'x=1.0', expect: { error: /too many levels of indentation/ } },
  { name: 'an @at nested 100,000 deep', ext: 'py', text: `# @at x=${nest(100_000, '[', '1', ']')}\ndef f(x):\n    return x\n`, fn: 'f', expect: { error: /malformed # @at annotation: .*nested more than 1,000 levels/ } },
  { name: 'a --at nested 60,000 deep', ext: 'py', text: 'def f(x):\n    return x\n', fn: 'f', at: `x=${nest(60_000, '[', '1', ']')}`, expect: { error: /--at is nested more than 1,000 levels/ } },
  { name: 'a --at object nested 15,000 deep', ext: 'py', text: 'def f(x):\n    return x\n', fn: 'f', at: `{"x": ${nest(15_000, '{"a": ', '1', '}')}}`, expect: { error: /nested more than 1,000 levels/ } },
  // huge one-line sums: read and evaluated, in every front end
  { name: 'Python: a 100,000-term one-line sum', ext: 'py', text: `def f(x):\n    return ${chain(100_000, (i) => (i % 2 ? `${i}*x**2` : `x/${i + 1}`), ' - ')}\n`, fn: 'f', at: 'x=1.0', expect: { value: pythonSum() } },
  { name: 'TypeScript: a 100,000-term one-line sum', ext: 'ts', text: `function f(x: number) {\n  return ${chain(100_000, () => 'x')};\n}\n`, fn: 'f', at: 'x=1', expect: { value: 100_000 } },
  { name: 'math: a 1 MB one-line sum', ext: 'md', text: `# N\n\n@at x = 1\n$$f(x) = ${chain(250_000, () => 'x')}$$\n`, fn: 'f', expect: { value: 250_000 } },
  // binary blobs saved as source
  ...(['py', 'ts', 'md'] as const).flatMap((ext): Case[] => [
    { name: `a 200 KB binary blob saved as .${ext}`, ext, text: noise, fn: 'f', at: 'x=1', expect: { error: /NUL characters/ } },
    { name: `200 KB of binary without NUL saved as .${ext}`, ext, text: noNul, fn: 'f', at: 'x=1', expect: { error: ext === 'md' ? /no function named f/ : /cannot appear in code|no function named f/ } },
  ]),
];

/** Python's left-to-right float sum of the mixed case at x = 1 (x/(i+1) for even i, minus i·x² for odd i). */
function pythonSum(): number {
  let s = 1; // the first term, x/1
  for (let i = 1; i < 100_000; i++) s -= i % 2 ? i : 1 / (i + 1);
  return s;
}

// names Object.prototype owns, as parameters and function names in every front end, keys and attributes
for (const name of ['__proto__', 'constructor', 'toString']) {
  CASES.push(
    { name: `Python parameter ${name}`, ext: 'py', text: `def f(${name}, y=2.0):\n    return ${name} * y\n`, fn: 'f', at: `${name}=3`, expect: { value: 6 } },
    { name: `Python function ${name}`, ext: 'py', text: `def ${name}(x):\n    return 3 * x\n`, fn: name, at: 'x=1', expect: { value: 3 } },
    { name: `Python dict key and attribute ${name}`, ext: 'py', text: `class C:\n    def __init__(self, v):\n        self.${name} = v\n\ndef f(x):\n    d = {"${name}": x}\n    return C(d["${name}"]).${name} * 2\n`, fn: 'f', at: 'x=3', expect: { value: 6 } },
    { name: `TypeScript parameter ${name}`, ext: 'ts', text: `function f(${name}: number): number {\n  return ${name} * 2;\n}\n`, fn: 'f', at: `${name}=3`, expect: { value: 6 } },
    { name: `TypeScript function ${name} and object key`, ext: 'ts', text: `function ${name}(x: number): number {\n  const o: any = {};\n  o["${name}"] = x;\n  return o["${name}"] * 3;\n}\n`, fn: name, at: 'x=1', expect: { value: 3 } },
    { name: `TypeScript Math.${name}`, ext: 'ts', text: `function f(x: number): number {\n  return Math.${name}(x);\n}\n`, fn: 'f', at: 'x=1', expect: { error: new RegExp(`Math\\.${name}\` is not supported`) } },
  );
  // math notation reads `_` as a subscript, so only names without one are names there
  if (!name.includes('_')) {
    CASES.push(
      { name: `math parameter ${name}`, ext: 'md', text: `# N\n\n$$f(${name}) = 2 ${name}$$\n`, fn: 'f', at: `${name}=3`, expect: { value: 6 } },
      { name: `math function ${name}`, ext: 'md', text: `# N\n\n$$${name}(x) = 3x$$\n`, fn: name, at: 'x=1', expect: { value: 3 } },
    );
  }
}

describe('hostile input through the CLI: a located error or the right answer, within the budgets', () => {
  const worst = { cpuMs: 0, rssMB: 0, cpuCase: '', rssCase: '' };
  for (const c of CASES) {
    it(c.name, () => {
      const { json, cpuMs, rssMB } = runCli(c);
      if ('value' in c.expect) {
        assert.equal(json.error, undefined, `${c.name}: ${json.error?.message}`);
        assert.deepEqual(json.value, c.expect.value);
      } else {
        assert.ok(json.error, `${c.name}: no error, value ${JSON.stringify(json.value)?.slice(0, 200)}`);
        assert.doesNotMatch(json.error.message, /internal error/);
        assert.match(json.error.message, c.expect.error);
        assert.ok(json.error.line >= 1, `${c.name}: the error is not located`);
      }
      assert.ok(cpuMs < MAX_CPU_MS, `${c.name}: ${cpuMs.toFixed(0)} ms of CPU (at most ${MAX_CPU_MS})`);
      assert.ok(rssMB < MAX_RSS_MB, `${c.name}: peak RSS ${rssMB.toFixed(0)} MB (at most ${MAX_RSS_MB})`);
      if (cpuMs > worst.cpuMs) Object.assign(worst, { cpuMs, cpuCase: c.name });
      if (rssMB > worst.rssMB) Object.assign(worst, { rssMB, rssCase: c.name });
    });
  }
  it('reports the worst case measured', () => {
    console.log(`worst CPU ${worst.cpuMs.toFixed(0)} ms (${worst.cpuCase}); worst peak RSS ${worst.rssMB.toFixed(0)} MB (${worst.rssCase})`);
    assert.ok(worst.cpuMs > 0);
  });
});
