import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../src/analysis/document';
import { parsePointArgument } from '../../src/analysis/points';
import type { Language } from '../../src/ir/nodes';
import { charactersParsed } from '../../src/frontends/shared/boundedParse';

/**
 * Inputs written to break the engine rather than to be differentiated: nesting far past any
 * formula, very long lists, binary files. Each gives a located answer, and the other functions of
 * the file keep theirs. What reading costs is asserted as characters handed to the parser, not as
 * wall-clock time: deterministic on a loaded machine, and a re-parse loop gone quadratic still fails.
 */

const URI: Record<Language, string> = { python: 'file:///h.py', typescript: 'file:///h.ts', math: 'file:///h.md' };

/** Runs `run`, asserting the parser read at most `times` × `text`'s length. */
function parsedAtMost<T>(text: string, times: number, run: () => T): T {
  const before = charactersParsed();
  const out = run();
  const ratio = (charactersParsed() - before) / text.length;
  assert.ok(ratio <= times, `the parser read the text ${ratio.toFixed(1)} times (at most ${times})`);
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
    parsedAtMost(text, 2 * 2, () => {
      assert.match(outcome(text, 'python', 'f').error ?? '', /nested more than 1,000 levels/);
      assert.deepEqual(outcome(text, 'python', 'g'), { value: 2 });
    });
  });

  it('TypeScript: 10,000 nested parentheses refuse that function only', () => {
    const text = `function f(x: number) {\n  return ${deep(10_000)};\n}\nfunction g(x: number) { return 2 * x; }\nf(1);\ng(1);\n`;
    parsedAtMost(text, 2 * 2, () => {
      assert.match(outcome(text, 'typescript', 'f').error ?? '', /nested more than 1,000 levels/);
      assert.deepEqual(outcome(text, 'typescript', 'g'), { value: 2 });
    });
  });

  it('1,000 levels, the limit, are read and evaluated (calls and lists)', () => {
    const text = `import numpy as np\ndef f(x):\n    return ${'np.sin('.repeat(1000)}x${')'.repeat(1000)}\n\ndef h(x):\n    return ${'['.repeat(999)}x${']'.repeat(999)}[0]\n\nf(1)\nh(1)\n`;
    let v = 1;
    for (let i = 0; i < 1000; i++) v = Math.sin(v);
    parsedAtMost(text, 2 * 1, () => {
      assert.equal(outcome(text, 'python', 'f').value, v);
      assert.ok(outcome(text, 'python', 'h').value !== undefined);
    });
  });

  it('an @at nested 100,000 deep is that annotation’s error; the other functions keep theirs', () => {
    const text = `# @at x=${'['.repeat(100_000)}1${']'.repeat(100_000)}\ndef f(x):\n    return x\n\n# @at x=1\ndef g(x):\n    return 3 * x\n`;
    parsedAtMost(text, 2 * 2, () => {
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

describe('long expressions are read up to a bound, and past it are a located error', () => {
  const chain = (n: number, term: (i: number) => string, op = ' + '): string => Array.from({ length: n }, (_, i) => term(i)).join(op);

  it('a 999-term sum as sympy prints it is read and evaluated (lezer alone cuts chains at 300)', () => {
    const sum = chain(999, (i) => `${i}*x**2`);
    const expected = (999 * 998) / 2;
    assert.deepEqual(outcome(`def f(x):\n    return ${sum}\n\nf(1)\n`, 'python', 'f'), { value: expected });
    assert.deepEqual(outcome(`function f(x: number) {\n  return ${sum.replaceAll('**2', '')};\n}\nf(1);\n`, 'typescript', 'f'), { value: expected });
  });

  it('a chain split over lines inside brackets counts as one chain: a sum is read, a product refused', () => {
    const sum = `def f(x):\n    return (${chain(3000, () => 'x', ' +\n        ')})\n\ndef g(x):\n    return 2 * x\n\nf(1)\ng(1)\n`;
    assert.deepEqual(outcome(sum, 'python', 'f'), { value: 3000 });
    const product = sum.replaceAll(' +\n', ' *\n');
    assert.match(outcome(product, 'python', 'f').error ?? '', /chains more than 1,000 operators/);
    assert.deepEqual(outcome(product, 'python', 'g'), { value: 2 });
  });

  for (const [language, wrap] of [
    ['python', (e: string, name: string) => `def ${name}(x):\n    return ${e}\n\n${name}(1)\n`],
    ['typescript', (e: string, name: string) => `function ${name}(x: number) {\n  return ${e};\n}\n${name}(1);\n`],
  ] as const) {
    it(`${language}: 10,000-term sums and products in 30 functions: sums read, products refused at their line, the others read`, () => {
      const text = [...Array.from({ length: 30 }, (_, i) => wrap(chain(10_000, () => 'x', i % 2 ? ' * ' : ' - '), `f${i}`)), wrap('3 * x', 'g')].join('\n');
      parsedAtMost(text, 12, () => {
        const doc = DocumentAnalysis.fromText(text, URI[language], language);
        const refused = doc.functions().filter((f) => f.ir.diagnostics.some((d) => /chains more than 1,000 operators/.test(d.message)));
        assert.deepEqual(refused.map((f) => f.ir.name), Array.from({ length: 15 }, (_, k) => `f${2 * k + 1}`));
        assert.equal(refused[0]!.ir.diagnostics[0]!.range.start.line, 6); // f1's return
        assert.deepEqual(outcome(text, language, 'f0'), { value: 1 - 9999 });
        assert.deepEqual(outcome(text, language, 'g'), { value: 3 });
      });
    });
  }

  it('a right-associative power tower too deep for lowering is a located error', () => {
    const text = `def f(x):\n    return (${chain(1800, () => 'x', ' **\n  ')})\n\ndef g(x):\n    return x\n\nf(1)\ng(1)\n`;
    const message = outcome(text, 'python', 'f').error ?? '';
    assert.match(message, /too deeply nested|chains more than/);
    assert.deepEqual(outcome(text, 'python', 'g'), { value: 1 });
  });

  it('constructs deep for the parser (nested conditionals, a run of unary minus) are located errors', () => {
    const conditional = `def f(x):\n    return ${'x if x > 0 else '.repeat(800)}x\n\ndef g(x):\n    return x\n\nf(1)\ng(1)\n`;
    assert.match(outcome(conditional, 'python', 'f').error ?? '', /too deeply nested for GradLens/);
    assert.deepEqual(outcome(conditional, 'python', 'g'), { value: 1 });
    const minus = `function f(x: number) {\n  return ${'-'.repeat(3000)}x;\n}\nfunction g(x: number) { return x; }\nf(1);\ng(1);\n`;
    assert.match(outcome(minus, 'typescript', 'f').error ?? '', /too deeply nested for GradLens/);
    assert.deepEqual(outcome(minus, 'typescript', 'g'), { value: 1 });
  });

  it('130,000 statements in one file are read (no argument spread of them)', () => {
    const text = Array.from({ length: 130_000 }, (_, i) => `x${i} = ${i}\n`).join('') + 'def f(x):\n    return x\n\nf(2)\n';
    parsedAtMost(text, 1, () => assert.deepEqual(outcome(text, 'python', 'f'), { value: 2 }));
  });

  it('math notation: a 1 MB one-line sum is read as one flat sum; a 1 MB product is a located error; never a stack overflow', () => {
    const sum = `# Note\n\n@at x = 1\n$$f(x) = ${chain(250_000, () => 'x')}$$\n\n$$g(x) = 2x$$\n`;
    assert.deepEqual(outcome(sum, 'math', 'f'), { value: 250_000 });
    const text = sum.replaceAll(' + ', ' * ');
    assert.match(outcome(text, 'math', 'f').error ?? '', /too long or too deeply nested/);
    const doc = DocumentAnalysis.fromText(text, URI.math, 'math');
    const g = doc.functions().find((f) => f.ir.name === 'g');
    assert.ok(g && g.ir.diagnostics.length === 0);
  });
});

describe('text that is all syntax errors', () => {
  it('300 KB of punctuation is parsed about twice, not once per error region; the function after it is read', () => {
    let seed = 11;
    // No quotes: an unclosed triple-quoted string would rightly swallow the function after it.
    const alphabet = '()[]{}+-*/=:;,.# \t\nabc';
    const noise = Array.from({ length: 300_000 }, () => alphabet[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % alphabet.length]).join('');
    for (const [language, good] of [
      ['python', '\n\n# @at x=1\ndef f(x):\n    return 2 * x\n'],
      ['typescript', '\n\n// @at x=1\nfunction f(x: number) { return 2 * x; }\n'],
    ] as const) {
      const text = noise + good;
      parsedAtMost(text, 2.2, () => assert.deepEqual(outcome(text, language, 'f'), { value: 2 }));
    }
  });
});

describe('long lists and binary files', () => {
  it('extend and repetition of 200,000-element lists', () => {
    const text = 'def f(x):\n    xs = [x] * 200000\n    ys = []\n    ys.extend(xs)\n    zs = ys * 2\n    return len(zs) * x\n\nf(1)\n';
    assert.deepEqual(outcome(text, 'python', 'f'), { value: 400_000 });
  });

  it('a 200 KB binary blob saved as .py is one located error, at once', () => {
    let seed = 7;
    const bytes = Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255);
    const text = Buffer.from(bytes).toString('utf8') + '\n# @at x=1\ndef g(x):\n    return x\n';
    const doc = parsedAtMost(text, 0, () => DocumentAnalysis.fromText(text, URI.python, 'python'));
    assert.equal(doc.functions().length, 0);
    assert.match(doc.diagnostics[0]!.message, /NUL characters/);
  });
});
