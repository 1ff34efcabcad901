import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { MAX_IMPORTED_BYTES, pythonCandidates, type ModuleSourceProvider } from '../../../src/analysis/moduleImports';
import { testFilesOf } from '../../../src/analysis/testPoints';
import { runCli } from '../../../src/cli/main';

/** Helpers from other files: the resolver, the linking through a source provider, and the CLI on a small package. */

test('Python candidates: relative imports climb one folder per extra dot; absolute ones look beside and above the importer; a package before a module', () => {
  // CPython's FileFinder: in one folder, `losses/__init__.py` is found before `losses.py`.
  assert.deepEqual(pythonCandidates('proj/app/model.py', '.losses'), ['proj/app/losses/__init__.py', 'proj/app/losses.py']);
  assert.deepEqual(pythonCandidates('proj/app/model.py', '..mypkg.utils'), ['proj/mypkg/utils/__init__.py', 'proj/mypkg/utils.py']);
  assert.deepEqual(pythonCandidates('proj/app/model.py', '.'), ['proj/app/__init__.py']);
  const absolute = pythonCandidates('/w/proj/app/model.py', 'mypkg.utils');
  assert.deepEqual(absolute.slice(0, 4), ['/w/proj/app/mypkg/utils/__init__.py', '/w/proj/app/mypkg/utils.py', '/w/proj/mypkg/utils/__init__.py', '/w/proj/mypkg/utils.py']);
  assert.ok(absolute.every((c) => c.endsWith('.py')));
  assert.deepEqual(pythonCandidates('file:///w/a.py', '.b'), ['file:///w/b/__init__.py', 'file:///w/b.py']);
  // A notebook cell's URI: its fragment (which may hold a '/') is not part of the folder.
  assert.deepEqual(pythonCandidates('vscode-notebook-cell:/w/nb/run.ipynb#W1s/ZmlsZQ%3D%3D', '.b'), ['vscode-notebook-cell:/w/nb/b/__init__.py', 'vscode-notebook-cell:/w/nb/b.py']);
});

test('a package and a module of the same name: the package is imported, as Python does', () => {
  const provider = memory({
    'w/losses.py': 'def mse(a):\n    return 100 * a\n',
    'w/losses/__init__.py': 'def mse(a):\n    return a * a\n',
  });
  const doc = DocumentAnalysis.fromText('from losses import mse\ndef f(x):\n    return mse(x)\n', 'w/main.py', 'python', undefined, provider);
  const r = doc.gradient('f', { values: { x: 3 }, source: 'argument' });
  assert.ok(r.ok && r.value.value === 9 && r.value.gradient!.x === 6, JSON.stringify(r));
});

test('an error in the first (or only) imported file is shown at the calling function with the file and line', () => {
  const provider = memory({ 'w/helper.py': 'import numpy as np\n\ndef hlog(v):\n    return np.log(v)\n' });
  const doc = DocumentAnalysis.fromText('from .helper import hlog\n\ndef f(x):\n    return hlog(x)\n', 'w/main.py', 'python', undefined, provider);
  const r = doc.gradient('f', { values: { x: -2 }, source: 'argument' });
  assert.ok(!r.ok, JSON.stringify(r));
  if (r.ok) return;
  assert.match(r.error.message, /log of a negative number .*\(in w\/helper\.py, line 4\)/);
  assert.equal(r.error.range.start.line, 2);
});

function memory(files: Record<string, string>): ModuleSourceProvider & { reads: string[] } {
  const reads: string[] = [];
  return { reads, read: (p) => (reads.push(p), Object.hasOwn(files, p) ? files[p] : undefined) };
}

test('an imported function is a callee like any other; its own imports and constants stay its own', () => {
  const provider = memory({
    'w/losses.py': 'import numpy as np\nK = 3.0\ndef mse(a, b):\n    return K * (a - b) ** 2 + helper(a)\ndef helper(a):\n    return np.sin(a)\n',
  });
  const doc = DocumentAnalysis.fromText('from .losses import mse\nK = 100.0\n# @at x=0.5\ndef f(x):\n    return mse(x, 0.25) + K\n', 'w/main.py', 'python', undefined, provider);
  assert.deepEqual(doc.diagnostics, []);
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - (3 * 0.0625 + Math.sin(0.5) + 100)) < 1e-14);
  assert.ok(Math.abs((r.value.gradient!.x as number) - (6 * 0.25 + Math.cos(0.5))) < 1e-14);
  // The import is read once: candidates until the first file that exists.
  // (The sibling test files looked for to give f a point, testPoints.ts, are other reads.)
  const tests = new Set(testFilesOf('w/main.py', 'python'));
  assert.deepEqual(provider.reads.filter((p) => !tests.has(p)), ['w/losses/__init__.py', 'w/losses.py']);
});

