// Real-world JavaScript constructs, each function with its point. The test
// (test/unit/frontends/typescript/nodeOracle.test.ts) imports this module under node and compares
// GradLens's gradients with central differences of these very functions: the test runs this code,
// the product never does. Plain JavaScript, so node runs it as written.

// ---- array methods with callbacks

// @at x=0.5, y=2
export function sumOfSquares(x, y) {
  return [x, y, x * y].reduce((s, v) => s + v * v, 0);
}

// @at x=0.7, y=-1.2
export function mapFilterFind(x, y) {
  const xs = [x, y, 2, x - y].map((v, i) => v * (i + 1));
  const big = xs.filter((v) => v > 0.5);
  const first = xs.find((v) => v > 1) ?? 0;
  const k = xs.findIndex((v) => v < 0);
  return big.reduce((a, b) => a + b) + first * k + (xs.some((v) => v > 5) ? x : y) + (xs.every((v) => v > -10) ? 1 : 0);
}

// @at x=1.5, y=0.25
export function reduceRightConcat(x, y) {
  const parts = [x].concat([y, x * y], 3);
  const folded = parts.reduceRight((acc, v, i) => acc * 0.5 + v * (i + 1));
  return folded + parts.indexOf(3) + (parts.includes(x) ? x * x : 0);
}

// @at x=0.3, y=0.9
export function sortedWithComparator(x, y) {
  const xs = [y, x, x + y, x * y].sort((a, b) => a - b);
  return xs[0] * 4 + xs[1] * 3 + xs[2] * 2 + xs[3];
}

// @at x=1.1, y=-0.4
export function fillSliceReverse(x, y) {
  const zeros = Array(4).fill(0);
  zeros[1] = x;
  const ys = new Float64Array(3);
  ys[2] = y;
  const tail = [...zeros, ...ys, x].slice(-5, -1).reverse();
  let s = 0;
  tail.forEach((v, i) => {
    s += v * (i + 2);
  });
  return s;
}

// @at x=0.8, y=0.6
export function arrayFromAndEntries(x, y) {
  const weights = Array.from({ length: 4 }, (_, i) => (i + 1) * x);
  let total = 0;
  for (const [i, w] of weights.entries()) total += w * Math.pow(y, i);
  for (const k in weights) total += weights[k] / 10;
  const [a, b] = [x, y];
  return total + a * b;
}

// @at x=2, y=3
export function destructuredCallback(x, y) {
  const pairs = [[x, y], [y, 1], [x * y, x]];
  return pairs.map(([a, b]) => a * b).reduce((s, v) => s + Math.sqrt(v), 0);
}

// ---- expressions with effects

// @at t=0.4
export function incrementsInExpressions(t) {
  let u = t;
  const a = --u * 2;
  const b = (u *= 3) + u++;
  let c = 0, d = 1;
  c = (d += t, d * t);
  return a + b + c + u;
}

// @at x=0.9
export function defaultsAndNullish(x, opts = null) {
  opts = opts || [2, 3];
  let scale = undefined;
  scale ??= 1.5;
  let k = 0;
  k ||= 4;
  const first = opts?.[0] ?? 10;
  const label = `x = ${x}`;
  return x * scale * k + first + (typeof x === 'number' ? 1 : 0) + (label.length > 0 ? 0 : 100);
}

// @at x=0.6, n=5
export function switchAndLabels(x, n) {
  let s = 0;
  outer: for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j > i) continue outer;
      if (i * j > 6) break outer;
      s += x * (i + j);
    }
  }
  switch (n) {
    case 4:
      s += 100;
      break;
    case 5:
      s *= x;
    case 6:
      s += 1;
      break;
    default:
      s = 0;
  }
  let m = 0;
  do {
    m++;
    s += x / m;
  } while (m < 3);
  return s;
}

// @at x=0.5
export function tryCatchFinally(x) {
  let y = 0;
  try {
    if (x > 0.2) throw new Error('too big');
    y = 1;
  } catch (e) {
    y = x * x;
  } finally {
    y += x;
  }
  return y;
}

// ---- the standard library's numbers

// @at x=0.75, y=1.25
export function mathLibrary(x, y) {
  const h = Math.hypot(x, y, x * y);
  const r = Math.max(...[x, y, 0.5]) + Math.min(x, y);
  const n = Number.isInteger(x) ? 0 : Number.EPSILON + parseFloat('2.5');
  return h + r * n + Math.sign(x) * Math.cbrt(y) + Math.atanh(x / 2) + Math.log1p(y) + Math.round(3.5);
}

