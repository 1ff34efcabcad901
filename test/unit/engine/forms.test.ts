import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORM_CODE, FORM_CONSTANT, PARTIAL_FORMS } from '../../../src/engine/primitives/forms';
import { numberOps } from '../../../src/engine/primitives/registry';
import { SCALAR_PRIMITIVES } from '../../../src/engine/primitives/scalar';

/**
 * A partial rule's form (forms.ts) stands in for calling the rule — on the scalar tape and in array
 * nodes — so wherever a form says constant or argument, the rule must return exactly that, at
 * every point of its sampling box and at its special points.
 */

test('every constant or argument form is what its rule returns, bit for bit', () => {
  let checked = 0;
  for (const p of SCALAR_PRIMITIVES) {
    const points: number[][] = [...p.specialPoints.map((s) => [...s])];
    for (let i = 0; i < 25; i++) points.push(p.sampleBox.map(([lo, hi], j) => lo + ((hi - lo) * ((i * 7 + j * 3) % 25)) / 24));
    p.partials.forEach((rule, k) => {
      const form = PARTIAL_FORMS[p.opcode]![k]!;
      const code = FORM_CODE[2 * p.opcode + k];
      if (form.kind === 'general') return assert.equal(code, 4, `${p.name} ∂${k}`);
      for (const [a, b0] of points) {
        const b = p.arity === 1 ? a! : b0!;
        const out = p.value(a!, b);
        const want = rule(numberOps, a!, b, out);
        const got = code === 0 ? FORM_CONSTANT[2 * p.opcode + k]! : code === 1 ? a! : code === 2 ? b : out;
        assert.ok(Object.is(got, want), `${p.name} ∂${k} at (${a}, ${b}): form ${JSON.stringify(form)} gives ${got}, the rule ${want}`);
        checked++;
      }
    });
  }
  assert.ok(checked > 300, `${checked} checks`);
});

test('the forms the tape relies on most are what the math says', () => {
  const form = (name: string, k: number) => PARTIAL_FORMS[SCALAR_PRIMITIVES.find((p) => p.name === name)!.opcode]![k];
  assert.deepEqual(form('add', 0), { kind: 'constant', c: 1 });
  assert.deepEqual(form('sub', 1), { kind: 'constant', c: -1 });
  assert.deepEqual(form('mul', 0), { kind: 'argument', which: 1 });
  assert.deepEqual(form('mul', 1), { kind: 'argument', which: 0 });
  assert.deepEqual(form('exp', 0), { kind: 'argument', which: 2 });
  // pow's ∂a branches on the exponent (b = 0 gives 0 even at a = 0): general, never a form.
  assert.deepEqual(form('pow', 0), { kind: 'general' });
});