test('a file over the size budget and an import cycle are refused with messages; a missing module only when reached', () => {
  const big = memory({ 'w/big.py': '#'.repeat(MAX_IMPORTED_BYTES + 1) });
  const doc = DocumentAnalysis.fromText('from .big import g\ndef f(x):\n    return g(x)\n', 'w/main.py', 'python', undefined, big);
  assert.ok(doc.diagnostics.some((d) => /larger than 512 KiB/.test(d.message) && d.range.start.line === 0), JSON.stringify(doc.diagnostics));
  const cycle = memory({ 'w/a.py': 'from .b import g\ndef h(x):\n    return g(x)\n', 'w/b.py': 'from .a import h\ndef g(x):\n    return h(x)\n' });
  const c = DocumentAnalysis.fromText('from .a import h\ndef f(x):\n    return h(x)\n', 'w/main.py', 'python', undefined, cycle);
  const r = c.gradient('f', { values: { x: 1 }, source: 'argument' });
  assert.ok(!r.ok && /is a cycle: w\/main\.py → w\/a\.py → w\/b\.py → w\/a\.py/.test(r.error.message) && r.error.range.start.line === 1, JSON.stringify(r));
  const lazy = DocumentAnalysis.fromText('from .gone import g\ndef f(x):\n    return g(x) if x > 5 else 2 * x\n', 'w/main.py', 'python', undefined, memory({}));
  const ok = lazy.gradient('f', { values: { x: 1 }, source: 'argument' });
  assert.ok(ok.ok && ok.value.gradient!.x === 2, JSON.stringify(ok));
});

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'imports', 'app', 'model.py');

function cli(args: string[]): { code: number; json: Record<string, unknown> } {
  const r = runCli(args);
  return { code: r.exitCode, json: JSON.parse(r.stdout) as Record<string, unknown> };
}

test('CLI on a small package: relative and absolute imports, a class from another file, numbers as torch gives them', () => {
  const r = cli(['grad', FIXTURE, '--function', 'loss']);
  assert.equal(r.code, 0, JSON.stringify(r.json));
  // torch float64 on the same expression (see test/fixtures/imports): value and gradient.
  assert.equal(r.json.value, 0.6113748835737864);
  assert.deepEqual({ ...(r.json.gradient as object) }, { w: 4.408218380631766, x: 0.8816436761263531, y: -1.7875960210000317 });
});

test('CLI: an error inside an imported file is shown at the calling function, naming the file and line', () => {
  const r = cli(['grad', FIXTURE, '--function', 'domain']);
  assert.equal(r.code, 2);
  const error = r.json.error as { message: string; line: number };
  assert.match(error.message, /log of a negative number .*\(in .*mypkg\/utils\.py, line 11\)/);
  assert.equal(error.line, 18);
});

