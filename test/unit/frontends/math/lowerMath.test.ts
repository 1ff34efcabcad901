import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { all, create } from 'mathjs';
import { LineMap, rangeContains, type SourceRange } from '../../../../src/core/sourceRange';
import { lowerMath } from '../../../../src/frontends/math/index';
import { isIntrinsicName } from '../../../../src/ir/intrinsics';
import type { IrExpr, IrFunction, IrModule } from '../../../../src/ir/nodes';

function exprsOf(fn: IrFunction): IrExpr[] {
  const out: IrExpr[] = [];
  const visit = (e: IrExpr): void => {
    out.push(e);
    if (e.kind === 'binary') [e.left, e.right].forEach(visit);
    else if (e.kind === 'unary') visit(e.operand);
    else if (e.kind === 'call') [e.callee, ...e.args].forEach(visit);
    else if (e.kind === 'tuple') e.elements.forEach(visit);
  };
  for (const s of fn.body) if (s.kind === 'return' && s.value) visit(s.value);
  return out;
}

function textAt(text: string, range: SourceRange): string {
  const map = new LineMap(text);
  return text.slice(map.offset(range.start), map.offset(range.end));
}

test('lowerMath returns a math module with the uri, no globals, and never throws', () => {
  const m = lowerMath('f(x) = x', 'file:///notes.md');
  assert.equal(m.language, 'math');
  assert.equal(m.uri, 'file:///notes.md');
  assert.deepEqual(m.globals, []);
  assert.equal(m.functions.length, 1);
});

test('an unexpected failure inside becomes one internal diagnostic', () => {
  const m = lowerMath(null as unknown as string, 'file:///broken.md');
  assert.deepEqual(m.functions, []);
  assert.equal(m.diagnostics.length, 1);
  assert.equal(m.diagnostics[0]!.code, 'internal');
});

test('a definition: names, parameters and ranges, zero-based', () => {
  const text = 'Notes.\n\n- ∇f(x1, x2) = (x2, x1)  # gradient\n';
  const [fn] = lowerMath(text, 'u').functions;
  assert.ok(fn);
  assert.equal(textAt(text, fn.range), '∇f(x1, x2) = (x2, x1)');
  assert.equal(textAt(text, fn.nameRange), '∇f');
  assert.deepEqual(fn.range.start, { line: 2, column: 2 });
  assert.deepEqual(fn.params.map((p) => textAt(text, p.range)), ['x1', 'x2']);
  assert.equal(fn.gradientOf, 'f');
  assert.equal('gradientOf' in lowerMath('f(x) = x', 'u').functions[0]!, false);
});

test('CRLF files get the same ranges as LF files', () => {
  const lf = lowerMath('a\nf(x) = sin x\n', 'u');
  const crlf = lowerMath('a\r\nf(x) = sin x\r\n', 'u');
  assert.deepEqual(crlf, lf);
});

test('the seeds lower without diagnostics and with their points', () => {
  const seed000 = lowerMath('@at x1=2, x2=5\nf(x1, x2) = ln(x1) + x1*x2 - sin(x2)\n', 'u');
  assert.deepEqual(seed000.functions[0]!.diagnostics, []);
  assert.deepEqual(seed000.points.map((p) => [p.function, p.source, { ...p.named }]), [['f', 'annotation', { x1: 2, x2: 5 }]]);
  const seed001 = lowerMath('f(x1, x2) = (sin(x1/x2) + x1/x2 - e^x2) * (x1/x2 - e^x2)\nf(1.5, 0.5)\n', 'u');
  assert.deepEqual(seed001.functions[0]!.diagnostics, []);
  assert.deepEqual(seed001.points.map((p) => [p.function, p.source, p.positional]), [['f', 'call-site', [1.5, 0.5]]]);
  const value = evaluateIr(returned(seed001.functions[0]!), { x1: 1.5, x2: 0.5 });
  assert.ok(Math.abs(value - 2.016646669428201) < 1e-12, String(value));
});

