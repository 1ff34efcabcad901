import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPython } from '../../../../src/frontends/python/index';
import { resolveLibraryName } from '../../../../src/frontends/python/libraryNames';
import { absoluteModule, sklearnPackageOf } from '../../../../src/frontends/python/sklearnNames';
import type { IrModule } from '../../../../src/ir/nodes';

/**
 * scikit-learn's dense helpers resolve to GradLens's sugar: from the absolute import users write, and
 * from scikit-learn's own relative imports when the importing file lies inside a `sklearn` folder.
 * Every other name of those modules stays what it was (unsupported, or a workspace import).
 */

const HELPERS = new Set(['safe_sparse_dot', 'squared_norm', 'row_norms', 'log_logistic', 'extmath_softmax', 'axis0_safe_slice']);
/** The module's globals bound to scikit-learn's helpers (not the builtins every module has). */
const intrinsicGlobals = (m: IrModule): Record<string, string> =>
  Object.fromEntries(m.globals.flatMap((g) => (g.kind === 'intrinsic' && HELPERS.has(g.intrinsic) ? [[g.name, g.intrinsic]] : [])));
const workspaceNames = (m: IrModule): string[] => (m.imports ?? []).flatMap((i) => i.names.map((n) => `${i.specifier}:${n.imported}`));

test('the package a file lies in, when a sklearn folder holds it (paths and URIs)', () => {
  assert.equal(sklearnPackageOf('/home/u/scikit-learn/sklearn/linear_model/_huber.py'), 'sklearn.linear_model');
  assert.equal(sklearnPackageOf('file:///c%3A/src/sklearn/utils/_mask.py'), 'sklearn.utils');
  assert.equal(sklearnPackageOf('vscode-vfs://github/scikit-learn/scikit-learn/sklearn/_loss/loss.py?ref=main'), 'sklearn._loss');
  assert.equal(sklearnPackageOf('C:\\src\\sklearn\\linear_model\\_ridge.py'), 'sklearn.linear_model');
  // the last sklearn folder: a checkout itself named sklearn
  assert.equal(sklearnPackageOf('/work/sklearn/sklearn/svm/_base.py'), 'sklearn.svm');
  assert.equal(sklearnPackageOf('/home/u/project/model.py'), undefined);
  assert.equal(sklearnPackageOf('/home/u/sklearn_notes/model.py'), undefined);
});

test('relative modules from a package: one dot is the package, each more one up; none above the top', () => {
  assert.equal(absoluteModule('sklearn.linear_model', '..utils.extmath'), 'sklearn.utils.extmath');
  assert.equal(absoluteModule('sklearn.utils', '.extmath'), 'sklearn.utils.extmath');
  assert.equal(absoluteModule('sklearn.utils', '.'), 'sklearn.utils');
  assert.equal(absoluteModule('sklearn.linear_model', '..'), 'sklearn');
  assert.equal(absoluteModule('sklearn.linear_model', '...utils'), undefined);
});

test('absolute imports: from sklearn.utils.extmath / sklearn.utils._mask / sklearn.utils, and the module bound by name', () => {
  const m = lowerPython(
    [
      'import numpy as np',
      'from sklearn.utils.extmath import safe_sparse_dot, squared_norm, row_norms, log_logistic, softmax as sk_softmax',
      'from sklearn.utils._mask import axis0_safe_slice',
      'from sklearn.utils import axis0_safe_slice as old_slice',
      '',
      'def f(X, w):',
      '    return squared_norm(safe_sparse_dot(X, w))',
      '',
    ].join('\n'),
    'model.py',
  );
  assert.deepEqual(intrinsicGlobals(m), {
    safe_sparse_dot: 'safe_sparse_dot', squared_norm: 'squared_norm', row_norms: 'row_norms', log_logistic: 'log_logistic',
    sk_softmax: 'extmath_softmax', axis0_safe_slice: 'axis0_safe_slice', old_slice: 'axis0_safe_slice',
  });
  assert.deepEqual(resolveLibraryName('sklearn.utils.extmath.safe_sparse_dot'), { kind: 'function', intrinsic: 'safe_sparse_dot', path: 'sklearn.utils.extmath.safe_sparse_dot' });
  // only the names each module has: sklearn.utils never had safe_sparse_dot
  assert.equal(resolveLibraryName('sklearn.utils.safe_sparse_dot').kind, 'unknown');
  assert.equal(resolveLibraryName('sklearn.utils.extmath.randomized_svd').kind, 'unknown');
  const viaModule = lowerPython('import sklearn.utils.extmath as em\nfrom sklearn.utils import extmath\n\ndef f(X, w):\n    return em.squared_norm(w) + extmath.row_norms(X)[0]\n', 'model.py');
  assert.deepEqual(viaModule.functions[0]!.diagnostics, []);
  const text = JSON.stringify(viaModule.functions[0]!.body);
  assert.match(text, /"name":"squared_norm"/);
  assert.match(text, /"name":"row_norms"/);
});

test("inside sklearn/, its relative imports of the helpers are the helpers; the module's other names stay workspace imports", () => {
  const src = [
    'import numpy as np',
    'from ..utils import axis0_safe_slice, check_array',
    'from ..utils.extmath import safe_sparse_dot, randomized_svd',
    'from ..utils._mask import axis0_safe_slice as sliced',
    'from ..utils.validation import check_consistent_length',
    '',
  ].join('\n');
  const m = lowerPython(src, '/src/scikit-learn/sklearn/linear_model/_huber.py');
  assert.deepEqual(intrinsicGlobals(m), { axis0_safe_slice: 'axis0_safe_slice', safe_sparse_dot: 'safe_sparse_dot', sliced: 'axis0_safe_slice' });
  assert.deepEqual(workspaceNames(m), ['..utils:check_array', '..utils.extmath:randomized_svd', '..utils.validation:check_consistent_length']);
  // `from . import extmath` in sklearn/utils binds the module
  const inUtils = lowerPython('from . import extmath\n\ndef f(w):\n    return extmath.squared_norm(w)\n', '/src/sklearn/utils/_ours.py');
  assert.deepEqual(inUtils.functions[0]!.diagnostics, []);
  assert.match(JSON.stringify(inUtils.functions[0]!.body), /"name":"squared_norm"/);
});

test('the same relative import outside a sklearn folder is a workspace import, as before', () => {
  const src = 'from ..utils.extmath import safe_sparse_dot\nfrom ..utils import axis0_safe_slice\n';
  const m = lowerPython(src, '/home/u/mypkg/models/huber.py');
  assert.deepEqual(intrinsicGlobals(m), {});
  assert.deepEqual(workspaceNames(m), ['..utils.extmath:safe_sparse_dot', '..utils:axis0_safe_slice']);
  // dots above the sklearn package do not reach scikit-learn's modules
  const above = lowerPython('from ...utils.extmath import safe_sparse_dot\n', '/src/sklearn/linear_model/_huber.py');
  assert.deepEqual(intrinsicGlobals(above), {});
});

test('extmath.logsumexp (scikit-learn before 0.21 re-exported scipy\'s) is scipy\'s logsumexp', () => {
  const m = lowerPython('import numpy as np\nfrom sklearn.utils.extmath import logsumexp\n\ndef f(p):\n    return logsumexp(p, axis=1)\n', 'model.py');
  assert.ok(m.globals.some((g) => g.kind === 'intrinsic' && g.name === 'logsumexp' && g.intrinsic === 'logsumexp'), JSON.stringify(m.globals));
  assert.deepEqual(workspaceNames(m), []);
});
