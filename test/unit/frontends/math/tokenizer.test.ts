import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, type Token } from '../../../../src/frontends/math/tokenizer';

const brief = (tokens: Token[]) => tokens.map((t) => `${t.kind}:${t.text}@${t.from}`);

test('tokens keep document offsets, not offsets within the segment', () => {
  const text = 'xx f(a) = 2a';
  assert.deepEqual(brief(tokenize(text, 3, text.length)), ['ident:f@3', '(:(@4', 'ident:a@5', '):)@6', '=:=@8', 'number:2@10', 'ident:a@11']);
});

test('numbers: integers, decimals, leading dot, exponents; 2e stays 2 then e', () => {
  const values = (s: string) => tokenize(s, 0, s.length).map((t) => t.value ?? t.text);
  assert.deepEqual(values('2 0.5 .5 1e-3 2.5E+2 3.'), [2, 0.5, 0.5, 0.001, 250, 3]);
  assert.deepEqual(values('2e'), [2, 'e']);
  assert.deepEqual(values('2e-x'), [2, 'e', '-', 'x']);
  assert.deepEqual(values('2exp'), [2, 'exp']);
});

test('every operator spelling maps to one operator', () => {
  const s = '+ - − * · ⋅ × / ÷ ^ **';
  assert.deepEqual(tokenize(s, 0, s.length).map((t) => t.op), ['+', '-', '-', '*', '*', '*', '*', '/', '/', '^', '^']);
});

test('identifiers take letters of any script, digits, underscores, subscript digits and combining marks', () => {
  const s = 'x1 x_1 x₁ θ x̂ 𝑥y';
  assert.deepEqual(tokenize(s, 0, s.length).map((t) => `${t.kind}:${t.text}`), ['ident:x1', 'ident:x_1', 'ident:x₁', 'ident:θ', 'ident:x̂', 'ident:𝑥y']);
});

test('superscripts are exponents with a value, signed or not', () => {
  const s = 'x⁻¹⁰ x²⁻¹';
  const tokens = tokenize(s, 0, s.length);
  assert.deepEqual(tokens.map((t) => [t.kind, t.value]), [['ident', undefined], ['sup', -10], ['ident', undefined], ['sup', 2], ['sup', -1]]);
  const t = 'x¹²³';
  assert.equal(tokenize(t, 0, t.length)[1]!.value, 123);
});

test('symbols of the notation get kinds of their own', () => {
  const s = "( ) [ ] , | = ? : @ ' ′ ∂ ∇ √ ∛";
  assert.deepEqual(tokenize(s, 0, s.length).map((t) => t.kind), ['(', ')', '[', ']', ',', '|', '=', '?', ':', '@', 'prime', 'prime', 'partial', 'nabla', 'root', 'root']);
});

test('unknown characters are invalid tokens, == is one, astral symbols are not split', () => {
  const s = 'a == b < 𝟙';
  assert.deepEqual(tokenize(s, 0, s.length).map((t) => `${t.kind}:${t.text}`), ['ident:a', 'invalid:==', 'ident:b', 'invalid:<', 'invalid:𝟙']);
});

test('# starts a comment', () => {
  const s = 'f(x) = x # note: (';
  assert.equal(tokenize(s, 0, s.length).length, 6);
});
