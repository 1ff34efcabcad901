/**
 * log, sin and cos rounded as the C library rounds them, for the normal draws of numpy's and
 * CPython's generators: JavaScript's Math.log/sin/cos are within an ulp, but round otherwise than
 * glibc in a few results in a hundred, and a draw must be the program's to the last bit. Each is
 * computed in double-double (about 106 bits) and rounded once, which is glibc's result but for
 * values within ~2⁻⁵⁰ ulp of a rounding midpoint. Only the draws use these: they cost ~20× Math's.
 */

/** A double-double: hi + lo with |lo| ≤ ulp(hi)/2. */
type DD = readonly [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

const SPLITTER = 134217729; // 2^27 + 1

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [hi, lo] = twoSum(s, e + a[1] + b[1]);
  return [hi, lo];
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, neg(mul(b, [q1, 0])));
  const q2 = r[0] / b[0];
  const r2 = add(r, neg(mul(b, [q2, 0])));
  const q3 = r2[0] / b[0];
  return add(twoSum(q1, q2), [q3, 0]);
}

const neg = (a: DD): DD => [-a[0], -a[1]];

/** 1/n! for n = 0…29, in double-double. */
const INVERSE_FACTORIALS: DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let n = 1; n < 30; n++) out.push(div(out[n - 1]!, [n, 0]));
  return out;
})();

/** 1/(2k+1) for k = 0…2, in double-double. */
const INVERSE_ODDS: DD[] = Array.from({ length: 3 }, (_, k) => div([1, 0], [2 * k + 1, 0]));

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** log(x) for finite x > 0, rounded from double-double. */
export function roundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  // x = m·2^e, m in [1/√2, √2): log x = e·ln2 + 2·atanh((m − 1)/(m + 1))
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  const s = div([m - 1, 0], twoSum(m, 1));
  const s2 = mul(s, s);
  // 2s·(1 + s²/3 + s⁴/5 + …), |s| ≤ 0.172: 24 terms reach 2⁻¹¹⁰. From s⁶/7 on (≤ 2⁻¹⁸ of the sum)
  // plain doubles keep the error under 2⁻⁷⁰, so only the first three terms are double-double.
  const t2 = s2[0];
  let tail = 1 / 49;
  for (let k = 23; k >= 3; k--) tail = tail * t2 + 1 / (2 * k + 1);
  let p: DD = add(mul([tail, 0], s2), INVERSE_ODDS[2]!);
  p = add(mul(p, s2), INVERSE_ODDS[1]!);
  p = add(mul(p, s2), INVERSE_ODDS[0]!);
  const atanh2 = mul([2 * s[0], 2 * s[1]], p);
  const r = add(mul(LN2, [e, 0]), atanh2);
  return r[0] + r[1];
}

// π/2 in four pieces of 33 bits or so each (fdlibm's), so k·piece is exact for small k.
const PIO2 = [1.5707963267341256, 6.077100506303966e-11, 2.0222662487111665e-21, 8.4784276603689e-32];

/** x − k·π/2 in double-double, and k mod 4, for |x| up to a few thousand. */
function reduced(x: number): { r: DD; quadrant: number } {
  const k = Math.round(x / (Math.PI / 2));
  let r: DD = [x, 0];
  for (const piece of PIO2) r = add(r, twoProd(-k, piece));
  return { r, quadrant: ((k % 4) + 4) % 4 };
}

/** sin(r) (odd) or cos(r) (even) for |r| ≤ π/4 by its Taylor series in double-double. */
function series(r: DD, odd: boolean): DD {
  const r2 = mul(r, r);
  const start = odd ? 1 : 0;
  // terms to r^29/29! < 2⁻¹¹⁰ at |r| = π/4
  let n = start + 28;
  let p: DD = INVERSE_FACTORIALS[n]!;
  for (n -= 2; n >= start; n -= 2) {
    const c = INVERSE_FACTORIALS[n]!;
    p = add(neg(mul(p, r2)), c);
  }
  // p = c0 − c2 r² + …; alternate signs handled by negating at each step: the last step's sign is +
  return odd ? mul(p, r) : p;
}

function sinCos(x: number, wantSin: boolean): number {
  if (!Number.isFinite(x) || Math.abs(x) > 1e4) return wantSin ? Math.sin(x) : Math.cos(x);
  const { r, quadrant } = reduced(x);
  // sin(r + qπ/2): q=0 sin r, 1 cos r, 2 −sin r, 3 −cos r; cos(r + qπ/2) = sin(r + (q+1)π/2)
  const q = (quadrant + (wantSin ? 0 : 1)) % 4;
  const v = series(r, q % 2 === 0);
  const d = q >= 2 ? neg(v) : v;
  return d[0] + d[1];
}

export const roundedSin = (x: number): number => sinCos(x, true);
export const roundedCos = (x: number): number => sinCos(x, false);
