import { nameTable } from '../../core/keyed';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { LibraryModule } from './libraryNames';

/**
 * scikit-learn's small dense-math helpers that its loss and gradient functions call
 * (`_huber_loss_and_gradient`, the linear models' losses, ridge, SAG), by the module each lives in:
 * `sklearn.utils.extmath`, and `axis0_safe_slice` in `sklearn.utils._mask` (re-exported by
 * `sklearn.utils` before version 1.5). Each is sugar over numpy (engine/sklearnSugar.ts). Every other
 * name of these modules stays unsupported, refused where an evaluation reaches it.
 */

const EXTMATH = nameTable<IntrinsicName>({
  safe_sparse_dot: 'safe_sparse_dot', squared_norm: 'squared_norm', row_norms: 'row_norms', log_logistic: 'log_logistic', softmax: 'extmath_softmax',
  // Before 0.21 extmath re-exported scipy's logsumexp (`from scipy.misc import logsumexp`): the same function.
  logsumexp: 'logsumexp',
});
const MASK = nameTable<IntrinsicName>({ axis0_safe_slice: 'axis0_safe_slice' });

const NONE = nameTable<number>({});

export const SKLEARN_MODULES: readonly LibraryModule[] = [
  { path: 'sklearn.utils.extmath', functions: EXTMATH, constants: NONE },
  { path: 'sklearn.utils._mask', functions: MASK, constants: NONE },
  { path: 'sklearn.utils', functions: MASK, constants: NONE },
];

/** `from sklearn.utils import extmath`, `import sklearn.utils.extmath as em`: modules GradLens resolves names in. */
export function isSklearnModule(path: string): boolean {
  return SKLEARN_MODULES.some((m) => m.path === path);
}

/** The modelled helper a module's name is, if it is one (`sklearn.utils.extmath`, `safe_sparse_dot`). */
export function sklearnHelper(module: string, name: string): IntrinsicName | undefined {
  const m = SKLEARN_MODULES.find((x) => x.path === module);
  return m && Object.hasOwn(m.functions, name) ? m.functions[name] : undefined;
}

/**
 * The dotted package a file lies in when its path places it inside a `sklearn` package (the last
 * folder of that name): `…/sklearn/linear_model/_huber.py` is in `sklearn.linear_model`. Undefined
 * for any other file. Paths and URIs alike (`file:///…`, `vscode-vfs://…`).
 */
export function sklearnPackageOf(uri: string): string | undefined {
  const folders = uri.replace(/[?#].*$/s, '').split(/[/\\]/).slice(0, -1);
  const at = folders.lastIndexOf('sklearn');
  if (at < 0) return undefined;
  return folders.slice(at).join('.');
}

/**
 * A relative import's absolute module, read from the package the importing file is in: one dot is
 * that package, each further dot one package up (`..utils.extmath` from `sklearn.linear_model` is
 * `sklearn.utils.extmath`). Undefined when the dots climb above the top package.
 */
export function absoluteModule(packagePath: string, relative: string): string | undefined {
  const dots = /^\.*/.exec(relative)![0].length;
  const parts = packagePath.split('.');
  if (dots - 1 >= parts.length) return undefined;
  const base = parts.slice(0, parts.length - (dots - 1));
  const rest = relative.slice(dots);
  return rest === '' ? base.join('.') : `${base.join('.')}.${rest}`;
}