// ---- closures and factories

function makeScaled(k) {
  return (x) => k * Math.sin(x);
}

// @at x=0.3
export const scaledSin = makeScaled(2.5);

var overshoot = 1.70158;

// @at t=0.3
export var backIn = (function custom(s) {
  s = +s;
  function backIn(t) {
    return (t = +t) * t * (s * (t - 1) + t);
  }
  backIn.overshoot = custom;
  return backIn;
})(overshoot);

// @at x=1.2
export function closureCounter(x) {
  const add = (a) => {
    const doubled = a * 2;
    return doubled + x;
  };
  const mul = function (a, b) {
    return a * b;
  };
  return mul(add(x), x);
}

// @at x=0.4, y=1.7
export function moreArrayMethods(x, y) {
  const xs = [x, y, x + y, 2];
  const last = xs.findLast((v) => v < 2) + xs.findLastIndex((v) => v > 1);
  const flat = xs.flatMap((v, i) => (i < 2 ? [v, v * v] : [v]));
  const copy = Array.from(xs, (v, i) => v * i);
  const keys = [...xs.keys()];
  const names = xs.join(';').length > 0 && Array.isArray(copy) ? 1 : 0;
  // Math.random is GradLens's seeded generator, not node's: the draw only multiplies zero here.
  const noise = 0 * Math.random();
  return last + flat.reduce((s, v) => s + v) + copy[3] * keys[2] + xs.lastIndexOf(2) * names + noise;
}

// ---- classes: operator-free vectors, fields from the constructor, static members, getters

class Vec {
  static WEIGHT = 2;
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  add(v) {
    return new Vec(this.x + v.x, this.y + v.y);
  }
  scale(k) {
    return new Vec(this.x * k, this.y * k);
  }
  get norm2() {
    return this.x * this.x + this.y * this.y;
  }
  static dot(a, b) {
    return a.x * b.x + a.y * b.y;
  }
}

// @at a=0.3, b=1.2
export function vectorEnergy(a, b) {
  const p = new Vec(a, b).add(new Vec(1, 2)).scale(a);
  return p.norm2 + Vec.dot(p, new Vec(b, 1)) * Vec.WEIGHT;
}

// ---- objects: literals, object parameters, destructuring, Object.keys/values/entries, shorthand methods

const SPRING = { stiffness: 3.5, rest: 0.25 };

const shapes = {
  UNIT: 1.5,
  area(r) {
    return Math.PI * r * r * shapes.UNIT;
  },
};

// @at p={x: 0.7, y: -1.3}, k=2
export function objectEnergy(p, k) {
  const q = { ...p, z: p.x * p.y };
  q.x += SPRING.rest;
  const { x, y: why, w = 2 } = q;
  return k * SPRING.stiffness * (x * x + why * why) + q.z * w + shapes.area(x);
}

// @at arg0={a: 1.1, b: 0.4}, t=0.3
export function destructured({ a, b }, t) {
  const body = { sq(u) { return u * u; }, lin: (u) => 2 * u };
  let s = 0;
  for (const k of Object.keys({ a, b })) s += k === 'a' ? a : b;
  for (const v of Object.values({ a, t })) s += body.sq(v);
  for (const [k, v] of Object.entries({ b, t })) s += k.length * body.lin(v);
  return s + a * Math.sin(b * t);
}

// ---- `this` in a module object's methods, setters, JavaScript's calling convention, conversions

const pendulum = {
  g: 9.81,
  length: 2,
  period(scale) {
    return 2 * Math.PI * Math.sqrt((this.length * scale) / this.g);
  },
  energy(m, theta) {
    // An arrow inside a method sees the method's `this`.
    const height = (t) => this.length * (1 - Math.cos(t));
    return m * this.g * height(theta) + this.period(m);
  },
};

class Temperature {
  constructor(kelvin) {
    this.kelvin = kelvin;
  }
  get celsius() {
    return this.kelvin - 273.15;
  }
  set celsius(c) {
    this.kelvin = c + 273.15;
  }
}

function weighted(v, w = 0.5, extra) {
  return extra === undefined ? v * w : v * w * extra;
}

// @at m=1.3, theta=0.4
export function objectThisAndSetters(m, theta) {
  const t = new Temperature(300);
  t.celsius = m * theta * 10;
  return pendulum.energy(m, theta) + t.kelvin * theta + t.celsius;
}

