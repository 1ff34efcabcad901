// Functions of primitives.py and composites.py, translated to TypeScript with the same names and
// the same points; their fixture (typescript.json) reuses the PyTorch numbers, since the math is the same.
// Only functions whose JavaScript semantics match Python's exactly are here (no round-half-even ties,
// no floor division, `%` only on positive operands, no erf).

// @at x=1.5, y=-0.3
function arith(x: number, y: number): number {
  return (x + y) * (x - y) / (2.0 + x * y) - -x + (-y) / x + +y;
}

// @at x=0.7
function exps(x: number): number {
  return Math.exp(2.0 * x) - Math.exp(-x) + Math.expm1(x) * Math.expm1(0.5 * x);
}

// @at x=2.5
function logs(x: number): number {
  return Math.log(x) * Math.log(3.0 * x) + Math.log1p(x) - Math.log1p(x * x);
}

// @at x=3.7, y=0.4
function log_bases(x: number, y: number): number {
  return Math.log2(x * y) + Math.log2(x) - Math.log10(x + y) * Math.log10(y);
}

// @at x=3.2
function roots(x: number): number {
  return Math.sqrt(x) * Math.sqrt(x + 1.0) + Math.cbrt(x);
}

// @at x=-2.7
function cbrt_negative(x: number): number {
  return Math.cbrt(x) * x + Math.cbrt(2.0 * x);
}

// @at x=0.8
function trig(x: number): number {
  return Math.sin(x) * Math.cos(2.0 * x) + Math.tan(x) - Math.tan(x / 3.0);
}

// @at x=0.35
function inverse_trig(x: number): number {
  return Math.asin(x) + Math.acos(x) * Math.acos(x / 2.0) + Math.asin(x * x);
}

// @at x=1.3, y=-0.6
function arctans(x: number, y: number): number {
  return Math.atan(x * y) + Math.atan(y) + Math.atan2(y, x) + Math.atan2(x, y) + Math.atan2(-x, y);
}

// @at x=0.45
function hyperbolic(x: number): number {
  return Math.sinh(x) * Math.cosh(x) + Math.tanh(2.0 * x) - Math.sinh(x) / Math.cosh(x) + Math.tanh(x);
}

// @at x=0.6
export function inverse_hyperbolic(x: number): number {
  return Math.asinh(3.0 * x) + Math.acosh(1.0 + x * x) + Math.acosh(x + 1.5) + Math.atanh(x) - Math.atanh(x / 2.0);
}

// @at x=-1.2, y=0.7
function abs_sign(x: number, y: number): number {
  return Math.abs(x) * y + Math.abs(y - x) + Math.abs(x * y) + Math.sign(x) * y ** 2 + Math.sign(y) * x;
}

// @at x=0.4, y=1.1
function min_max(x: number, y: number): number {
  return Math.min(x * x, y) + Math.max(x, 0.5 * y) + Math.min(x, y) * Math.max(x - y, -0.2) + Math.max(y, x);
}

// @at x=3.0, y=-4.5
function hypots(x: number, y: number): number {
  return Math.hypot(x, y) + Math.hypot(2.0 * x, y - 1.0);
}

// @at x=2.7
function rounding(x: number): number {
  // No ties at 2.7, so Math.round (half up) agrees with Python's round (half to even).
  return (Math.floor(x) * x + Math.ceil(x) + Math.round(x) * x * x + Math.round(x) + Math.trunc(x)
    + Math.trunc(-x) * x + Math.floor(-x) + Math.ceil(-x) * x);
}

// @at x=0.4
const sigmoid = (x: number): number => 1.0 / (1.0 + Math.exp(-x));

// @at x=-0.7
function softplus(x: number): number {
  return Math.log1p(Math.exp(x));
}

// @at x=0.9
function tanh_via_exp(x: number): number {
  return (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x));
}

// @at a=1.0, b=2.5, c=-0.5
function logsumexp3(a: number, b: number, c: number): number {
  const m = Math.max(a, b, c);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
}

// @at x=-1.1
function swish_mish(x: number): number {
  return x / (1.0 + Math.exp(-x)) + x * Math.tanh(Math.log1p(Math.exp(x)));
}

// @at r=1.7, delta=1.0
function huber(r: number, delta: number): number {
  if (Math.abs(r) <= delta) {
    return 0.5 * r * r;
  }
  return delta * (Math.abs(r) - 0.5 * delta);
}

// @at x=2.7, y=-0.4
function frac_and_softsign(x: number, y: number): number {
  // x is positive, so JavaScript's % (sign of the dividend) agrees with Python's (sign of the divisor).
  return x % 1.0 + y / (1.0 + Math.abs(y));
}
