import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../src/analysis/document';
import { parsePointArgument } from '../../src/analysis/points';
import type { Language } from '../../src/ir/nodes';

/**
 * Inputs written to break the engine rather than to be differentiated: nesting far past any
 * formula, very long lists, binary files. Each gives a located answer quickly, and the other
 * functions of the file keep theirs.
 */

const URI: Record<Language, string> = { python: 'file:///h.py', typescript: 'file:///h.ts', math: 'file:///h.md' };

function timed<T>(what: string, limitMs: number, run: () => T): T {
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  assert.ok(ms < limitMs, `${what} took ${ms.toFixed(0)} ms (limit ${limitMs})`);
  return out;
}

function outcome(text: string, language: Language, fn: string): { value?: unknown; error?: string } {
  const doc = DocumentAnalysis.fromText(text, URI[language], language);
  const summary = doc.functions().find((f) => f.ir.name === fn);
  assert.ok(summary, `${fn} is listed`);
  const errors = [...summary.errors, ...summary.ir.diagnostics.filter((d) => d.severity === 'error'), ...summary.pointErrors];
  if (errors.length > 0) return { error: errors[0]!.message };
  const point = doc.resolvePoint(fn);
  if (!point.ok) return { error: point.error.message };
  const r = doc.gradient(fn, point.value);
  return r.ok ? { value: r.value.value } : { error: r.error.message };
}

describe('deep nesting is a located error, never a stack overflow', () => {
  const deep = (n: number, inner = 'x'): string => '('.repeat(n) + inner + ')'.repeat(n);

  it('Python: 10,000 nested parentheses refuse that function only', () => {
    const text = `def f(x):\n    return ${deep(10_000)}\n\ndef g(x):\n    return 2 * x\n\nf(1)\ng(1)\n`;
    timed('10,000 parentheses', 10_000, () => {
      assert.match(outcome(text, 'python', 'f').error ?? '', /nested more than 1,000 levels/);
      assert.deepEqual(outcome(text, 'python', 'g'), { value: 2 });
    });
  });

  it('TypeScript: 10,000 nested parentheses refuse that function only', () => {
    const text = `function f(x: number) {\n  return ${deep(10_000)};\n}\nfunction g(x: number) { return 2 * x; }\nf(1);\ng(1);\n`;
    timed('10,000 parentheses', 10_000, () => {
      assert.match(outcome(text, 'typescript', 'f').error ?? '', /nested more than 1,000 levels/);
      assert.deepEqual(outcome(text, 'typescript', 'g'), { value: 2 });
    });
  });

  it('1,000 levels, the limit, are read and evaluated (calls and lists)', () => {
    const text = `import numpy as np\ndef f(x):\n    return ${'np.sin('.repeat(1000)}x${')'.repeat(1000)}\n\ndef h(x):\n    return ${'['.repeat(999)}x${']'.repeat(999)}[0]\n\nf(1)\nh(1)\n`;
    let v = 1;
    for (let i = 0; i < 1000; i++) v = Math.sin(v);
    timed('1,000 levels', 5000, () => {
      assert.equal(outcome(text, 'python', 'f').value, v);
      assert.ok(outcome(text, 'python', 'h').value !== undefined);
    });
  });

  it('an @at nested 100,000 deep is that annotation’s error; the other functions keep theirs', () => {
    const text = `# @at x=${'['.repeat(100_000)}1${']'.repeat(100_000)}\ndef f(x):\n    return x\n\n# @at x=1\ndef g(x):\n    return 3 * x\n`;
    timed('a deep @at', 3000, () => {
      assert.deepEqual(outcome(text, 'python', 'g'), { value: 3 });
      const doc = DocumentAnalysis.fromText(text, URI.python, 'python');
      const all = [...doc.diagnostics, ...doc.functions().flatMap((f) => [...f.ir.diagnostics, ...f.pointErrors])];
      assert.ok(all.some((d) => /nested more than 1,000 levels/.test(d.message)), all.map((d) => d.message).join('; '));
    });
  });

  it('a --at nested 60,000 deep is refused, in both forms', () => {
    const list = '['.repeat(60_000) + '1' + ']'.repeat(60_000);
    for (const arg of [`x=${list}`, `{"x": ${list}}`]) {
      const parsed = parsePointArgument(arg);
      assert.ok(!parsed.ok);
      assert.match(parsed.message, /nested more than 1,000 levels/);
    }
  });
});

describe('long lists and binary files', () => {
  it('extend and repetition of 200,000-element lists', () => {
    const text = 'def f(x):\n    xs = [x] * 200000\n    ys = []\n    ys.extend(xs)\n    zs = ys * 2\n    return len(zs) * x\n\nf(1)\n';
    timed('200,000 elements', 3000, () => assert.deepEqual(outcome(text, 'python', 'f'), { value: 400_000 }));
  });

  it('a 200 KB binary blob saved as .py is one located error, at once', () => {
    let seed = 7;
    const bytes = Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255);
    const text = Buffer.from(bytes).toString('utf8') + '\n# @at x=1\ndef g(x):\n    return x\n';
    const doc = timed('a binary file', 2000, () => DocumentAnalysis.fromText(text, URI.python, 'python'));
    assert.equal(doc.functions().length, 0);
    assert.match(doc.diagnostics[0]!.message, /NUL characters/);
  });
});
