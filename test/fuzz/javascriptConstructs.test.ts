import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentAnalysis } from '../../src/analysis/document';

/**
 * Random JavaScript programs written with the constructs real code uses — array methods with
 * callbacks, destructuring (defaults, rests, objects in callbacks), objects with methods and
 * getters, classes and prototype classes, a namespace, closures and an IIFE factory, `arguments`,
 * expressions with effects (`++` inside, `||=`, `??`, commas, optional chaining), JavaScript's truth,
 * try/catch/finally, labelled loops, `switch`, templates and `typeof` — as source text, through the
 * whole pipeline. Every program must run; its value must be node's for the same text (the test runs
 * it; the product never does); and its gradient must agree with central differences of GradLens's
 * own values wherever the function is smooth around the point.
 */

/** Module-level helpers the generated bodies call. */
const PRELUDE = `
var NS = NS || {};
NS.Vec = function (x, y) {
  this.x = x;
  this.y = y;
};
NS.Vec.prototype = {
  constructor: NS.Vec,
  dot: function (v) { return this.x * v.x + this.y * v.y; },
};
Object.assign(NS.Vec.prototype, {
  scaled: function (k) { return new NS.Vec(this.x * k, this.y * k); },
});
NS.util = { twice: function (v) { return 2 * v; } };

class Affine {
  static ONE = 1;
  constructor(a, b = 1) {
    this.a = a;
    this.b = b;
  }
  at(v) { return this.a * v + this.b; }
  get slope() { return this.a; }
  plus(o) { return new Affine(this.a + o.a, this.b + o.b); }
  static twice(v) { return 2 * v; }
}

const ease = (function custom(s) {
  function back(t) { return t * t * ((s + 1) * t - s); }
  back.overshoot = custom;
  return back;
})(1.5);

function makeScaled(k) {
  return (v) => k * v + Math.sin(v);
}

function sumAll(first) {
  let s = 0;
  for (let i = 0; i < arguments.length; i++) s += arguments[i];
  return s + first;
}
`;

const PARAMS = ['x', 'y', 'z'];

/** Expressions over x, y, z that stay inside their domains everywhere. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PARAMS),
    // Parenthesized: JavaScript refuses `-0.1 ** 2` (a unary minus before **) as a syntax error.
    fc.integer({ min: -20, max: 20 }).map((k) => `(${(k / 10).toFixed(1)})`),
    fc.tuple(fc.constantFrom('+', '-', '*'), tie('e'), tie('e')).map(([op, a, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a} / (1 + ${b} ** 2))`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'atan'), tie('e')).map(([f, a]) => `Math.${f}(${a})`),
    tie('e').map((a) => `Math.log(1 + ${a} * ${a})`),
    tie('e').map((a) => `Math.exp(Math.tanh(${a}))`),
  ),
})).e;

/** One block of statements assigning `t` from three expressions, in one construct. */
type Block = (t: string, a: string, b: string, c: string) => string[];

const BLOCKS: readonly Block[] = [
  (t, a, b) => [`const ${t} = [${a}, ${b}, 2].map((v, i) => v * (i + 1)).filter((v) => v > -100).reduce((s, v) => s + v, 0);`],
  (t, a, b, c) => [`const ${t} = [${a}, ${b}, ${c}].reduceRight((s, v) => s * 0.5 + v, 1) + ([${a}, 3].some((v) => v > 2) ? 1 : 0);`],
  (t, a, b) => [`const [p${t}, , q${t} = 4, ...r${t}] = [${a}, 0, undefined, ${b}, 1];`, `const ${t} = p${t} * q${t} + r${t}[0] * r${t}.length;`],
  (t, a, b) => [`const ${t} = [{ u: ${a}, w: 2 }, { u: ${b}, w: 0.5 }].reduce((s, { u, w }) => s + u * w, 0);`],
  (t, a, b) => [`const o${t} = { k: ${a}, m(v) { return this.k * v; }, get sq() { return this.k * this.k; } };`, `const ${t} = o${t}.m(${b}) + o${t}.sq + Object.values({ p: ${b}, q: 1 }).reduce((s, v) => s + v, 0);`],
  (t, a, b, c) => [`const ${t} = new Affine(${a}, ${b}).plus(new Affine(${c})).at(2) + new Affine(${a}).slope + Affine.twice(${b}) + Affine.ONE;`],
  (t, a, b) => [`const v${t} = new NS.Vec(${a}, ${b});`, `const ${t} = v${t}.dot(v${t}.scaled(0.5)) + NS.util.twice(${a});`],
  (t, a, b) => [`const ${t} = makeScaled(${a})(${b}) + ease(${b} * 0.1);`],
  (t, a, b, c) => [`const ${t} = sumAll(${a}, ${b}, ${c});`],
  (t, a, b) => [`let i${t} = 0;`, `const xs${t} = [${a}, ${b}, 1];`, `const ${t} = xs${t}[i${t}++] + xs${t}[++i${t}] * i${t} + (i${t} += 1, i${t});`],
  (t, a, b) => [`let n${t} = null;`, `n${t} ||= ${a};`, `let m${t};`, `m${t} ??= ${b};`, `const deep${t} = { p: { q: ${a} } };`, `const ${t} = n${t} + m${t} + (deep${t}?.p?.q ?? 0) + (deep${t}.none?.q ?? 2);`],
  (t, a) => [`let z${t} = ${a} * 0;`, `const ${t} = (z${t} || 0) * 3 + ([] ? 1 : 0) + ({} ? 1 : 0) + (Number.NaN ? 5 : 7) + ${a};`],
  (t, a, b) => [`let ${t} = 0;`, `try {`, `  if (${a} > 100) throw new Error('far');`, `  ${t} = ${a} * ${b};`, `} catch (e) {`, `  ${t} = -1;`, `} finally {`, `  ${t} += 1;`, `}`],
  (t, a, b) => [`let ${t} = 0;`, `outer${t}: for (let i = 0; i < 3; i++) {`, `  for (let j = 0; j < 3; j++) {`, `    if (j === 2) continue outer${t};`, `    if (i === 2) break outer${t};`, `    ${t} += ${a} * (i + j) + ${b};`, `  }`, `}`],
  (t, a, b) => [`let ${t} = 0;`, `switch ([1, 2, 3].length) {`, `  case 2: ${t} = ${a}; break;`, `  case 3: ${t} = ${a} * ${b};`, `  case 4: ${t} += 1; break;`, `  default: ${t} = 0;`, `}`],
  (t, a) => [`const label${t} = \`at \${${a}}\`;`, `const ${t} = (typeof ${a} === 'number' ? 2 : 3) * ${a} + label${t}.length;`],
  (t, a, b) => [`let ${t} = 0;`, `for (const [k, v] of [${a}, ${b}].entries()) ${t} += k * v;`, `for (const key in { a: 1, b: 2 }) ${t} += key.length * ${a};`],
  (t, a, b) => [`const pts${t} = [{ x: ${a}, y: 1 }, { x: ${b}, y: 2 }];`, `const ${t} = pts${t}.map(({ x, y }) => x * y).sort((p, q) => p - q)[0] + Array.from({ length: 2 }, (_, i) => pts${t}[i].x).reduce((s, v) => s + v);`],
];

