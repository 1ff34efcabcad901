import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerDocument } from '../../../src/analysis/languages';
import { hessianMatrix, jacobianMatrix } from '../../../src/engine/differentiate';
import { CompiledModule } from '../../../src/engine/module';
import { recordTrace, releaseTrace } from '../../../src/engine/run';
import type { IrExpr, IrSum, Language } from '../../../src/ir/nodes';
import { balancedSum } from '../../../src/ir/sums';

/**
 * 10,000-term sums (issue 21): split before parsing (frontends/shared/longSums.ts), one IrSum the
 * interpreter folds left to right — the value bit for bit what the left-deep tree Python and
 * JavaScript evaluate gives — and every AD mode differentiates, in Python, TypeScript and math notes.
 */

const N = 10_000;
const coefficient = (i: number): number => ((i * 7919) % 1000) / 997 + 0.25;
const sign = (i: number): '+' | '-' => (i % 3 === 1 ? '-' : '+');
/** c₀·x·x ± c₁·x·x ± …, the coefficients written with 17 digits so they read back exactly. */
const polynomial = (times: string): string => Array.from({ length: N }, (_, i) => `${i === 0 ? '' : ` ${sign(i)} `}${coefficient(i).toPrecision(17)}${times}x${times}x`).join('');

function run(language: Language, text: string, name: string, x: number): { value: number; reverse: number; forward: number; hessian: number } {
  const m = new CompiledModule(lowerDocument(text, `file:///p.${language === 'math' ? 'md' : language === 'python' ? 'py' : 'ts'}`, language));
  const entry = m.functions.get(name);
  assert.ok(entry, `${name} is compiled`);
  assert.deepEqual(entry.errors.map((e) => e.message), []);
  const trace = recordTrace(m, name, [x]);
  try {
    return { value: trace.output.values[0]!, reverse: jacobianMatrix(trace, 'reverse')[0]![0]!, forward: jacobianMatrix(trace, 'forward')[0]![0]!, hessian: hessianMatrix(trace)[0]![0]! };
  } finally {
    releaseTrace(trace);
  }
}

test('a 10,000-term polynomial in Python, TypeScript and math notes: the left fold\'s value bit for bit, exact derivatives', () => {
  const x = 0.7;
  let value = 0;
  let slope = 0;
  for (let i = 0; i < N; i++) {
    const term = Number(coefficient(i).toPrecision(17)) * x * x;
    value = i === 0 ? term : sign(i) === '+' ? value + term : value - term;
    slope += (sign(i) === '-' && i > 0 ? -1 : 1) * Number(coefficient(i).toPrecision(17));
  }
  const texts: [Language, string][] = [
    ['python', `def f(x):\n    return ${polynomial('*')}\n`],
    ['typescript', `export function f(x: number): number {\n  return ${polynomial('*')};\n}\n`],
    ['math', `# p\n\n$$f(x) = ${polynomial('*')}$$\n`],
  ];
  for (const [language, text] of texts) {
    const r = run(language, text, 'f', x);
    assert.equal(r.value, value, language);
    for (const [what, got, want] of [['reverse', r.reverse, 2 * x * slope], ['forward', r.forward, 2 * x * slope], ['hessian', r.hessian, 2 * slope]] as const) {
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${language} ${what}: ${got} vs ${want}`);
    }
  }
});

test('a long sum inside a call and over lines in brackets, among other statements, in the function\'s own scope', () => {
  const terms = Array.from({ length: 3000 }, (_, i) => `np.sin(${i % 7} * x) * w`).join(' +\n        ');
  const text = `import numpy as np\n\nw = 2.0\n\ndef f(x):\n    y = x + 1.0\n    s = np.sqrt((${terms}) ** 2)\n    return s + y\n`;
  let sum = 0;
  for (let i = 0; i < 3000; i++) sum += Math.sin((i % 7) * 0.3) * 2;
  const r = run('python', text, 'f', 0.3);
  assert.ok(Math.abs(r.value - (Math.abs(sum) + 1.3)) < 1e-9, String(r.value));
});

test('terms whose operator is followed by a sign (`2**-x`, `x*-y`) still count toward the chain: 5,000 of them are one sum, read, not refused', () => {
  const x = 0.8;
  for (const [language, text] of [
    ['python', `def f(x):\n    return ${Array.from({ length: 5000 }, (_, i) => (i % 2 ? '2**-x' : '3*-x')).join(' + ')}\n`],
    ['typescript', `export function f(x: number): number {\n  return ${Array.from({ length: 5000 }, (_, i) => (i % 2 ? '2**-x' : '3*-x')).join(' + ')};\n}\n`],
  ] as const) {
    let value = 0;
    for (let i = 0; i < 5000; i++) value += i % 2 ? 2 ** -x : 3 * -x;
    const r = run(language, text, 'f', x);
    assert.ok(Math.abs(r.value - value) <= 1e-9 * Math.abs(value), `${language}: ${r.value} vs ${value}`);
    const slope = 2500 * (-Math.LN2 * 2 ** -x) + 2500 * -3;
    assert.ok(Math.abs(r.reverse - slope) <= 1e-9 * Math.abs(slope), `${language}: ${r.reverse} vs ${slope}`);
  }
});

test('balancedSum groups terms log₂(n) deep with the signs of the left fold', () => {
  const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
  const n = 1000;
  const values = Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
  const ops = Array.from({ length: n - 1 }, (_, i) => ((i * 31) % 5 < 2 ? '-' : '+') as '+' | '-');
  const sum: IrSum = { kind: 'sum', terms: values.map((v) => ({ kind: 'number', value: v, range })), ops, range };
  const evaluate = (e: IrExpr): number => (e.kind === 'number' ? e.value : e.kind === 'binary' ? (e.op === '+' ? evaluate(e.left) + evaluate(e.right) : evaluate(e.left) - evaluate(e.right)) : NaN);
  const depth = (e: IrExpr): number => (e.kind === 'binary' ? 1 + Math.max(depth(e.left), depth(e.right)) : 0);
  let fold = values[0]!;
  for (let i = 1; i < n; i++) fold = ops[i - 1] === '+' ? fold + values[i]! : fold - values[i]!;
  const tree = balancedSum(sum);
  assert.ok(Math.abs(evaluate(tree) - fold) < 1e-9, `${evaluate(tree)} vs ${fold}`);
  assert.equal(depth(tree), Math.ceil(Math.log2(n)));
});
