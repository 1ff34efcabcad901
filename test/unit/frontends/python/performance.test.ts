import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@lezer/python';
import { lowerPython } from '../../../../src/frontends/python/index';

/**
 * A 2,000-line file lowers in well under 50 ms once warm: the editor re-lowers on every pause in
 * typing, so the JIT has warmed up by the second edit. The fastest of several runs is measured, and
 * the 50 ms budget is scaled by how slow lezer's own parse of the same text is on this machine right
 * now (about 15 ms when idle), so a busy test machine slows the check without failing it, while the
 * front end's own share stays checked.
 */

const IDLE_PARSE_MS = 15;

function bigFile(): string {
  let src = 'import numpy as np\nimport math\n\nALPHA = 0.5\n\n';
  for (let i = 0; i < 200; i++) {
    src += `# @at x=1, y=2\ndef f${i}(x, y=2):\n    a = np.sin(x) * y + x ** 2\n    for k in range(3):\n        a += k * x\n`;
    src += `    if a > 1 and y < 3:\n        return a, y\n    return math.log(a + 1, 2)\n\nf${i}(1.5, -2)\n`;
  }
  return src;
}

/** Fastest of several warm runs of each, interleaved so that both see the same machine load. */
function fastestMillis(text: string): { parseMs: number; lowerMs: number } {
  let parseMs = Infinity;
  let lowerMs = Infinity;
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    parser.parse(text);
    const t1 = performance.now();
    lowerPython(text, 'file:///big.py');
    const t2 = performance.now();
    if (i >= 10) {
      parseMs = Math.min(parseMs, t1 - t0);
      lowerMs = Math.min(lowerMs, t2 - t1);
    }
  }
  return { parseMs, lowerMs };
}

function checkSpeed(t: TestContext, text: string, budgetMs: number): void {
  const { parseMs, lowerMs } = fastestMillis(text);
  const slowdown = Math.max(1, parseMs / IDLE_PARSE_MS);
  t.diagnostic(`lowered in ${lowerMs.toFixed(1)} ms; lezer's parse alone ${parseMs.toFixed(1)} ms`);
  assert.ok(lowerMs < budgetMs * slowdown, `${lowerMs.toFixed(1)} ms, budget ${(budgetMs * slowdown).toFixed(1)} ms`);
}

test('a 2,000-line file lowers in under 50 ms', (t) => {
  const text = bigFile();
  assert.ok(text.split('\n').length >= 2000);
  const m = lowerPython(text, 'file:///big.py');
  assert.equal(m.functions.length, 200);
  assert.equal(m.points.length, 400);
  checkSpeed(t, text, 50);
});

test('the same file with a broken def in the middle stays fast', (t) => {
  const text = bigFile().replace('def f100(x, y=2):\n    a = np.sin(x) * y', 'def f100(x, y=2):\n    a = np.sin(x * y');
  const m = lowerPython(text, 'file:///big.py');
  assert.deepEqual(m.functions.filter((f) => f.diagnostics.length > 0).map((f) => f.name), ['f100']);
  checkSpeed(t, text, 100);
});