// @at x=0.8, y=1.7
export function callingConvention(x, y) {
  // Extra arguments are dropped, missing and undefined ones take the default (or undefined).
  const a = weighted(x, y, undefined, 99);
  const b = weighted(x, undefined);
  const c = [x, y].map((v, i, all) => v * all.length + i).reduce((s, v) => s + v);
  const lengthOfObject = { x, y }.length === undefined ? 1 : 0;
  const { x: first, ...others } = { x, y, z: x * y };
  const restTerm = first * others.z + Object.keys(others).length * others.y;
  return a + b * y + c + lengthOfObject + restTerm + Number('0.25') * x + parseFloat('1.5e0') * y + Number(x) * parseInt('3 apples');
}

// @at x=0.7, y=2.5
export function float32AndIntegerMath(x, y) {
  // Math.fround: derivative 1, as a cast's; Math.imul (a hash step) is 32-bit integer math, derivative 0.
  const hash = Math.imul(7, 3) + Math.imul(Math.floor(y), 5);
  return Math.fround(x) * y + hash * x;
}

// An object built by a factory, with a method using `this`, a getter and a setter (object literal accessors).
function makeBody(mass) {
  return {
    mass,
    v: 2,
    kinetic() { return 0.5 * this.mass * this.v * this.v; },
    get momentum() { return this.mass * this.v; },
    set speed(s) { this.v = s; },
    get speed() { return this.v; },
  };
}

// @at m=1.5, s=3
export function objectLiteralAccessors(m, s) {
  const b = makeBody(m);
  b.speed = s * m;
  const scaled = { k: 3, times(t) { return [1, 2].map((i) => this.k * i * t).reduce((a, c) => a + c); } };
  return b.kinetic() + b.momentum * b.speed + scaled.times(s);
}

// Constructors as values (gl-matrix's ARRAY_TYPE) and typed arrays: a Float32Array store rounds
// (derivative 1, as Math.fround's), integer arrays truncate and wrap (derivative 0).
const VECTOR_TYPE = typeof Float32Array !== 'undefined' ? Float32Array : Array;
const PLAIN = Array;

// @at x=0.75, y=2.5
export function typedArrayStores(x, y) {
  const v = new VECTOR_TYPE(2);
  v[0] = x * y;
  v[1] = VECTOR_TYPE === Float32Array ? x : 0;
  const p = new PLAIN(x, y);
  const ints = [new Int8Array([300]), new Uint8Array([y + 256.2]), new Int16Array([-y]), new Uint16Array([70000]), new Int32Array([x * 10]), new Uint32Array([2 ** 32 + 5])];
  const count = ints.reduce((s, a) => s + a[0], 0);
  return v[0] * v[1] + p[0] * p[1] + new Float64Array([x])[0] * count;
}

// Object.values/entries, a spread and a `...rest` of an object with accessors copy what its getters
// return (a setter alone copies undefined); a copied method sees the copy as `this`.
// @at m=1.5, v=2
export function objectCopiesRunGetters(m, v) {
  const b = makeBody(m);
  b.speed = v;
  const values = Object.values(b);
  const entries = Object.entries(b);
  const copy = { ...b, v: 3 * v };
  const { mass, ...rest } = b;
  const setterOnly = { set w(s) { this.k = s; } };
  return values[0] * values[3] + entries[3][1] + copy.momentum + copy.kinetic() + rest.momentum * mass + (Object.values(setterOnly)[0] === undefined ? 1 : 0);
}

// Math functions bound to short names (`var pow = Math.pow`), as finance calculators write them;
// array destructuring by position, with a hole and fewer names than values.
const pow = Math.pow;
const ln = Math.log;

// @at fv=120, i=0.05, n=3
export function presentValueAliases(fv, i, n) {
  const [, second, third] = [fv, pow(1 + i, -n), ln(1 + i)];
  const [first] = [fv / pow(1 + i, n), 0];
  return first + second * third;
}

// gl-matrix's rotateX builds its temporaries by index: a JavaScript array grows to take an index at
// its end (and past it, leaving undefined slots).
// @at a=[0.3, 0.5, 0.7], b=[0.1, 0.2, 0.4], rad=0.6
export function arraysGrowByIndex(a, b, rad) {
  const p = [];
  const r = [];
  p[0] = a[0] - b[0];
  p[1] = a[1] - b[1];
  p[2] = a[2] - b[2];
  r[0] = p[0];
  r[1] = p[1] * Math.cos(rad) - p[2] * Math.sin(rad);
  r[2] = p[1] * Math.sin(rad) + p[2] * Math.cos(rad);
  const sparse = [];
  sparse[2] = rad;
  return r[0] + r[1] * 2 + r[2] * 3 + sparse.length * sparse[2] + (sparse[0] === undefined ? 1 : 0);
}

