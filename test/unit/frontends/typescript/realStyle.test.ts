import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapPointTree, pointLeaves, type PointTree } from '../../../../src/core/pointTree';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { FunctionCache, reportDocument } from '../../../../src/report/documentReport';
import { reportRequest } from '../../report/fixtures';

/**
 * test/fixtures/realStyle/*.mjs: modules written in the style of real public JavaScript (easings.net,
 * simple-statistics, finance calculators, physics toys, gl-matrix, three.js's MathUtils). Every
 * function GradLens gives a point must differentiate, and agree with node's central differences of
 * the same module (the test runs the fixtures; the product reads them). The share with a point is
 * pinned, so a construct that stops working fails here.
 */
const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'realStyle');
// TypeScript ones (loans.ts: enums) are imported through the test runner's TypeScript loader.
const files = readdirSync(DIR).filter((f) => f.endsWith('.mjs') || f.endsWith('.ts')).sort();

type Fn = (...args: unknown[]) => unknown;

/** The arguments the last call of a resolved method got, made instances (an output argument is read back from them). */
let lastArguments: unknown[] = [];

/**
 * `Finance.compound`, `Vec2.add`: the function the listed name reaches, bound to its object; a method
 * on a constructor's prototype (`Finance.prototype.PV`) called on a new instance made with no
 * arguments, as GradLens makes the receiver of a method when its point says nothing of it, with the
 * point's `this: …` fields set on it.
 */
function resolve(module: Record<string, unknown>, name: string, receiver: Readonly<Record<string, unknown>> = {}, onInstance = false): Fn | undefined {
  // `SPACE.Vec3.dot`: the namespace's members are walked down to the one holding the last name.
  const path = name.split('.');
  const tail = path.pop()!;
  let first: unknown = module;
  for (const part of path) first = (first as Record<string, unknown> | undefined)?.[part];
  if (path.length === 0) return typeof module[tail] === 'function' ? (module[tail] as Fn) : undefined;
  const member = (first as Record<string, unknown> | undefined)?.[tail];
  // A class's static method of the name of the instance method GradLens lists (`norm(power)` handing
  // over to `static norm(p, power)`) is not the one: the instance's, on the prototype, is.
  if (typeof member === 'function' && !onInstance) return (member as Fn).bind(first);
  const Ctor = first as (new () => Record<string, unknown>) | undefined;
  const onPrototype = typeof Ctor === 'function' ? (Ctor.prototype as Record<string, unknown> | undefined)?.[tail] : undefined;
  // A fresh instance per call: a method may change its object (`add(v) { this.x += v.x; return this; }`).
  // A point's `this: k=2` is set on it (the fixtures' constructors store their arguments as they are).
  // A field the constructor made an instance (`this.center = new Point3()`) takes the point's object
  // as that instance's fields, as GradLens sets them.
  const fill = (into: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> => {
    for (const [k, v] of Object.entries(values)) {
      const now = into[k];
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && now !== null && typeof now === 'object' && !Array.isArray(now)) fill(now as Record<string, unknown>, v as Record<string, unknown>);
      else into[k] = v;
    }
    return into;
  };
  const instance = (): Record<string, unknown> => fill(new Ctor!(), structuredClone(receiver));
  // An argument the method uses as an instance of its class (`angleTo(v)` calling `v.lengthSq()`), or
  // of another class the module exports (`Ball.signedDistance(point)` calling `point.distanceTo(…)`),
  // is given as an object of its fields, as GradLens makes one: an instance with those fields set.
  const classes = Object.values(module).filter((v): v is new () => Record<string, unknown> => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v)));
  const asInstance = (a: unknown): unknown => {
    if (a === null || typeof a !== 'object' || Array.isArray(a)) return a;
    const made = new Ctor!();
    if (Object.keys(a).every((k) => k in made)) return fill(made, a as Record<string, unknown>);
    const other = classes.filter((C) => C !== Ctor && Object.keys(a).every((k) => k in new C()));
    return other.length === 1 ? fill(new other[0]!(), a as Record<string, unknown>) : a;
  };
  return typeof onPrototype === 'function' ? (...args) => (onPrototype as Fn).apply(instance(), (lastArguments = args.map(asInstance))) : undefined;
}

