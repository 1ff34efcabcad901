import type { IrFunction } from '../ir/nodes';

/**
 * Which function is a hand-written derivative of which. By annotation (`# @gradient-of f`,
 * `∇f(x, y) = …`, `f'(x) = …`, `∂f/∂x = …`) or by name: `grad_f`, `f_grad`, `gradient_f`, `df`,
 * `f_prime` (gradient); `df_dx`, `dfdx` (one partial); `jac_f` (Jacobian); `hess_f` (Hessian); and
 * their camelCase forms (`gradF`, `fGrad`, `fPrime`, `jacF`, `hessF`).
 */
export type DerivativeKind =
  | { readonly kind: 'gradient' }
  | { readonly kind: 'partial'; readonly variable: string }
  | { readonly kind: 'jacobian' }
  | { readonly kind: 'hessian' };

export interface Pairing {
  readonly derivative: IrFunction;
  readonly of: IrFunction;
  readonly what: DerivativeKind;
}

const PREFIXES: readonly [string, DerivativeKind['kind']][] = [
  ['grad_', 'gradient'],
  ['gradient_', 'gradient'],
  ['jac_', 'jacobian'],
  ['jacobian_', 'jacobian'],
  ['hess_', 'hessian'],
  ['hessian_', 'hessian'],
];
const SUFFIXES: readonly [string, DerivativeKind['kind']][] = [
  ['_grad', 'gradient'],
  ['_gradient', 'gradient'],
  ['_prime', 'gradient'],
  ['_jac', 'jacobian'],
  ['_jacobian', 'jacobian'],
  ['_hess', 'hessian'],
  ['_hessian', 'hessian'],
];

/** `∂f/∂x`, `df/dx` (math notation) and `df_dx`, `dfdx` (code): a base name and a variable. */
function partialName(name: string, functions: ReadonlyMap<string, IrFunction>): { base: string; variable: string } | undefined {
  const slash = /^(?:∂|d)(.+)\/(?:∂|d)(.+)$/u.exec(name);
  if (slash) return { base: slash[1]!, variable: slash[2]! };
  const underscored = /^d(.+)_d(.+)$/.exec(name);
  if (underscored && functions.has(underscored[1]!)) return { base: underscored[1]!, variable: underscored[2]! };
  // dfdx: try every split d<base>d<var> where base is a function with parameter var.
  if (name.startsWith('d')) {
    for (let i = 2; i < name.length - 1; i++) {
      if (name[i] !== 'd') continue;
      const base = name.slice(1, i);
      const variable = name.slice(i + 1);
      if (functions.get(base)?.params.some((p) => p.name === variable)) return { base, variable };
    }
  }
  return undefined;
}

/** camelCase, as TypeScript names things: `gradEnergy`, `energyGrad`, `hessLoss`. */
const CAMEL_PREFIXES: readonly [string, DerivativeKind['kind']][] = [
  ['grad', 'gradient'],
  ['gradient', 'gradient'],
  ['jac', 'jacobian'],
  ['jacobian', 'jacobian'],
  ['hess', 'hessian'],
  ['hessian', 'hessian'],
];
const CAMEL_SUFFIXES: readonly [string, DerivativeKind['kind']][] = [
  ['Grad', 'gradient'],
  ['Gradient', 'gradient'],
  ['Prime', 'gradient'],
  ['Jac', 'jacobian'],
  ['Jacobian', 'jacobian'],
  ['Hess', 'hessian'],
  ['Hessian', 'hessian'],
];

function camelCase(name: string, functions: ReadonlyMap<string, IrFunction>): { base: string; what: DerivativeKind } | undefined {
  for (const [prefix, kind] of CAMEL_PREFIXES) {
    const rest = name.slice(prefix.length);
    if (!name.startsWith(prefix) || !/^[A-Z]/.test(rest)) continue;
    // gradEnergy differentiates energy (or Energy, if that is the function's name).
    const base = [rest[0]!.toLowerCase() + rest.slice(1), rest].find((b) => functions.has(b));
    if (base) return { base, what: { kind } as DerivativeKind };
  }
  for (const [suffix, kind] of CAMEL_SUFFIXES) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && base && functions.has(base)) return { base, what: { kind } as DerivativeKind };
  }
  return undefined;
}

function byName(name: string, functions: ReadonlyMap<string, IrFunction>): { base: string; what: DerivativeKind } | undefined {
  const camel = camelCase(name, functions);
  if (camel) return camel;
  for (const [prefix, kind] of PREFIXES) {
    if (name.startsWith(prefix) && functions.has(name.slice(prefix.length))) return { base: name.slice(prefix.length), what: { kind } as DerivativeKind };
  }
  for (const [suffix, kind] of SUFFIXES) {
    if (name.endsWith(suffix) && functions.has(name.slice(0, -suffix.length))) return { base: name.slice(0, -suffix.length), what: { kind } as DerivativeKind };
  }
  const partial = partialName(name, functions);
  if (partial && functions.get(partial.base)?.params.some((p) => p.name === partial.variable)) {
    return { base: partial.base, what: { kind: 'partial', variable: partial.variable } };
  }
  if (name.length > 1 && name.startsWith('d') && functions.has(name.slice(1))) return { base: name.slice(1), what: { kind: 'gradient' } };
  return undefined;
}

export function findPairings(functions: readonly IrFunction[]): Pairing[] {
  const byNameMap = new Map(functions.map((f) => [f.name, f]));
  const pairings: Pairing[] = [];
  for (const fn of functions) {
    let found: { base: string; what: DerivativeKind } | undefined;
    if (fn.gradientOf && byNameMap.has(fn.gradientOf)) {
      const partial = partialName(fn.name, byNameMap);
      found = { base: fn.gradientOf, what: partial && partial.base === fn.gradientOf ? { kind: 'partial', variable: partial.variable } : byName(fn.name, byNameMap)?.what ?? { kind: 'gradient' } };
    } else {
      found = byName(fn.name, byNameMap);
    }
    if (!found || found.base === fn.name) continue;
    pairings.push({ derivative: fn, of: byNameMap.get(found.base)!, what: found.what });
  }
  return pairings;
}