test('a syntax error marks its definition only', () => {
  const m = lowerMath('f(x) = sin(x +\ng(x) = 2x\n', 'u');
  const [f, g] = m.functions;
  assert.deepEqual(f!.body, []);
  assert.deepEqual(f!.diagnostics.map((d) => [d.code, d.range.start, d.range.end]), [['syntax', { line: 0, column: 14 }, { line: 0, column: 14 }]]);
  assert.deepEqual(g!.diagnostics, []);
  assert.deepEqual(m.diagnostics, []);
});

test('nesting deeper than any formula is a syntax error, not a stack overflow', () => {
  const deep = 'f(x) = ' + '('.repeat(5000) + 'x' + ')'.repeat(5000);
  const m = lowerMath(deep, 'u');
  assert.equal(m.functions[0]!.diagnostics[0]!.code, 'syntax');
  assert.match(m.functions[0]!.diagnostics[0]!.message, /too deeply nested/);
});

// ---------------------------------------------------------------------------------------------------
// Properties over generated formulas.

interface Formula {
  /** In GradLens notation, with random spacing and spellings. */
  readonly notation: string;
  /** The same formula for mathjs, fully parenthesised where the two notations differ. */
  readonly mathjs: string;
}

const space = fc.constantFrom('', ' ');
const MATHJS_OPERATOR: Readonly<Record<string, string>> = { '−': '-', '·': '*', '×': '*', '÷': '/', '**': '^' };
const leaf: fc.Arbitrary<Formula> = fc.oneof(
  fc.constantFrom('x', 'y').map((n) => ({ notation: n, mathjs: n })),
  fc.constantFrom('2', '0.5', '.25', '3e-1', '10').map((n) => ({ notation: n, mathjs: n })),
  fc.constantFrom(['pi', 'pi'], ['π', 'pi'], ['e', 'e']).map(([notation, mathjs]) => ({ notation: notation!, mathjs: mathjs! })),
);
const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ a: tie('f'), b: tie('f'), op: fc.constantFrom('+', '-', '−', '*', '·', '×', '/', '÷', '^', '**'), s1: space, s2: space }).map(({ a, b, op, s1, s2 }) => ({
      notation: `${a.notation}${s1}${op}${s2}${b.notation}`,
      mathjs: `${a.mathjs} ${MATHJS_OPERATOR[op] ?? op} ${b.mathjs}`,
    })),
    tie('f').map((a) => ({ notation: `(${a.notation})`, mathjs: `(${a.mathjs})` })),
    tie('f').map((a) => ({ notation: `-${a.notation}`, mathjs: `-${a.mathjs}` })),
    fc.record({ a: tie('f'), fn: fc.constantFrom(['sin', 'sin'], ['cos', 'cos'], ['exp', 'exp'], ['ln', 'log'], ['log', 'log'], ['sqrt', 'sqrt'], ['abs', 'abs']) }).map(({ a, fn }) => ({
      notation: `${fn[0]}(${a.notation})`,
      mathjs: `${fn[1]}(${a.mathjs})`,
    })),
    tie('f').map((a) => ({ notation: `|${a.notation}|`, mathjs: `abs(${a.mathjs})` })),
  ),
})).f;

function returned(fn: IrFunction): IrExpr {
  const s = fn.body[0];
  assert.ok(s && s.kind === 'return' && s.value);
  return s.value;
}

// Predictable: log(-2) is NaN, as in the engine, rather than a complex number.
const mathjs = create(all!, { predictable: true });

const MATH: Readonly<Record<string, (v: number) => number>> = {
  sin: Math.sin, cos: Math.cos, exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs,
};

/** Just enough of an evaluator to compare the parse with mathjs's; the engine is tested elsewhere. */
function evaluateIr(e: IrExpr, env: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'name':
      return env[e.name]!;
    case 'unary':
      return e.op === '-' ? -evaluateIr(e.operand, env) : evaluateIr(e.operand, env);
    case 'binary': {
      const [a, b] = [evaluateIr(e.left, env), evaluateIr(e.right, env)];
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      if (e.op === '*') return a * b;
      if (e.op === '/') return a / b;
      if (e.op === '**') return a ** b;
      break;
    }
    case 'call':
      if (e.callee.kind === 'intrinsic' && MATH[e.callee.name]) return MATH[e.callee.name]!(evaluateIr(e.args[0]!, env));
  }
  throw new Error(`cannot evaluate ${e.kind}`);
}

