import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineMap } from '../../../../src/core/sourceRange';
import { jsdocAbove } from '../../../../src/frontends/typescript/jsdoc';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * A function's JSDoc block is its documentation (`IrFunction.doc`) in the entry form the analysis
 * reads from a docstring (`name : Type description`): a string parameter the code compares with
 * "call" is sampled as the first choice documented, as a Python docstring's `kind : {'call', 'put'}`.
 */

test('a JSDoc block becomes docstring entries: @param types and names (optional, defaulted), continuation lines, other tags dropped', () => {
  const text = [
    '/**',
    ' * Price of an option.',
    ' *',
    ' * @param {Number} s  Current price',
    ' * @param {String} callPut The type - "call"',
    ' *   or "put"',
    ' * @param {number=} [scale=100] Scale',
    ' * @param untyped no type given',
    ' * @returns {Number} Price',
    ' *   of the option',
    ' * @example price(1, 2, "call")',
    ' */',
    'function price(s, callPut, scale, untyped) {}',
  ].join('\n');
  assert.equal(
    jsdocAbove(new LineMap(text), 12),
    ['Price of an option.', '', 's : Number Current price', 'callPut : String The type - "call"', '    or "put"', 'scale : number Scale', 'untyped : no type given'].join('\n'),
  );
  // A line comment, or a block closed further up, is no JSDoc of the function.
  assert.equal(jsdocAbove(new LineMap('/** a */\nconst k = 1;\nfunction f(x) {}'), 2), undefined);
  assert.equal(jsdocAbove(new LineMap('// @param {String} kind "a" or "b"\nfunction f(kind) {}'), 1), undefined);
});

const OPTIONS = `
/**
 * @param {Number} s Spot
 * @param {String} kind Which one - "call" or "put"
 */
export function value(s, kind) {
  return kind === "call" ? s * s : -s;
}

/**
 * @param {Number} s Spot
 * @param {String} kind one of 'put', 'call'
 */
class Book {
  /**
   * @param {Number} s Spot
   * @param {String} kind one of 'put', 'call'
   */
  payoff(s, kind) {
    return kind === 'put' ? Math.max(1 - s, 0) + s : s * 3;
  }
}

function undocumented(s, kind) {
  return kind === "call" ? s * s : -s;
}
`;

test('a string the JSDoc lists among its choices is the sample: the first listed, for functions and methods', () => {
  const doc = DocumentAnalysis.fromText(OPTIONS, 'file:///options.js', 'typescript');
  const value = doc.resolvePoint('value');
  assert.ok(value.ok, JSON.stringify(value));
  assert.equal(value.value.values.kind, 'call');
  const r = doc.gradient('value', value.value);
  assert.ok(r.ok);
  assert.equal(r.value.gradient!.s, 2 * (value.value.values.s as number));
  const payoff = doc.resolvePoint('Book.payoff');
  assert.ok(payoff.ok, JSON.stringify(payoff));
  assert.equal(payoff.value.values.kind, 'put');
  // Without documentation, the first string the code compares it with, and the note says so.
  const plain = doc.resolvePoint('undocumented');
  assert.ok(plain.ok, JSON.stringify(plain));
  assert.equal(plain.value.values.kind, 'call');
  assert.ok((plain.value.notes ?? []).some((n) => n.startsWith('kind: "call", the first string the code compares it with')), JSON.stringify(plain.value.notes));
});

test("TypeScript's own annotations are entries too: a union of string literals lists the choices", () => {
  const text = `
type Side = 'buy' | 'sell';
export function fee(amount: number, kind: 'maker' | 'taker', side: Side): number {
  const rate = kind === 'taker' ? 0.002 : 0.001;
  return side === 'buy' ? amount * rate : -amount * rate;
}
export function rebate(amount: number, kind: 'maker' | 'taker'): number {
  return kind === 'taker' ? 0 : amount * amount * 0.0005;
}
`;
  const doc = DocumentAnalysis.fromText(text, 'file:///fees.ts', 'typescript');
  assert.equal(doc.find('fee')?.doc, "amount : number\nkind : 'maker' | 'taker'\nside : Side");
  assert.deepEqual(doc.find('fee')?.params.map((p) => p.type), ['number', "'maker' | 'taker'", 'Side']);
  // `side`'s alias is not followed: it takes the first string the code compares it with; `kind` its first listed choice.
  const point = doc.resolvePoint('fee');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual([point.value.values.kind, point.value.values.side], ['maker', 'buy']);
  const r = doc.gradient('fee', { values: { amount: 3, kind: 'maker', side: 'buy' }, source: 'argument' });
  assert.ok(r.ok);
  assert.equal(r.value.gradient!.amount, 0.001);
  const rebate = doc.resolvePoint('rebate');
  assert.ok(rebate.ok, JSON.stringify(rebate));
  assert.equal(rebate.value.values.kind, 'maker');
});