test('whole-module imports: `import m as mm`, `import pkg.mod`, `from pkg import sub`, `from m import *` (public names only)', () => {
  const provider = memory({
    'w/helpers.py': 'import numpy as np\nSCALE = 2.0\ndef h(x):\n    return SCALE * np.sin(x)\ndef _private(x):\n    return 1000 * x\n',
    'w/pkg/__init__.py': '',
    'w/pkg/mod.py': 'def g(x):\n    return 3 * x * x\n',
    'w/pkg/other.py': 'def k(x):\n    return x ** 3\n',
  });
  const text = [
    'import helpers as hp',
    'import pkg.mod',
    'import pkg.other',
    'from pkg import other as oth',
    'from helpers import *',
    'def f(x):',
    '    return hp.h(x) + pkg.mod.g(x) + pkg.other.k(x) + oth.k(x) + h(x) + SCALE',
    'def p(x):',
    '    return _private(x)',
    'def missing(x):',
    '    return hp.nothing(x)',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/main.py', 'python', undefined, provider);
  assert.deepEqual(doc.diagnostics, []);
  const r = doc.gradient('f', { values: { x: 0.5 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  // hp.h + g + k + k + h + SCALE = 2·sin + 3x² + x³ + x³ + 2·sin + 2
  assert.ok(Math.abs((r.value.value as number) - (2 * Math.sin(0.5) * 2 + 0.75 + 0.25 + 2)) < 1e-14, String(r.value.value));
  assert.ok(Math.abs((r.value.gradient!.x as number) - (4 * Math.cos(0.5) + 3 + 2 * 0.75)) < 1e-14, JSON.stringify(r.value.gradient));
  // A star import binds public names only; an absent attribute of a module is a located refusal.
  const hidden = doc.gradient('p', { values: { x: 0.5 }, source: 'argument' });
  assert.ok(!hidden.ok && hidden.error.range.start.line === 8, JSON.stringify(hidden));
  const absent = doc.gradient('missing', { values: { x: 0.5 }, source: 'argument' });
  assert.ok(!absent.ok && /module helpers defines no nothing/.test(absent.error.message) && absent.error.range.start.line === 10, JSON.stringify(absent));
  // Each file read once although imported several times.
  assert.equal(provider.reads.filter((p) => p === 'w/pkg/other.py').length, 1);
});

test('standard-library and library modules are never looked for in the workspace', () => {
  const provider = memory({ 'w/os.py': 'def system(x):\n    return x\n' });
  const doc = DocumentAnalysis.fromText('import os\ndef f(x):\n    return os.system(x)\n', 'w/main.py', 'python', undefined, provider);
  assert.deepEqual(provider.reads, []);
  const r = doc.gradient('f', { values: { x: 1 }, source: 'argument' });
  assert.ok(!r.ok && /module os/.test(r.error.message), JSON.stringify(r));
});

test('a class of another file is a base class here: its __init__, properties and attributes are inherited (scipy benchmark style)', () => {
  const provider = memory({
    'w/bench/base.py': 'import numpy as np\n\nclass Benchmark(object):\n    def __init__(self, dimensions):\n        self._dimensions = dimensions\n        self.nfev = 0\n\n    @property\n    def N(self):\n        return self._dimensions\n',
  });
  const text = 'from numpy import sum, cos, pi\nfrom .base import Benchmark\n\nclass Rastrigin(Benchmark):\n    def __init__(self, dimensions=2):\n        Benchmark.__init__(self, dimensions)\n        self.scale = 10.0 / self.N * 2\n\n    def fun(self, x, *args):\n        self.nfev += 1\n        return sum(x ** 2.0 - self.scale * cos(2 * pi * x) + 10) + self.nfev\n';
  const doc = DocumentAnalysis.fromText(text, 'w/bench/funcs.py', 'python', undefined, provider);
  const r = doc.gradient('Rastrigin.fun', { values: { x: [0.3, -1.2] }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const x = [0.3, -1.2];
  const value = x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v) + 10, 0) + 1;
  assert.ok(Math.abs((r.value.value as number) - value) < 1e-12, `${r.value.value} vs ${value}`);
  const grad = r.value.gradient!.x as number[];
  x.forEach((v, i) => assert.ok(Math.abs(grad[i]! - (2 * v + 20 * Math.PI * Math.sin(2 * Math.PI * v))) < 1e-12));
});

test('a base class reached through its module (`go_base.Benchmark`, `import pkg.base as b`) is that file\'s class', () => {
  const base = 'class Benchmark(object):\n    def __init__(self, dimensions):\n        self._dimensions = dimensions\n        self.nfev = 0\n\n    @property\n    def N(self):\n        return self._dimensions\n';
  const provider = memory({ 'w/bench/go_base.py': base, 'w/bench/__init__.py': '' });
  const body = (spelled: string): string =>
    `class Sphere(${spelled}):\n    def __init__(self, dimensions=2):\n        super().__init__(dimensions)\n        self.scale = 3.0 / self.N\n\n    def fun(self, x, *args):\n        self.nfev += 1\n        return self.scale * sum(x ** 2) + self.nfev\n`;
  const spellings: [string, string][] = [
    ['import numpy as np\nfrom numpy import sum\nfrom . import go_base\n\n', 'go_base.Benchmark'],
    ['from numpy import sum\nfrom . import go_base as gb\n\n', 'gb.Benchmark'],
    ['from numpy import sum\nimport bench.go_base\n\n', 'bench.go_base.Benchmark'],
  ];
  for (const [imports, spelled] of spellings) {
    const doc = DocumentAnalysis.fromText(imports + body(spelled), 'w/bench/funcs.py', 'python', undefined, provider);
    const r = doc.gradient('Sphere.fun', { values: { x: [0.5, -2] }, source: 'argument' });
    assert.ok(r.ok, `${spelled}: ${JSON.stringify(r)}`);
    if (!r.ok) continue;
    // 3/N · Σx² + nfev, with N = 2 from the base's property and nfev = 1 from its __init__.
    assert.equal(r.value.value, 1.5 * (0.25 + 4) + 1, spelled);
    assert.deepEqual(r.value.gradient!.x, [1.5, -6], spelled);
  }
  // A dotted base that is no class of a workspace file stays a base GradLens names when a lookup misses.
  const doc = DocumentAnalysis.fromText(`import torch.nn as nn\n\n${body('nn.Module')}`, 'w/bench/funcs.py', 'python', undefined, provider);
  const r = doc.gradient('Sphere.fun', { values: { x: [0.5, -2] }, source: 'argument' });
  assert.ok(!r.ok && /nn\.Module/.test(r.error.message), JSON.stringify(r));
});

test('a validation call from a module not found, its result unused, is passed over with a warning; any other use still refuses', () => {
  const text = [
    'import numpy as np',
    'from ._validation import check_consistent_length, check_array, rescale_',
    '',
    'def msle(y_true, y_pred):',
    '    check_consistent_length(y_true, y_pred)',
    '    return np.mean((np.log1p(y_true) - np.log1p(y_pred)) ** 2)',
    '',
    'def used(y_true, y_pred):',
    '    y_pred = check_array(y_pred)',
    '    return np.sum(y_pred ** 2)',
    '',
    'def mutator(y_pred):',
    '    rescale_(y_pred)',
    '    return np.sum(y_pred ** 2)',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/metrics.py', 'python', undefined, memory({}));
  const at = { values: { y_true: [1, 2], y_pred: [1.5, 2.5] }, source: 'argument' as const };
  const r = doc.gradient('msle', at);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const expected = (Math.log1p(1) - Math.log1p(1.5)) ** 2 / 2 + (Math.log1p(2) - Math.log1p(2.5)) ** 2 / 2;
  assert.ok(Math.abs((r.value.value as number) - expected) < 1e-15, `${r.value.value}`);
  const warning = r.value.warnings.find((w) => /check_consistent_length/.test(w.message));
  assert.ok(warning, JSON.stringify(r.value.warnings));
  assert.match(warning!.message, /was skipped: the module \._validation is neither a library GradLens knows nor a file it found in the workspace; its result is unused/);
  assert.equal(warning!.range.start.line, 4);
  // Its result used, or a name that is no check: the evaluation stops there, as before.
  const used = doc.gradient('used', at);
  assert.ok(!used.ok && /_validation/.test(used.error.message), JSON.stringify(used));
  const mutator = doc.gradient('mutator', { values: { y_pred: [1.5, 2.5] }, source: 'argument' });
  assert.ok(!mutator.ok && /_validation/.test(mutator.error.message), JSON.stringify(mutator));
});

test('a star import\'s functions are read for shapes as a named import\'s are: their labels and ranks reach the caller\'s sample point', () => {
  // deep-learning-from-scratch style: `from common.functions import *`, then softmax and a
  // cross-entropy that indexes with its labels.
  const provider = memory({
    'w/common/functions.py': [
      'import numpy as np',
      'def softmax(x):',
      '    x = x - np.max(x, axis=-1, keepdims=True)',
      '    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)',
      'def cross_entropy_error(y, t):',
      '    if y.ndim == 1:',
      '        t = t.reshape(1, t.size)',
      '        y = y.reshape(1, y.size)',
      '    batch_size = y.shape[0]',
      '    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size',
      'def scale(v):',
      '    return v[0, 0]',
    ].join('\n'),
  });
  const source = 'import numpy as np\nfrom common.functions import *\n\ndef scored_loss(x, W, t):\n    return cross_entropy_error(softmax(np.dot(x, W)), t)\n\ndef scale(v):\n    return v * 2.0\n\ndef scaled(v):\n    return scale(v) + 1.0\n';
  const doc = DocumentAnalysis.fromText(source, 'w/layers.py', 'python', undefined, provider);
  const point = doc.samplePoint('scored_loss');
  assert.ok(point, 'a sample point');
  const { W, t } = point.values as { W: number[][]; t: number[] };
  assert.ok(Array.isArray(t) && t.every((k) => Number.isInteger(k) && k >= 0 && k < W[0]!.length), `labels below the number of classes: ${JSON.stringify(t)}`);
  assert.ok(doc.gradient('scored_loss', point).ok);
  // The file's own def of a name the star import also brings is the one its functions call.
  const own = doc.samplePoint('scaled');
  assert.ok(own && typeof own.values['v'] === 'number', JSON.stringify(own));
});
