import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * numpy's legacy RandomState (and its global np.random.*) and Python's random module are MT19937
 * with numpy's and CPython's own transforms: seeded, GradLens draws their very numbers, bit for bit
 * (test/fixtures/random/make_streams_expected.py records them from numpy and CPython), and says
 * nothing. 2,000 polar-method and Box–Muller normals check the log, sin and cos of roundedLibm.ts: they
 * are correctly rounded, which glibc's are but for a few results in a thousand (a note says so).
 */

const DIR = join(__dirname, '../../fixtures/random');
const SOURCE = readFileSync(join(DIR, 'streams.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'streams_expected.json'), 'utf8')) as Record<string, string[] | string>;

/** A float's bits as Python's float.hex writes them. */
function hex(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const sign = v < 0 ? '-' : '';
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(v));
  const bits = buf.getBigUint64(0);
  const exp = Number(bits >> 52n);
  const mant = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  return exp === 0 ? `${sign}0x0.${mant}p-1022` : `${sign}0x1.${mant}p${exp - 1023 >= 0 ? '+' : ''}${exp - 1023}`;
}

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///streams.py', 'python');
const names = Object.keys(EXPECTED).filter((k) => Array.isArray(EXPECTED[k]));

test('the fixture covers RandomState, the global np.random and Python\'s random module', () => {
  assert.equal(names.length, 10);
  assert.ok(names.some((n) => n.startsWith('stdlib_')) && names.some((n) => n.startsWith('global_')));
});

/** Functions whose draws include normals (numpy's polar method, CPython's Box–Muller): they need libm's rounding. */
const NORMALS = new Set(['legacy_randn', 'legacy_mixed', 'legacy_distributions', 'global_seeded', 'legacy_many_normals', 'stdlib_draws', 'stdlib_many_gauss']);

const fromHex = (h: string): number => {
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(h)!;
  return (m[1] ? -1 : 1) * (Number(m[2]) + parseInt(m[3]!, 16) / 16 ** m[3]!.length) * 2 ** Number(m[4]);
};

for (const name of names) {
  test(`${name}: seeded draws are numpy's and CPython's, bit for bit (a normal's last bit in a few per thousand, noted)`, () => {
    const point = doc.resolvePoint(name, { x: 1 });
    assert.ok(point.ok, name);
    const r = doc.gradient(name, point.value);
    assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
    const got = flat(r.value.value);
    const want = EXPECTED[name] as string[];
    assert.equal(got.length, want.length);
    assert.deepEqual(r.value.warnings.filter((w) => w.code === 'random-stream'), []);
    const warnings = r.value.warnings.filter((w) => w.code === 'draw-rounding');
    let mismatches = 0;
    for (let i = 0; i < got.length; i++) {
      if (hex(got[i]!) === want[i]) continue;
      assert.ok(NORMALS.has(name), `${name}[${i}]: ${hex(got[i]!)} ≠ ${want[i]}`);
      const w = fromHex(want[i]!);
      assert.ok(Math.abs(got[i]! - w) <= 2 * Number.EPSILON * Math.abs(w), `${name}[${i}]: ${got[i]} vs ${w}`);
      mismatches++;
    }
    // glibc's log rounds ~4 in 1,000 otherwise than correctly; GradLens's is correctly rounded
    assert.ok(mismatches <= Math.ceil(got.length / 200), `${name}: ${mismatches} draws differ in their last bit`);
    if (NORMALS.has(name)) {
      assert.ok(warnings.length >= 1);
      for (const w of warnings) {
        assert.equal(w.severity, 'info');
        assert.match(w.message, /normal draws: .* may differ in their last bit/);
      }
    } else assert.deepEqual(warnings, []);
  });
}
