import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sourceRange } from '../../../src/core/sourceRange';
import type { IrExpr, IrStmt } from '../../../src/ir/nodes';
import { CompiledModule } from '../../../src/engine/module';
import { evaluatePrimal, recordTrace } from '../../../src/engine/run';
import { hessianMatrix, jacobianMatrix } from '../../../src/engine/differentiate';
import { assign, bin, call, fn, module, name, num, ret } from '../engine/irBuilders';

/**
 * Random programs over x, y, z built from operations that stay inside their domains wherever they
 * are evaluated (denominators and log arguments are 1 + e²), with local variables, branches on
 * primal values and loops. Properties: forward = reverse to 1e-12 (relative to the gradient's
 * size), both equal central differences, the Hessian is symmetric and matches differences.
 */

const R = sourceRange(0, 0, 0, 1);
const PARAMS = ['x', 'y', 'z'];
const positive = (e: IrExpr): IrExpr => bin('+', num(1), bin('*', e, e));

const expr: fc.Arbitrary<IrExpr> = fc.letrec<{ e: IrExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PARAMS).map(name),
    fc.double({ min: -2, max: 2, noNaN: true }).map((v) => num(Math.round(v * 100) / 100)),
    fc.tuple(fc.constantFrom('+', '-', '*'), tie('e'), tie('e')).map(([op, a, b]) => bin(op as '+', a, b)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => bin('/', a, positive(b))),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'arctan', 'sinh', 'erf'), tie('e')).map(([f, a]) => call(f, a)),
    tie('e').map((a) => call('exp', call('tanh', a))),
    tie('e').map((a) => call('log', positive(a))),
    tie('e').map((a) => call('sqrt', positive(a))),
    fc.tuple(tie('e'), fc.integer({ min: 2, max: 3 })).map(([a, k]) => bin('**', a, num(k))),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => bin('**', positive(a), call('tanh', b))),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => call('hypot', positive(a), b)),
  ),
})).e;

/** A body: a few assignments to locals, an optional branch on a primal value and an optional loop. */
const program: fc.Arbitrary<IrStmt[]> = fc
  .tuple(fc.array(expr, { minLength: 1, maxLength: 3 }), fc.option(expr), fc.option(expr), expr)
  .map(([locals, branch, loop, result]) => {
    const body: IrStmt[] = locals.map((e, i) => assign(`t${i}`, e));
    const t = (i: number): IrExpr => name(`t${i % locals.length}`);
    if (branch) {
      body.push({
        kind: 'if',
        test: { kind: 'compare', ops: ['>'], operands: [branch, num(0)], range: R },
        then: [assign('t0', bin('*', t(0), name('x')))],
        else: [assign('t0', bin('-', t(0), name('y')))],
        range: R,
      });
    }
    if (loop) {
      body.push({
        kind: 'for',
        target: { kind: 'name', name: 'k', range: R },
        iterable: call('range', num(3)),
        body: [assign('t0', bin('+', call('sin', t(0)), bin('*', name('k'), call('tanh', loop))))],
        range: R,
      });
    }
    body.push(ret(bin('+', result, t(locals.length - 1))));
    return body;
  });

const point = fc.tuple(...PARAMS.map(() => fc.double({ min: -1.5, max: 1.5, noNaN: true })));

function compile(body: IrStmt[]): CompiledModule {
  const m = new CompiledModule(module(fn('f', PARAMS, body)));
  assert.deepEqual(m.functions.get('f')!.errors, []);
  return m;
}

const inf = (v: number[]): number => Math.max(1, ...v.map(Math.abs));

/** The sequence of operations a point takes: equal signatures mean the same branches were taken. */
function pathAt(m: CompiledModule, p: number[]): string {
  const tape = recordTrace(m, 'f', p).tape;
  return Array.from(tape.op.subarray(0, tape.length)).join(',');
}

test('random programs: forward and reverse agree to 1e-12 and match central differences', () => {
  fc.assert(
    fc.property(program, point, (body, at) => {
      const m = compile(body);
      const trace = recordTrace(m, 'f', at);
      const rev = jacobianMatrix(trace, 'reverse')[0]!;
      const fwd = jacobianMatrix(trace, 'forward')[0]!;
      const scale = inf(rev);
      rev.forEach((g, i) => assert.ok(Math.abs(g - fwd[i]!) <= 1e-12 * scale, `∂${PARAMS[i]}: reverse ${g} forward ${fwd[i]}`));
      const value = (p: number[]): number => evaluatePrimal(m, 'f', p).output.values[0]!;
      rev.forEach((g, i) => {
        const h = 1e-4;
        const shifted = (d: number): number => value(at.map((v, j) => (j === i ? v + d : v)));
        const fd = (-shifted(2 * h) + 8 * shifted(h) - 8 * shifted(-h) + shifted(-2 * h)) / (12 * h);
        // A branch taken differently within ±2h makes differences meaningless; skip that draw.
        const path = pathAt(m, at);
        const branchesStable = [2 * h, -2 * h].every((d) => pathAt(m, at.map((v, j) => (j === i ? v + d : v))) === path);
        if (branchesStable) assert.ok(Math.abs(g - fd) <= 1e-5 * Math.max(1, Math.abs(g)), `∂${PARAMS[i]}: AD ${g} differences ${fd}`);
      });
    }),
    { numRuns: 300, seed: 20261123 },
  );
});

test('random programs: the Hessian is symmetric and matches differences of gradients', () => {
  fc.assert(
    fc.property(program, point, (body, at) => {
      const m = compile(body);
      const H = hessianMatrix(recordTrace(m, 'f', at));
      const scale = inf(H.flat());
      for (let i = 0; i < 3; i++) for (let j = 0; j < i; j++) assert.ok(Math.abs(H[i]![j]! - H[j]![i]!) <= 1e-10 * scale, `H[${i}][${j}] ${H[i]![j]} vs ${H[j]![i]}`);
      const grad = (p: number[]): number[] => jacobianMatrix(recordTrace(m, 'f', p), 'reverse')[0]!;
      const h = 1e-5;
      for (let j = 0; j < 3; j++) {
        const plus = at.map((v, k) => (k === j ? v + h : v));
        const minus = at.map((v, k) => (k === j ? v - h : v));
        const path = pathAt(m, at);
        if (pathAt(m, plus) !== path || pathAt(m, minus) !== path) continue;
        const gp = grad(plus);
        const gm = grad(minus);
        for (let i = 0; i < 3; i++) {
          const fd = (gp[i]! - gm[i]!) / (2 * h);
          assert.ok(Math.abs(H[i]![j]! - fd) <= 1e-4 * Math.max(1, scale), `H[${i}][${j}] AD ${H[i]![j]} differences ${fd}`);
        }
      }
    }),
    { numRuns: 150, seed: 20261124 },
  );
});
