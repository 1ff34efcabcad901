import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { parsePointArgument } from '../../../src/analysis/points';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import type { Language } from '../../../src/ir/nodes';

/**
 * User text is only ever a key: every name `Object.prototype` owns (`__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`…) used as a parameter, a function name, an `@at` key, a `--at` key
 * and a library member behaves exactly as `x` would.
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);

function gradientAt(text: string, language: Language, fn: string, given?: Record<string, unknown>): { value: unknown; gradient: unknown; at: unknown } {
  const doc = DocumentAnalysis.fromText(text, `file:///t.${language === "python" ? "py" : "ts"}`, language);
  const point = doc.resolvePoint(fn, given as never);
  assert.ok(point.ok, point.ok ? '' : point.error.message);
  const r = doc.gradient(fn, point.value);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return { value: r.value.value, gradient: { ...r.value.gradient }, at: { ...r.value.at } };
}

const own = (pairs: [string, unknown][]): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

describe('names Object.prototype owns are ordinary names', () => {
  it('contains the dangerous ones', () => {
    for (const n of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']) assert.ok(NAMES.includes(n));
  });

  for (const name of NAMES) {
    it(`${name}: a Python parameter with an @at, a call site and --at`, () => {
      const text = `# @at ${name}=3\ndef f(${name}, y=2):\n    return ${name} * y\n\ndef g(${name}):\n    return ${name} ** 2\n\ng(${name}=4)\n`;
      assert.deepEqual(gradientAt(text, 'python', 'f'), { value: 6, gradient: own([[name, 2]]), at: own([[name, 3]]) });
      assert.deepEqual(gradientAt(text, 'python', 'g'), { value: 16, gradient: own([[name, 8]]), at: own([[name, 4]]) });
      for (const arg of [`${name}=[1,2]`, JSON.stringify(own([[name, [1, 2]]]))]) {
        const parsed = parsePointArgument(arg);
        assert.ok(parsed.ok);
        assert.deepEqual(Object.keys(parsed.value), [name]);
        const r = gradientAt(text.replace('return ' + name + ' ** 2', `return ${name}[0] * ${name}[1]`), 'python', 'g', parsed.value);
        assert.deepEqual(r, { value: 2, gradient: own([[name, [2, 1]]]), at: own([[name, [1, 2]]]) });
      }
    });

    it(`${name}: a function of that name, a TypeScript parameter, Math.${name}`, () => {
      const py = `# @at x=1\ndef ${name}(x):\n    return 3 * x\n`;
      assert.deepEqual(gradientAt(py, 'python', name), { value: 3, gradient: { x: 3 }, at: { x: 1 } });
      // No last-used point for it, though lastUsed[name] of a plain object would find a function.
      const report = reportDocument({ uri: 'file:///t.py', version: 1, text: py, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {} }, new FunctionCache());
      assert.equal(report.functions[0]!.point?.source, 'annotation');
      const ts = `// @at ${name}=2\nfunction h(${name}: number): number {\n  return ${name} * ${name};\n}\nfunction k(x: number) { return Math.${name}(x); }\nk(1);\n`;
      assert.deepEqual(gradientAt(ts, 'typescript', 'h'), { value: 4, gradient: own([[name, 4]]), at: own([[name, 2]]) });
      const doc = DocumentAnalysis.fromText(ts, 'file:///t.ts', 'typescript');
      const k = doc.resolvePoint('k');
      assert.ok(k.ok);
      const r = doc.gradient('k', k.value);
      assert.ok(!r.ok);
      assert.doesNotMatch(r.error.message, /native code|function|=>/);
      assert.match(r.error.message, new RegExp(`Math\\.${name.replace(/\$/g, '\\$')}`));
    });
  }
});