// Math's members bound by destructuring at module level, as numeric modules write it.
const { sqrt, PI: pi, max } = Math;

// @at r=1.3, h=0.4
export function mathDestructured(r, h) {
  return pi * r * r * h + sqrt(r * h) + max(r, h, 0.1);
}

// `xs.at(i)`: from the end when negative, the index truncated, undefined past either end; a class of
// the file with its own `at` (a curve sampled at t) has that called, as it would be.
class Segment {
  constructor(a, b) {
    this.a = a;
    this.b = b;
  }
  at(t) {
    return this.a + (this.b - this.a) * t;
  }
}

// @at xs=[0.4, 1.2, -0.7, 2.1], t=0.35
export function atFromEitherEnd(xs, t) {
  const last = xs.at(-1);
  const outside = xs.at(9) === undefined && xs.at(-9) === undefined ? 1 : 0;
  const seg = new Segment(xs.at(0), last);
  const curve = { at: (u) => u * u * last };
  return last * xs.at(1.9) + xs.at(-2.5) + outside + seg.at(t) + curve.at(t) + 'abc'.at(-1).length;
}

// `Object.assign`: options over defaults, into an existing object (its setter runs), into `this` in a
// constructor; undefined sources are skipped.
class Spring {
  constructor(options) {
    this.k = 1;
    this.rest = 0;
    Object.assign(this, options);
  }
  energy(x) {
    return 0.5 * this.k * (x - this.rest) ** 2;
  }
}

// @at k=2.5, x=0.8
export function objectAssignMerges(k, x) {
  const defaults = { k: 1, damping: 0.1 };
  const opts = Object.assign({}, defaults, { k }, undefined);
  const log = { total: 0, set add(v) { this.total += v; } };
  Object.assign(log, { add: x }, { add: k });
  const spring = new Spring({ k: opts.k * 2, rest: 0.25 });
  const copy = Object.assign({}, spring);
  return opts.k * opts.damping + log.total * x + spring.energy(x) + copy.rest * k;
}

// Typed-array views: `subarray` shares the elements (writes through either are seen by both), `set`
// copies into a typed array at an offset (converting, as a store does).
// @at x=0.5, y=1.5
export function typedViewsAndSet(x, y) {
  const buf = new Float64Array(6);
  for (let i = 0; i < buf.length; i++) buf[i] = x * (i + 1);
  const mid = buf.subarray(2, -1);
  mid[0] = y * y;
  buf[3] = buf[3] * y;
  const out = new Float64Array(5);
  out.set(mid, 1);
  out.set([x]);
  out.subarray(3).set([y, x * y]);
  const f32 = new Float32Array(2);
  f32.set([0.25 * x, 0.5]);
  return out.reduce((s, v, i) => s + v * (i + 1), 0) + mid.length * buf[2] + mid[1] + f32[0] * y;
}

// Math's members destructured inside a function body, and inside a closure's own body.
// @at t=0.3, r=2
export function mathDestructuredInBody(t, r) {
  const { sin, cos, max, PI } = Math;
  const wave = (u) => {
    const { exp, hypot: h } = Math;
    return exp(-u) * h(u, 1, r);
  };
  return r * sin(2 * PI * t) * cos(t) + max(t, 0.2, sin(t)) + wave(t);
}

// A nested object parameter (`p.pos.x`), and one read through an alias of its property.
// @at b={pos: {x: 1.2, y: -0.4}, vel: {x: 0.3, y: 2}, m: 1.5}
export function nestedObjectParameter(b) {
  const v = b.vel;
  return 0.5 * b.m * (v.x * v.x + v.y * v.y) + b.m * 9.81 * b.pos.y + Math.atan2(b.pos.y, b.pos.x);
}

