import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { totalDraws } from '../../../src/engine/interpreter/randomGenerators';
import { constantShape } from '../../../src/engine/run';

/**
 * A module's constants are evaluated once, in the order the module assigns them, as Python runs a
 * module before calling any of its functions (engine/moduleInit.ts): `B = RS.normal(size=3)` after
 * `A = RS.normal(size=3)` holds the next three draws, and a function that draws from RS or from
 * numpy's or Python's global generator continues from where the module left it — in every run alike. Values from CPython 3.11 and numpy 1.24
 * (test/fixtures/random/make_module_init_expected.py runs the module afresh for each function).
 */

const DIR = join(__dirname, '../../fixtures/random');
const SOURCE = readFileSync(join(DIR, 'module_init.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'module_init_expected.json'), 'utf8')) as Record<string, number[] | string>;
const names = Object.keys(EXPECTED).filter((k) => Array.isArray(EXPECTED[k]));

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

function valueOf(doc: DocumentAnalysis, name: string): { values: number[]; warnings: { code: string; line: number }[] } {
  const point = doc.resolvePoint(name, { x: 1 });
  assert.ok(point.ok, name);
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
  return { values: flat(r.value.value), warnings: r.value.warnings.map((w) => ({ code: w.code, line: w.range.start.line + 1 })) };
}

test('the fixture reads constants, and draws after them from a RandomState and both global generators', () => {
  assert.equal(names.length, 8);
  for (const n of ['read_b', 'rs_after_module', 'python_after_module', 'numpy_global_after_module', 'params', 'data_rows']) assert.ok(names.includes(n), n);
});

for (const name of names) {
  test(`${name}: the module's values and the draws after it are CPython's and numpy's, bit for bit, in every run`, () => {
    const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_init.py', 'python');
    const want = EXPECTED[name] as number[];
    for (let run = 0; run < 2; run++) {
      const got = valueOf(doc, name).values;
      assert.equal(got.length, want.length, name);
      got.forEach((v, i) => assert.ok(Object.is(v, want[i]), `${name}[${i}], evaluation ${run + 1}: ${v} ≠ ${want[i]}`));
    }
  });
}

test("a random constant is drawn once per module, not once per run, and is the program's own draw: no stream warning", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_init.py', 'python');
  const first = totalDraws();
  const one = valueOf(doc, 'read_b');
  const initialisation = totalDraws() - first;
  assert.ok(initialisation > 0);
  const before = totalDraws();
  const again = [valueOf(doc, 'read_b'), valueOf(doc, 'read_both'), valueOf(doc, 'params')];
  assert.equal(totalDraws() - before, 0, 'later evaluations draw nothing');
  // `B = RS.normal(size=3)` draws from a generator another constant seeded, in the program's order:
  // numpy's numbers, nothing to say (the module's statements are followed in order: module_order.py).
  const bLine = SOURCE.split('\n').findIndex((l) => l.startsWith('B = ')) + 1;
  for (const r of [one, again[0]!, again[1]!]) assert.ok(!r.warnings.some((w) => w.code === 'random-stream' && w.line === bLine), JSON.stringify(r.warnings));
  // A function that draws at run time draws only its own numbers, the same in each run.
  const d0 = totalDraws();
  valueOf(doc, 'rs_after_module');
  const perAnalysis = totalDraws() - d0;
  const d1 = totalDraws();
  valueOf(doc, 'rs_after_module');
  assert.equal(totalDraws() - d1, perAnalysis);
  assert.ok(perAnalysis < initialisation);
});

test("a constant's shape is read without initialising the module: an edit evaluates only the constants shape inference asks about", () => {
  const doc = DocumentAnalysis.fromText('import numpy as np\n\nRS = np.random.RandomState(0)\nX = RS.rand(4, 3)\nNOISE = RS.rand(5000)\n\n\ndef f(w):\n    return np.sum(X @ w)\n', 'file:///shape.py', 'python');
  const before = totalDraws();
  assert.deepEqual(constantShape(doc.compiled, 'X'), [4, 3]);
  // X's 12 uniforms, two words each; NOISE's 5,000 are drawn only when a run needs the module.
  assert.equal(totalDraws() - before, 24);
});

test("each run gets its own copy of the module's lists, dicts, objects and arrays: what a function changes in them does not reach the next run", () => {
  const doc = DocumentAnalysis.fromText(
    `import numpy as np

HISTORY = [1.0]
ALIAS = HISTORY
CONFIG = {"scale": 2.0}
W = np.array([1.0, 2.0])


class Box:
    def __init__(self):
        self.v = 1.0


BOX = Box()


def f(t):
    HISTORY.append(t)
    CONFIG["scale"] = CONFIG["scale"] * t
    BOX.v = BOX.v + t
    W[0] = W[0] + t
    return len(ALIAS) * CONFIG["scale"] + BOX.v + np.sum(W)
`,
    'file:///mutates.py',
    'python',
  );
  // CPython, the module run afresh: f(0.5) = 2 * 1.0 + 1.5 + 3.5 = 7.0 (ALIAS is HISTORY), d/dt = 2 * 2 + 1 + 1 = 6.
  for (let run = 0; run < 3; run++) {
    const point = doc.resolvePoint('f', { t: 0.5 });
    assert.ok(point.ok);
    const r = doc.gradient('f', point.value);
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.value.value, 7);
    assert.equal((r.value.gradient as Record<string, number>).t, 6);
  }
});

test('a constant too costly for the initialisation leaves the module to per-run evaluation, and fails no run that does not read it', () => {
  const doc = DocumentAnalysis.fromText(
    `import numpy as np

RS = np.random.RandomState(0)
A = RS.rand(2)


def slow_total(n):
    s = 0.0
    for i in range(n):
        s = s + i
    return s


BIG = slow_total(300000)


def uses_a(x):
    return x * A


def uses_big(x):
    return x * BIG
`,
    'file:///heavy.py',
    'python',
  );
  // numpy: RandomState(0).rand(2); CPython: sum(range(300000)). The loop's 300,000 steps are past the
  // initialisation's budget and within a run's.
  assert.deepEqual(valueOf(doc, 'uses_a').values, [0.5488135039273248, 0.7151893663724195]);
  assert.deepEqual(valueOf(doc, 'uses_big').values, [44999850000]);
});
