import { fail } from '../../core/diagnostic';
import type { IrCompare, IrConditional, IrLogical, IrUnary } from '../../ir/nodes';
import { ArrayValue } from '../array/ndarray';
import { bitwiseNot } from './bitwise';
import type { ExprFn } from './compiled';
import type { CompilerParts } from './constructs';
import { objectUnary } from './objects';
import { compare, negate, requireScalar, truthTest, truthy } from './operators';
import type { Scope } from './scope';
import { InstanceValue, Tracked, type Value } from './values';

/**
 * The operators' expressions other than the binary arithmetic ones (binaryExpr.ts, scalarTrees.ts):
 * unary operators, comparisons (chained ones left to right), `and`/`or` (`&&`/`||`), and `a if t else b`.
 */

export function compileUnary(c: CompilerParts, e: IrUnary, scope: Scope): ExprFn {
  const operand = c.expr(e.operand, scope);
  const site = c.site(e.range);
  if (e.op === 'not') {
    const truth = truthTest(c.language);
    return (f) => !truth(operand(f));
  }
  if (e.op === '~') return (f) => bitwiseNot(f.rt, operand(f), site);
  if (e.op === '+') {
    return (f) => {
      const v = operand(f);
      return (v instanceof InstanceValue ? objectUnary(f.rt, '+', v, site) : undefined) ?? requireScalar(f.rt, v, site, 'unary plus');
    };
  }
  return (f) => negate(f.rt, operand(f), site);
}

export function compileCompare(c: CompilerParts, e: IrCompare, scope: Scope): ExprFn {
  const operands = e.operands.map((o) => c.expr(o, scope));
  const ops = e.ops;
  const site = c.site(e.range);
  return (f) => {
    let left = operands[0]!(f);
    for (let i = 0; i < ops.length; i++) {
      const right = operands[i + 1]!(f);
      const result = compare(f.rt, ops[i]!, left, right, site);
      if (result instanceof ArrayValue) {
        if (ops.length === 1) return result;
        return fail('type', 'a chained comparison of arrays is ambiguous: combine the comparisons with & instead', f.rt.sites[site]!);
      }
      if (ops.length === 1) return result;
      if (!truthy(result)) return result;
      left = right;
    }
    return true;
  };
}

export function compileLogical(c: CompilerParts, e: IrLogical, scope: Scope): ExprFn {
  const left = c.expr(e.left, scope);
  const right = c.expr(e.right, scope);
  const truth = truthTest(c.language);
  return e.op === 'and'
    ? (f) => {
        const l = left(f);
        return truth(l) ? right(f) : l;
      }
    : (f) => {
        const l = left(f);
        return truth(l) ? l : sameZero(l, right(f));
      };
}

export function compileConditional(c: CompilerParts, e: IrConditional, scope: Scope): ExprFn {
  const test = c.expr(e.test, scope);
  const then = c.expr(e.then, scope);
  const otherwise = c.expr(e.else, scope);
  const testSite = c.site(e.test.range);
  const truth = truthTest(c.language);
  return (f) => (truth(test(f), f.rt, testSite) ? then(f) : otherwise(f));
}

/**
 * `x || 0` (`x or 0`) at x = 0: both alternatives are 0, and x itself is what the value is on either
 * side, so x (its derivative 1) is the answer, not the constant 0 (derivative 0, and a control-flow
 * warning for what is the identity). Only a plain 0 default qualifies; −0 keeps JavaScript's +0.
 */
function sameZero(l: Value, r: Value): Value {
  return r === 0 && l instanceof Tracked && l.value === 0 && !Object.is(l.value, -0) ? l : r;
}