/** The numbers of an output (a number, an array, an instance or object of them, nested), in order. */
function numbers(out: unknown, into: number[] = []): number[] {
  if (typeof out === 'number') into.push(out);
  else if (Array.isArray(out) || ArrayBuffer.isView(out)) for (const x of Array.from(out as ArrayLike<unknown>)) numbers(x, into);
  else if (out !== null && typeof out === 'object') for (const x of Object.values(out)) numbers(x, into);
  return into;
}

/** Central difference of fn's output (a number, an array, or an object of numbers) in flat entry i of the point. */
function centralDifference(fn: Fn, at: readonly PointTree[], i: number): number[] {
  const flat = at.flatMap((v) => pointLeaves(v));
  const h = 1e-6 * Math.max(1, Math.abs(flat[i]!));
  const moved = (delta: number): unknown[] => {
    let k = 0;
    return at.map((v) => mapPointTree(v, (x) => (k++ === i ? x + delta : x)));
  };
  const up = numbers(fn(...moved(h)));
  const down = numbers(fn(...moved(-h)));
  return up.map((u, k) => (u - down[k]!) / (2 * h));
}

const totals = { functions: 0, withPoint: 0 };
let selfChecked = 0;

for (const file of files) {
  test(`real-style ${file}: every function with a point differentiates and agrees with node`, async () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const module = (await import(pathToFileURL(join(DIR, file)).href)) as Record<string, unknown>;
    const doc = DocumentAnalysis.fromText(text, pathToFileURL(join(DIR, file)).href, 'typescript');
    // gl-matrix's vectors store into Float32Array: node differences the Array version (the engine's
    // derivative of a float32 store is 1, a cast's), and the values are compared with the Float32 one.
    const setType = module.setMatrixArrayType as ((t: unknown) => void) | undefined;
    for (const name of doc.functions().map((f) => f.ir.name)) {
      totals.functions++;
      const point = doc.resolvePoint(name);
      if (!point.ok) continue;
      totals.withPoint++;
      const r = doc.gradient(name, point.value);
      assert.ok(r.ok, `${file} ${name}: ${JSON.stringify(r.ok ? '' : r.error)}`);
      // A helper the module does not export (`normCdf`) is differentiated, but node cannot call it from here.
      const resolved = resolve(module, name, point.value.receiver, doc.find(name)?.hasInstance === true);
      if (!resolved) continue;
      const names = Object.keys(point.value.values);
      // A function that returns nothing and writes into an argument (`lerp(v, t, target)`): its output
      // is that argument after the call, as GradLens's output-argument note says.
      const written = r.value.warnings.map((w) => /writes into (\w+): its value after the call/.exec(w.message)?.[1]).find((w) => w !== undefined);
      const fn: Fn = written === undefined ? resolved : (...args) => {
        lastArguments = args;
        const out = resolved(...args);
        return out === undefined ? lastArguments[names.indexOf(written)] : out;
      };
      const at = names.map((p) => point.value.values[p]!);
      const expected = fn(...at.map((v) => structuredClone(v)));
      const got = r.value.value;
      const flatGot = typeof got === 'number' ? [got] : pointLeaves(got as PointTree);
      const flatExpected = numbers(expected);
      assert.equal(flatGot.length, flatExpected.length, `${name}: output size`);
      flatGot.forEach((v, k) => assert.ok(Math.abs(v - flatExpected[k]!) <= 1e-12 * (1 + Math.abs(flatExpected[k]!)), `${file} ${name}: value ${v} vs node ${flatExpected[k]}`));
      const differentiated = new Set(Object.keys(r.value.gradient ?? r.value.jacobian ?? {}));
      setType?.(Array);
      try {
        let entry = 0;
        for (const p of names) {
          const leaves = pointLeaves(point.value.values[p]!);
          const derivative = (r.value.gradient ?? r.value.jacobian)?.[p];
          leaves.forEach((_, j) => {
            const fd = centralDifference((...args) => fn(...args.map((v) => structuredClone(v))), at, entry + j);
            if (!differentiated.has(p)) return;
            // A gradient entry j of p; a Jacobian's row per output.
            const ours = r.value.gradient ? [pointLeaves(derivative as PointTree)[j]!] : (pointLeaves(derivative as PointTree).filter((_, k) => k % leaves.length === j));
            fd.forEach((d, k) => assert.ok(Math.abs(ours[k]! - d) <= 1e-5 * (1 + Math.abs(d)), `${file} ${name} ∂/∂${p}[${j}] output ${k}: engine ${ours[k]} vs central difference ${d}`));
          });
          entry += leaves.length;
        }
        // A method without parameters is differentiated in its instance's fields (`{"this": {…}}`):
        // each field moved on a fresh instance made as the point's.
        const self = (r.value.at as Record<string, PointTree>)['this'];
        const selfDerivative = (r.value.gradient ?? r.value.jacobian)?.['this'];
        if (self !== undefined && selfDerivative !== undefined) {
          const fields = pointLeaves(self);
          const onInstance = (moved: unknown): unknown => resolve(module, name, { ...(point.value.receiver ?? {}), ...(moved as object) }, doc.find(name)?.hasInstance === true)!(...at.map((v) => structuredClone(v)));
          fields.forEach((_, j) => {
            const fd = centralDifference(onInstance, [self], j);
            const ours = r.value.gradient ? [pointLeaves(selfDerivative as PointTree)[j]!] : pointLeaves(selfDerivative as PointTree).filter((_, k) => k % fields.length === j);
            fd.forEach((d, k) => assert.ok(Math.abs(ours[k]! - d) <= 1e-5 * (1 + Math.abs(d)), `${file} ${name} ∂/∂this[${j}] output ${k}: engine ${ours[k]} vs central difference ${d}`));
            selfChecked++;
          });
        }
      } finally {
        setType?.(Float32Array);
      }
    }
  });
}

