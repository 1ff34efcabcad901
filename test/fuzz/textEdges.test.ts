import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../src/analysis/document';
import type { Language } from '../../src/ir/nodes';

/**
 * Text as editors and other tools save it: a byte-order mark, old Mac line endings, names in any
 * script; and characters CPython refuses in code (bidirectional controls, zero-width characters,
 * emoji, a no-break space), which could make a lens or hover read differently from the code.
 */

const URI: Record<Language, string> = { python: 'file:///t.py', typescript: 'file:///t.ts', math: 'file:///t.md' };

function analyse(text: string, language: Language, fn = 'f') {
  const doc = DocumentAnalysis.fromText(text, URI[language], language);
  const summary = doc.functions().find((f) => f.ir.name === fn);
  assert.ok(summary, `${fn} is listed`);
  const point = doc.resolvePoint(fn);
  const result = point.ok ? doc.gradient(fn, point.value) : undefined;
  return {
    summary,
    point,
    value: result?.ok ? result.value.value : undefined,
    errors: [...summary.ir.diagnostics.filter((d) => d.severity === 'error'), ...(result && !result.ok ? [result.error] : [])],
  };
}

describe('byte-order marks and line endings', () => {
  it('an @at on the first line after a BOM is read (Python, TypeScript)', () => {
    const py = analyse('\ufeff# @at x=3\ndef f(x):\n    return x * x\n', 'python');
    assert.equal(py.point.ok && py.point.value.source, 'annotation');
    assert.equal(py.value, 9);
    const ts = analyse('\ufeff// @at x=3\nfunction f(x: number) { return x * x; }\n', 'typescript');
    assert.equal(ts.point.ok && ts.point.value.source, 'annotation');
    assert.equal(ts.value, 9);
  });

  it('a file starting with code after a BOM reads as without it', () => {
    assert.equal(analyse('\ufeffdef f(x):\n    return x * x\n\nf(3)\n', 'python').value, 9);
  });

  for (const [language, text] of [
    ['python', '# @at x=3\rdef f(x):\r    y = x * x\r    return y\r'],
    ['typescript', '// @at x=3\rfunction f(x: number) {\r  const y = x * x;\r  return y;\r}\r'],
  ] as const) {
    it(`${language}: lone CR line endings are line breaks, and ranges count them`, () => {
      const r = analyse(text, language);
      assert.equal(r.value, 9);
      assert.equal(r.summary.ir.range.start.line, 1);
      assert.equal(r.summary.ir.range.end.line, language === 'python' ? 3 : 4);
    });
  }
});

describe('characters in names', () => {
  it('names in other scripts and with combining marks are read', () => {
    assert.equal(analyse('# @at x=3\ndef f(x):\n    café = x\n    e\u0301 = café\n    return e\u0301 * 2\n', 'python').value, 6);
    assert.equal(analyse('// @at x=3\nfunction f(x: number) { const θ = x; return θ * 2; }\n', 'typescript').value, 6);
  });

  const refused = [
    ['U+202E (right-to-left override)', 'python', '# @at x=3\ndef f(x):\n    a\u202eb = x\n    return a\u202eb * 2\n\n# @at x=1\ndef g(x):\n    return x\n', /U\+202E .*bidirectional/],
    ['an emoji', 'python', '# @at x=3\ndef f(x):\n    \u{1F600} = x\n    return \u{1F600} * 2\n\n# @at x=1\ndef g(x):\n    return x\n', /'😀' \(U\+1F600\)/],
    ['a zero-width space', 'typescript', '// @at x=3\nfunction f(x: number) { const a\u200bb = x; return a\u200bb * 2; }\n// @at x=1\nfunction g(x: number) { return x; }\n', /U\+200B/],
    ['a no-break space', 'python', '# @at x=3\ndef f(x):\n    return x\u00a0* 2\n\n# @at x=1\ndef g(x):\n    return x\n', /U\+00A0/],
  ] as const;
  for (const [what, language, text, message] of refused) {
    it(`${what} in code refuses that function at the character; the others are read`, () => {
      const f = analyse(text, language);
      assert.equal(f.value, undefined);
      assert.match(f.errors[0]?.message ?? '', message);
      const at = text.split('\n')[f.errors[0]!.range.start.line]!.codePointAt(f.errors[0]!.range.start.column);
      assert.ok(at !== undefined && at > 0x7f, 'the error points at the character');
      assert.equal(analyse(text, language, 'g').value, 1);
    });
  }

  it('the same characters in strings and comments are left alone', () => {
    assert.equal(analyse('# @at x=3\ndef f(x):\n    s = "\u202e \u{1F600} \u200b"  # \u202e \u{1F600}\n    return x * 2\n', 'python').value, 6);
  });
});