test('precedence and associativity agree with mathjs on generated formulas', () => {
  const env = { x: 0.7, y: 1.3 };
  fc.assert(
    fc.property(formula, ({ notation, mathjs: source }) => {
      const m = lowerMath(`f(x, y) = ${notation}`, 'u');
      assert.deepEqual(m.functions[0]!.diagnostics, [], notation);
      const expected: unknown = mathjs.evaluate(source, { ...env });
      // mathjs answers a negative base to a fractional power with a complex number: nothing to compare.
      fc.pre(typeof expected === 'number');
      const actual = evaluateIr(returned(m.functions[0]!), env);
      const agree = Object.is(actual, expected) || Math.abs(actual - (expected as number)) <= 1e-9 * Math.max(1, Math.abs(expected as number));
      assert.ok(agree, `${notation}: ${actual} vs mathjs ${String(expected)}`);
    }),
    { numRuns: 400, seed: 20261123 },
  );
});

test('every node of a generated formula has the exact range of its text', () => {
  fc.assert(
    fc.property(formula, fc.constantFrom('', '  ', '- '), ({ notation }, prefix) => {
      const text = `Some prose.\n${prefix}f(x, y) = ${notation}\n`;
      const [fn] = lowerMath(text, 'u').functions;
      assert.ok(fn);
      for (const e of exprsOf(fn)) {
        assert.ok(rangeContains(fn.range, e.range), `${notation}: ${e.kind} outside its function`);
        const slice = textAt(text, e.range);
        if (e.kind === 'name') assert.equal(slice, e.name);
        if (e.kind === 'number') assert.ok(['pi', 'π', 'e'].includes(slice) || Number(slice) === e.value, `${slice} for ${e.value}`);
        if (e.kind === 'intrinsic') assert.ok(slice === '|' || ['sin', 'cos', 'exp', 'ln', 'log', 'sqrt', 'abs'].includes(slice), slice);
        // Operators' ranges start and end with an operand, never with a space.
        assert.equal(slice, slice.trim());
      }
    }),
    { numRuns: 300 },
  );
});

test('lowerMath never throws and emits only known intrinsics, on arbitrary and on formula-like text', () => {
  const symbols = fc.constantFrom(...'fxy()=+-*/^|√∂∇\'@,[]?:#`$ 1.2e\nsinlog²−·πab'.split(''));
  const noisy = fc.array(symbols, { maxLength: 60 }).map((cs) => cs.join(''));
  const check = (text: string): void => {
    const m: IrModule = lowerMath(text, 'u');
    assert.ok(!m.diagnostics.some((d) => d.code === 'internal'), `internal error on ${JSON.stringify(text)}`);
    for (const fn of m.functions) {
      for (const e of exprsOf(fn)) if (e.kind === 'intrinsic') assert.ok(isIntrinsicName(e.name), e.name);
    }
  };
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), check), { numRuns: 300 });
  fc.assert(fc.property(noisy, (s) => check(`f(x, y) = ${s}`)), { numRuns: 500 });
  fc.assert(fc.property(noisy, check), { numRuns: 500 });
});

test("a bare derivative operator's warning names the definition above it and the operator's variable, not a generic f", () => {
  const above = lowerMath('speed(t, v0) = v0 t\n∂/∂t [speed] is the acceleration.', 'u');
  const warning = above.diagnostics.find((d) => d.code === 'unsupported');
  assert.ok(warning, 'a warning for the bare ∂/∂t');
  assert.match(warning.message, /define the function and its derivative, speed\(t, v0\) = … and ∂speed\/∂t = …$/);
  // Nothing defined above: an example in the operator's own variable.
  const alone = lowerMath('∂/∂y [f] is a note in prose.', 'u').diagnostics.find((d) => d.code === 'unsupported');
  assert.match(alone!.message, /f\(y\) = … and ∂f\/∂y = …$/);
});