// Classes written before `class`: a constructor function, methods on its prototype (one by one, or as
// an object literal), a static on the function, data on the prototype, `prototype.constructor`
// restored; `new` of it, and methods returning new instances (older three.js, finance libraries).
function Vec3(x, y, z) {
  this.x = x;
  this.y = y;
  this.z = z || 0;
}
Vec3.prototype.add = function (v) {
  return new Vec3(this.x + v.x, this.y + v.y, this.z + v.z);
};
Vec3.prototype.cross = function cross(v) {
  return new Vec3(this.y * v.z - this.z * v.y, this.z * v.x - this.x * v.z, this.x * v.y - this.y * v.x);
};
Vec3.prototype.lengthSq = function () {
  return this.x * this.x + this.y * this.y + this.z * this.z;
};
Vec3.prototype.constructor = Vec3;
Vec3.lerp = function (a, b, t) {
  return a.add(new Vec3((b.x - a.x) * t, (b.y - a.y) * t, (b.z - a.z) * t));
};

function Annuity(rate) {
  this.rate = rate;
}
Annuity.prototype = {
  periods: 12,
  factor: function (n) {
    return Math.pow(1 + this.rate / this.periods, n);
  },
  presentValue(payment, n) {
    return (payment * (1 - 1 / this.factor(n))) / (this.rate / this.periods);
  },
  half: (x) => x / 2,
};

// @at ax=0.4, ay=-1.1, bx=2, by=0.3, t=0.25
export function prototypeClasses(ax, ay, bx, by, t) {
  const a = new Vec3(ax, ay);
  const b = new Vec3(bx, by, ax * by);
  const m = Vec3.lerp(a, b, t);
  const annuity = new Annuity(0.05 + t / 10);
  return a.cross(b).lengthSq() + m.add(a).lengthSq() * m.z + annuity.presentValue(100 * ax, 24) + annuity.half(by) + annuity.periods;
}

// ES5 inheritance: `Base.call(this, …)` runs the base constructor on the new object, the prototype
// made with `Object.create(Base.prototype)` inherits Base's methods, and `Base.prototype.m.call(this, …)`
// calls the base's method from an override.
function Body(mass) {
  this.mass = mass;
}
Body.prototype.weight = function (g) {
  return this.mass * g;
};
Body.prototype.kinetic = function (v) {
  return 0.5 * this.mass * v * v;
};
function Ball(mass, radius) {
  Body.call(this, mass);
  this.radius = radius;
}
Ball.prototype = Object.create(Body.prototype);
Ball.prototype.constructor = Ball;
Ball.prototype.kinetic = function (v) {
  return Body.prototype.kinetic.call(this, v) + 0.2 * this.mass * v * v;
};

// @at m=2, r=0.1, v=3
export function prototypeInheritance(m, r, v) {
  var ball = new Ball(m, r);
  return ball.kinetic(v) + ball.weight(9.81) * r + new Body(r).kinetic(v);
}

// `%` keeps the dividend's sign and is exact (5.5 % 0.1 is 0.0999…, not 0); three.js's
// euclideanModulo wraps into [0, m). ∂/∂a is 1, ∂/∂b the whole number of b's taken away, negated.
// @at a=-7.3, b=2.2, t=5.5
export function remainders(a, b, t) {
  const wrapped = ((a % b) + b) % b;
  let phase = t;
  phase %= 0.7;
  const exact = 5.5 % 0.1;
  return a % b + wrapped * b + (-a % -b) * t + phase * 10 + exact * 1000 * t + (t * 3) % (b - 4);
}

// JavaScript's truth: NaN is falsy, `[]` and `{}` truthy; `x || 0` at exactly 0 is x on both sides.
// @at x=0, y=1.5
export function truthiness(x, y) {
  const base = x || 0;
  let xs = [];
  xs = xs || [0, 0];
  const options = {};
  const scale = options ? 2 : 3;
  const fallback = Number.NaN || y;
  return base * base + 3 * base + xs.length + scale * y + fallback * y + [Number.NaN, y, 0].filter((v) => v).length;
}

// `arguments` beside named parameters counts what the caller passed.
function accumulate(k, first) {
  let s = 0;
  for (let i = 1; i < arguments.length; i++) s += k * arguments[i];
  return s + arguments.length;
}
// @at x=0.4, y=-1.2
export function argumentsPassed(x, y) {
  return accumulate(2, x) + accumulate(x, y, y * y, 1) + accumulate(y);
}

// Array patterns with holes, defaults, nested objects and a rest; `{ length } = xs`.
// @at xs=[1.5, -2, 3, 0.5]
export function arrayPatterns(xs) {
  const [a, , b = 7, d = 11, e = 13, f = 17] = xs;
  const [first, ...rest] = xs;
  const [{ x }, [p, q = 5]] = [{ x: a * b }, [d]];
  const { length } = rest;
  let s = 0;
  for (const [u, w = 2] of [[a], [b, d]]) s += u * w;
  return a + b * d + e * f + first * rest[0] + x + p * q + length + s;
}

