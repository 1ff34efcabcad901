/**
 * The text of the lanewise WebAssembly SIMD kernels, compiled by scripts/wasm.mjs (wabt) into
 * lanewiseWasm.generated.ts; lanewise.ts copies blocks of operands into the module's memory, calls
 * a kernel and copies the result back.
 *
 * Each kernel is one expression over three regions of 2,048 float64s — A at byte 0, B at 16,384,
 * C at 32,768 — and a number `c`, written once below and emitted twice: over f64x2 lanes (two
 * elements per instruction) and over f64 for an odd last element. Every operation is a single
 * IEEE-754 add, subtract, multiply or divide, applied in the order the JavaScript loops apply
 * them, so results are bit for bit those of the registry's rules (test/unit/engine/lanewise.test.ts
 * checks it).
 *
 * Value kernels write C and return the sum of v·0 over the results: 0 when every one is finite,
 * NaN otherwise — the non-finite check, in the same pass. Adjoint kernels update A in place.
 */

const REGION = { A: 0, B: 16384, C: 32768 };

/** [result region, expression, returns the finite check]; expressions: 'A' | 'B' | 'C' | 'c' | [op, x, y]. */
const KERNELS = {
  // Values: C = f(A, B) or f(A, c).
  add: ['C', ['add', 'A', 'B'], true],
  sub: ['C', ['sub', 'A', 'B'], true],
  mul: ['C', ['mul', 'A', 'B'], true],
  div: ['C', ['div', 'A', 'B'], true],
  add_c: ['C', ['add', 'A', 'c'], true],
  c_add: ['C', ['add', 'c', 'A'], true],
  sub_c: ['C', ['sub', 'A', 'c'], true],
  c_sub: ['C', ['sub', 'c', 'A'], true],
  mul_c: ['C', ['mul', 'A', 'c'], true],
  c_mul: ['C', ['mul', 'c', 'A'], true],
  div_c: ['C', ['div', 'A', 'c'], true],
  c_div: ['C', ['div', 'c', 'A'], true],
  square: ['C', ['mul', 'A', 'A'], true],
  // Adjoints, A = g or the target: g ← ∂·g, target ← target + ∂·g.
  scale: ['A', ['mul', 'c', 'A'], false],
  times: ['A', ['mul', 'B', 'A'], false],
  scaled_times: ['A', ['mul', ['mul', 'c', 'B'], 'A'], false],
  acc: ['A', ['add', 'A', 'B'], false],
  acc_c: ['A', ['add', 'A', 'c'], false],
  acc_scaled: ['A', ['add', 'A', ['mul', 'c', 'B']], false],
  acc_times: ['A', ['add', 'A', ['mul', 'B', 'C']], false],
  acc_scaled_times: ['A', ['add', 'A', ['mul', ['mul', 'c', 'B'], 'C']], false],
};

function emit(e, lanes) {
  if (e === 'c') return lanes ? '(local.get $cc)' : '(local.get $c)';
  if (typeof e === 'string') {
    const offset = REGION[e] ? ` offset=${REGION[e]}` : '';
    return lanes ? `(v128.load${offset} (local.get $p))` : `(f64.load${offset} (local.get $p))`;
  }
  const [op, x, y] = e;
  return `(${lanes ? 'f64x2' : 'f64'}.${op} ${emit(x, lanes)} ${emit(y, lanes)})`;
}

function kernel(name, [out, e, checks]) {
  const offset = REGION[out] ? ` offset=${REGION[out]}` : '';
  const check = (v) => (checks ? `\n      (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul ${v} (v128.const f64x2 0 0))))` : '');
  return `
  (func (export "${name}") (param $n i32) (param $c f64) (result f64)
    (local $p i32) (local $end i32) (local $cc v128) (local $v v128) (local $acc v128) (local $x f64)
    (local.set $cc (f64x2.splat (local.get $c)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v ${emit(e, true)})
      (v128.store${offset} (local.get $p) (local.get $v))${check('(local.get $v)')}
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $next)))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (local.set $x ${emit(e, false)})
      (f64.store${offset} (local.get $p) (local.get $x))))
    ${checks ? '(f64.add (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))) (f64.mul (local.get $x) (f64.const 0)))' : '(f64.const 0)'})`;
}

export default `;; Generated from lanewise.wat.mjs by scripts/wasm.mjs.
(module
  (memory (export "memory") 1 1)${Object.entries(KERNELS).map(([name, k]) => kernel(name, k)).join('\n')}
)
`;
