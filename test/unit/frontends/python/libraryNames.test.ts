import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_INTRINSICS, LIBRARY_MODULES, POSITIONAL_LIMITS, resolveLibraryName } from '../../../../src/frontends/python/libraryNames';
import { isIntrinsicName } from '../../../../src/ir/intrinsics';
import { lowerPython } from '../../../../src/frontends/python/index';

test('every library row names an intrinsic', () => {
  for (const m of LIBRARY_MODULES) {
    for (const [name, intrinsic] of Object.entries(m.functions)) assert.ok(isIntrinsicName(intrinsic), `${m.path}.${name} -> ${intrinsic}`);
  }
  for (const b of BUILTIN_INTRINSICS) assert.ok(isIntrinsicName(b), b);
  for (const path of Object.keys(POSITIONAL_LIMITS)) assert.equal(resolveLibraryName(path).kind, 'function', path);
});

test('resolution by full dotted path, longest module first', () => {
  assert.deepEqual(resolveLibraryName('numpy.arctan'), { kind: 'function', intrinsic: 'arctan', path: 'numpy.arctan' });
  // math's functions raise where numpy's give nan (math.sqrt(-1): ValueError)
  assert.deepEqual(resolveLibraryName('math.atan'), { kind: 'function', intrinsic: 'arctan', path: 'math.atan', raises: true });
  assert.deepEqual(resolveLibraryName('scipy.special.expit'), { kind: 'function', intrinsic: 'sigmoid', path: 'scipy.special.expit' });
  assert.deepEqual(resolveLibraryName('math.tau'), { kind: 'constant', value: 2 * Math.PI });
  assert.deepEqual(resolveLibraryName('numpy.inf'), { kind: 'constant', value: Infinity });
  assert.deepEqual(resolveLibraryName('numpy.linalg.norm'), { kind: 'function', intrinsic: 'norm', path: 'numpy.linalg.norm' });
  assert.deepEqual(resolveLibraryName('numpy.linalg.det'), { kind: 'function', intrinsic: 'det', path: 'numpy.linalg.det' });
  assert.deepEqual(resolveLibraryName('numpy.linalg.tensorinv'), { kind: 'unknown', family: 'numpy' });
  assert.deepEqual(resolveLibraryName('scipy.optimize.minimize'), { kind: 'unknown', family: 'scipy' });
});

test('names that exist as intrinsics but not in the library stay unknown', () => {
  for (const path of ['numpy.len', 'numpy.range', 'numpy.sigmoid', 'numpy.erf', 'math.relu', 'math.sum', 'numpy.tau', 'numpy.toString', 'math.constructor']) {
    assert.equal(resolveLibraryName(path).kind, 'unknown', path);
  }
});

test('jax, autograd and scipy.stats spellings resolve to the same intrinsics as numpy and scipy', () => {
  const same: [string, string][] = [
    ['jax.numpy.tanh', 'numpy.tanh'], ['autograd.numpy.sum', 'numpy.sum'], ['jax.numpy.linalg.norm', 'numpy.linalg.norm'],
    ['jax.scipy.special.gammaln', 'scipy.special.gammaln'], ['autograd.scipy.special.logsumexp', 'scipy.special.logsumexp'],
    ['jax.scipy.stats.norm.cdf', 'scipy.stats.norm.cdf'], ['autograd.scipy.stats.norm.logpdf', 'scipy.stats.norm.logpdf'],
    ['autograd.scipy.stats.norm.ppf', 'scipy.stats.norm.ppf'], ['jax.scipy.stats.t.logpdf', 'scipy.stats.t.logpdf'], ['scipy.stats.distributions.norm.cdf', 'scipy.stats.norm.cdf'],
    ['jax.nn.sigmoid', 'scipy.special.expit'], ['jax.nn.logsumexp', 'scipy.special.logsumexp'], ['scipy.special.psi', 'scipy.special.digamma'],
  ];
  for (const [alias, original] of same) {
    const a = resolveLibraryName(alias);
    const o = resolveLibraryName(original);
    assert.ok(a.kind === 'function' && o.kind === 'function' && a.intrinsic === o.intrinsic, `${alias} = ${original}`);
  }
  // jax.nn's softmax is along the last axis, scipy's over every element: different intrinsics
  assert.deepEqual(resolveLibraryName('jax.nn.softmax'), { kind: 'function', intrinsic: 'nn_softmax', path: 'jax.nn.softmax' });
  assert.deepEqual(resolveLibraryName('scipy.special.softmax'), { kind: 'function', intrinsic: 'softmax', path: 'scipy.special.softmax' });
  assert.deepEqual(resolveLibraryName('jax.numpy.pi'), { kind: 'constant', value: Math.PI });
  // names a library does not have stay unknown, named by their family
  // a transformation's result is a value refused where called (transforms.test.ts), jit stays unknown
  for (const path of ['jax.grad', 'autograd.grad', 'autograd.value_and_grad']) assert.deepEqual(resolveLibraryName(path), { kind: 'function', intrinsic: 'transformed', path }, path);
  for (const path of ['jax.jit', 'jax.nn.huber', 'jax.scipy.special.pseudo_huber', 'autograd.scipy.special.xlogy', 'autograd.scipy.stats.norm.entropy', 'scipy.stats.t.ppf', 'jax.scipy.stats.t.cdf', 'autograd.scipy.stats.gamma.sf', 'autograd.scipy.stats.cauchy.pdf', 'jax.numpy.__proto__']) {
    assert.equal(resolveLibraryName(path).kind, 'unknown', path);
  }
});

test('the unsupported-module message names every scipy.stats distribution, scipy.linalg and scipy.signal function GradLens has', () => {
  const message = lowerPython('import os\n', 'm.py').diagnostics.map((d) => d.message).join('\n');
  assert.match(message, /the module os is not supported; GradLens understands numpy, math, scipy\.special, scipy\.stats \(norm, /);
  const missing = LIBRARY_MODULES.filter((m) => /^scipy\.(stats|linalg|signal)(\.|$)/.test(m.path) && !m.path.startsWith('scipy.stats.distributions'))
    .flatMap((m) => (m.path.startsWith('scipy.stats.') ? [m.path.slice('scipy.stats.'.length)] : Object.keys(m.functions)))
    .filter((name) => !new RegExp(`[(, ]${name}[,)]`).test(message));
  assert.deepEqual(missing, []);
});