// TypeScript-style parameter properties are written as plain fields here (node runs this file).
class Meter {
  constructor(scale, offset) {
    this.scale = scale;
    this.offset = offset;
  }
  read(v) {
    return this.scale * v + this.offset;
  }
}
// @at s=1.5, v=0.25
export function fieldsFromConstructor(s, v) {
  return new Meter(s, v * v).read(v) ** 2;
}

// `in` tests keys: an object's own (a number key is its text), an array's indices and `length`, an
// instance's fields and methods.
// @at x=0.8, y=1.5
export function keyTests(x, y) {
  const o = { scale: x, 5: y };
  const xs = [x, y];
  const m = new Meter(x, y);
  const own = ('scale' in o ? o.scale * y : 0) + ('5' in o ? y : 0) + ('offset' in o ? 100 : 0);
  const indices = (1 in xs ? xs[1] * x : 0) + (2 in xs ? 100 : 0) + ('length' in xs ? 1 : 0);
  return own + indices + ('read' in m ? m.read(y) : 0) + ('scale' in m ? x : 0) + ('gain' in m ? 100 : 0);
}

// planck.js's `Vec2.neo`: `Object.create(C.prototype)` makes an instance without running its
// constructor (which would refuse a negative k here); its methods are C's.
class Anchor {
  constructor(k) {
    if (!(k > 0)) throw new Error('k must be positive');
    this.k = k;
  }
  stored(d) {
    return 0.5 * this.k * d * d;
  }
  static raw(k) {
    const s = Object.create(Anchor.prototype);
    s.k = k;
    return s;
  }
}
// @at k=-2, d=0.5
export function createdWithoutConstructor(k, d) {
  const bag = Object.create(null);
  bag.d = d;
  return Anchor.raw(k).stored(bag.d) + (Anchor.raw(1) instanceof Anchor ? k * d : 0);
}

// Reading past an array's end gives undefined, as in JavaScript: `?? fallback` and `=== undefined` see it.
// @at xs=[0.5, -1.25, 2]
export function pastTheEnd(xs) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] * (xs[i + 1] ?? 1);
  const typed = new Float64Array(xs);
  return s + (xs[xs.length] === undefined ? xs[0] : 100) + (typed[5] === undefined ? typed[1] : 100);
}

// An array grows to take a write at an index computed from the parameters (a bucket of a histogram,
// a step of a piecewise table): the index's number places the value, the value keeps its derivative.
// @at t=0.7, w=1.3
export function computedSlot(t, w) {
  const out = [];
  const k = Math.floor(t * 4);
  out[k] = w * t * t;
  out[k + 2] = Math.sin(w * t);
  return out[k] + out[k + 2] + (out[0] === undefined ? t : 0);
}

// A class extending a typed array, as gl-matrix v4 writes its vectors: the constructor picks how to
// call super(…), methods read and write `this[i]`, getters and setters are views of elements, a static
// and an instance method share a name, and `this.set(a)` is Float64Array's own.
class Pair extends Float64Array {
  constructor(...values) {
    switch (values.length) {
      case 2:
        super(values);
        break;
      case 1: {
        const v = values[0];
        if (typeof v === 'number') super([v, v]);
        else super(v);
        break;
      }
      default:
        super(2);
    }
  }
  get x() { return this[0]; }
  set x(value) { this[0] = value; }
  get size() { return Math.hypot(this[0], this[1]); }
  add(b) {
    this[0] += b[0];
    this[1] += b[1];
    return this;
  }
  copy(a) {
    this.set(a);
    return this;
  }
  dot(b) { return this[0] * b[0] + this[1] * b[1]; }
  static dot(a, b) { return a[0] * b[0] + a[1] * b[1]; }
  static fromValues(x, y) { return new Pair(x, y); }
}
// @at x=1.5, y=-2
export function typedArrayClass(x, y) {
  const v = Pair.fromValues(x, y).add([0.5, 1]);
  v.x = v.x * 2;
  const w = new Pair(v).copy([3, 4]);
  const u = new Pair(x);
  return v.size * v.dot(w) + Pair.dot(v, u) + (v instanceof Pair ? v.length : 0) + w.map((e) => e * x)[1];
}