for (const file of files) {
  test(`real-style ${file}: nothing in Problems`, () => {
    // As published, with no annotation asking: a module-level call that gives no point (a pool of
    // `Vector.create()`s) or a sample point that fails must not put an error in the Problems panel.
    const text = readFileSync(join(DIR, file), 'utf8');
    const report = reportDocument(reportRequest(text, { uri: pathToFileURL(join(DIR, file)).href, language: 'typescript' }), new FunctionCache());
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
  });
}

test('real-style fixtures: the share of functions with a point holds', () => {
  // 78 of 82 after constructors as values, typed arrays, integer orders, polymorphic shapes, array
  // methods as array evidence, positional destructuring, Math functions as values, object parameters
  // and instance outputs, Math destructured at module level (58 of 81 before); 92 of 100 with
  // prototype-based classes and `// @at …; this: k=2` for methods whose instance needs arguments
  // (prototypes.mjs: 16 of 18; two setters do no arithmetic); 105 of 112 with timing.mjs (a Newton
  // solver and factory-made curves; the factory itself has no point); 115 of 124 with geodesy.mjs
  // (points as objects, read through calls) and kalman.mjs (an options object destructured with
  // defaults); 116 of 125 with a method called on a module-level instance (`bench.period(2)`);
  // 138 of 147 with namespaced.mjs (`SPACE.Vec3 = function…` and its prototype, `arguments` beside
  // named parameters) and pointLists.mjs (arrays of objects read by index, for…of and destructured
  // callback parameters: all 10 had no point before); 143 of 153 with vectorPool.mjs (its
  // `Vector.create` makes a vector from nothing and has none); 148 of 158 with loans.ts (TypeScript
  // enums, a zero-rate test kept in a local, `DayCount[DayCount.Bus252]`: none had a point before).
  // 168 of 179 with threeVectors.mjs and methods without parameters elsewhere (prototypes.mjs, namespaced.mjs) (three.js-style prototypes; its five methods without parameters
  // are differentiated in their instance, whose fields were all 0 by default: sampled; `m.elements[8]`
  // read through `var e = m.elements` makes m.elements a list of 9).
  // 180 of 193 with optionalArguments.mjs (arguments the code asks whether given, left out; a class
  // marking its prototype in its constructor, as three.js does; 12 of its 14 have one, its two setters do no arithmetic).
  // 183 of 197 with lazyTemporaries.mjs (a module-level `var` made on first use in a method: 0 of 3 before).
  // 199 of 215 with shapesOfPoints.mjs (parameters used as instances of another class of the file,
  // fields holding instances: 9 of 18 before, 16 after; `direction(target)` and `moveBy(offset)` only
  // call methods that compute, `this.center.add(offset)`; its setter and copy do no arithmetic).
  // 201 of 218 with its Bounds (bounds inverted at infinity, sampled as a box: min below max).
  // 203 of 220 with its Facet (a static and an instance method of one name: the class's is the static).
  // 219 of 238 with frozenTables.ts (tween.js-style frozen, cast, nested objects of methods: none
  // was listed before; a constructor's `instanceof` guard and a `typeof FLAG` switch: 0 of 5 had one).
  // 220 of 239 with its Point2.norm, an instance method handing over to the static one of its name
  // (the static's arithmetic had not counted: no sample point).
  // 225 of 244 with documentedOptions.mjs (a string parameter compared with "call", its choices in
  // the JSDoc @param: 2 of 5 before, the two helpers without one). 226 of 245 with its settle,
  // whose string argument only its `@example settle(105, 100, 'log')` gives. 233 of 252 with
  // compiledScripts.mjs (CoffeeScript-style `var f; f = function…`: not listed before; static
  // methods calling each other through `this`: 1 of 3 had a point).
  assert.ok(selfChecked >= 30, `only ${selfChecked} instance fields checked against node`);
  // 243 of 262 with rigidBodies.mjs (cannon.js-style optional targets tested with `if (target)`,
  // output arguments that are objects, planck's Object.create factories, `in` on options: 7 of 10
  // before the targets and the output objects).
  // 247 of 271 with curveFactories.mjs (d3-ease bezier-style factories returning one of several
  // local arrows and setting a property on it: its 4 curves were not listed, and 3 errors were in Problems).
  // 267 of 291 with countedLoops.mjs (loops to a stated bound, `i < 4`, `i <= ORDER`, `i < width`
  // of its default, counting down from a constant, `y[i + 1]`, `img[r][c]`: 0 of 9 before) and
  // typedVectors.mjs (gl-matrix v4-style classes extending Float64Array: copy(a) through set(), and
  // map()/slice() results of the class's own kind; 5 of 11 before, one of them a wrong -1).
  // 270 of 294 with springs.mjs (tolerances sampled small, so the spring moves and the solver iterates).
  // 279 of 303 with projections.mjs (inverses set on their functions, `raw.invert = function…`, were
  // not listed; constants computed by the module's functions were unknown names; `var t;` in a loop
  // made t undefined again, where JavaScript keeps its value: a wrong number before).
  // 283 of 307 with ephemeris.mjs (suncalc-style `time.valueOf()` of a number: toDays and its callers had none).
  assert.ok(totals.functions >= 307, `${totals.functions} functions`);
  assert.ok(totals.withPoint >= 283, `only ${totals.withPoint} of ${totals.functions} have a point`);
});