const program = fc
  .array(fc.tuple(fc.nat(BLOCKS.length - 1), expr, expr, expr), { minLength: 1, maxLength: 4 })
  .map((blocks) => {
    const body: string[] = [];
    blocks.forEach(([k, a, b, c], i) => body.push(...BLOCKS[k]!(`t${i}`, a, b, c)));
    body.push(`return ${blocks.map((_, i) => `t${i}`).join(' + ')};`);
    return `${PRELUDE}\nfunction f(x, y, z) {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`;
  });

const point = fc.tuple(...PARAMS.map(() => fc.integer({ min: -15, max: 15 }).map((k) => k / 10 + 0.013)));

const BUDGET = { maxMillis: 2000 };

function valueAt(doc: DocumentAnalysis, at: readonly number[]): number {
  const r = doc.evaluate('f', { values: { x: at[0]!, y: at[1]!, z: at[2]! }, source: 'argument' }, BUDGET);
  assert.ok(r.ok, `evaluation failed: ${JSON.stringify(r)}`);
  return r.value.value as number;
}

/** node's value of the same program (the test runs it; GradLens only reads it). */
function nodeValue(source: string, at: readonly number[]): number {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test's own oracle, never the product
  return new Function(`${source}\nreturn f;`)()(...at) as number;
}

test('random JavaScript programs with array methods, destructuring, objects, classes, namespaces, closures, effects: run, node agrees, AD agrees with differences', () => {
  fc.assert(
    fc.property(program, point, (source, at) => {
      const doc = DocumentAnalysis.fromText(source, 'fuzz.js', 'typescript');
      const r = doc.gradient('f', { values: { x: at[0]!, y: at[1]!, z: at[2]! }, source: 'argument' }, { budget: BUDGET });
      assert.ok(r.ok, `refused:\n${source}\nat ${at}: ${JSON.stringify(r)}`);
      if (!r.ok) return;
      const value = r.value.value as number;
      const expected = nodeValue(source, at);
      assert.ok(Math.abs(value - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `value ${value}, node ${expected}\n${source}\nat ${at}`);
      PARAMS.forEach((p, i) => {
        const g = r.value.gradient![p] as number;
        const shifted = (d: number): number => valueAt(doc, at.map((v, j) => (j === i ? v + d : v)));
        const difference = (h: number): number => (-shifted(2 * h) + 8 * shifted(h) - 8 * shifted(-h) + shifted(-2 * h)) / (12 * h);
        const fd = difference(1e-4);
        // A branch or a kink within the stencil makes differences meaningless: there the two step
        // sizes disagree, and the draw is skipped.
        if (Math.abs(fd - difference(5e-5)) > 1e-6 * Math.max(1, Math.abs(fd))) return;
        assert.ok(Math.abs(g - fd) <= 1e-5 * Math.max(1, Math.abs(g)), `∂f/∂${p}: AD ${g}, differences ${fd}\n${source}\nat ${at}`);
      });
    }),
    { numRuns: 120, seed: 20261206 },
  );
});
