/**
 * "A function without a row does not ship": every name GradLens knows — each library module's
 * functions and constants (libraryNames.ts), the array methods, and every intrinsic of the IR
 * catalogue — appears in some row of the check table (table/rows.txt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRINSICS } from '../../src/ir/intrinsics';
import { PRIMITIVES } from '../../src/engine/primitives/registry';
import { lowerPython } from '../../src/frontends/python/index';
import { BUILTIN_ALIASES, BUILTIN_INTRINSICS, LIBRARY_MODULES } from '../../src/frontends/python/libraryNames';
import { ARRAY_METHODS } from '../../src/engine/array/methods';
import { ALIAS_IMPORTS, readRows, rowSource } from './table/rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerTypeScript } from '../../src/frontends/typescript/index';

const rows = readRows();
const bodies = rows.map((r) => r.body);

/** How the rows spell each module (rowSource imports them so: table/rows.ts's ALIAS_IMPORTS). */
const PREFIX: Record<string, string> = {
  numpy: 'np.', math: 'math.', 'scipy.special': 'special.', 'scipy.linalg': 'slinalg.', 'scipy.signal': 'signal.', 'scipy.stats.norm': 'norm.', 'jax.nn': 'nn.',
  'jax.numpy': 'jnp.', 'autograd.numpy': 'anp.', 'pymoo.gradient.toolbox': 'ptb.', 'jax.scipy.special': 'jspecial.', 'autograd.scipy.special': 'aspecial.',
  'scipy.misc': 'smisc.', 'autograd.scipy.misc': 'amisc.',
  'jax.scipy.stats.norm': 'jnorm.', 'autograd.scipy.stats.norm': 'anorm.', functools: 'functools.', dataclasses: 'dataclasses.',
  'scipy.stats': 'stats.', 'scipy.stats.t': 'stats.t.', 'scipy.stats.cauchy': 'stats.cauchy.', 'scipy.stats.multivariate_normal': 'stats.multivariate_normal.',
  'scipy.stats.distributions.norm': 'stats.distributions.norm.', 'scipy.stats.distributions.t': 'stats.distributions.t.',
  'scipy.stats.distributions.cauchy': 'stats.distributions.cauchy.',
  'autograd.scipy.stats.t': 'astats.t.', 'autograd.scipy.stats.multivariate_normal': 'astats.multivariate_normal.',
  'jax.scipy.stats.t': 'jstats.t.', 'jax.scipy.stats.cauchy': 'jstats.cauchy.', 'jax.scipy.stats.multivariate_normal': 'jstats.multivariate_normal.',
  'scipy.stats.expon': 'stats.expon.', 'jax.scipy.stats.expon': 'jstats.expon.',
  random: 'random.', time: 'time.', numbers: 'numbers.', autograd: 'autograd.', jax: 'jax.',
  'sklearn.utils.extmath': 'extmath.', 'sklearn.utils._mask': 'skmask.', 'sklearn.utils': 'skutils.',
  ...Object.fromEntries(['gamma', 'chi2', 'beta', 'poisson', 'dirichlet'].flatMap((d) => [
    [`scipy.stats.${d}`, `stats.${d}.`], [`jax.scipy.stats.${d}`, `jstats.${d}.`], [`autograd.scipy.stats.${d}`, `astats.${d}.`],
  ])),
};

/**
 * Modules that give another module's names the same intrinsics (jax.numpy is numpy's math): each of
 * their names is covered by the other module's rows once it maps to the very same intrinsic there,
 * and one row at least reaches the module through its own spelling (its import and resolution).
 */
const SAME_MATH_AS: Record<string, string> = {
  'jax.numpy': 'numpy', 'autograd.numpy': 'numpy', 'pymoo.gradient.toolbox': 'numpy', 'jax.scipy.special': 'scipy.special', 'autograd.scipy.special': 'scipy.special',
  'scipy.misc': 'scipy.special', 'autograd.scipy.misc': 'scipy.special',
  'jax.scipy.stats.norm': 'scipy.stats.norm', 'autograd.scipy.stats.norm': 'scipy.stats.norm',
  'scipy.stats.distributions.norm': 'scipy.stats.norm', 'scipy.stats.distributions.t': 'scipy.stats.t', 'scipy.stats.distributions.cauchy': 'scipy.stats.cauchy',
  'autograd.scipy.stats.t': 'scipy.stats.t', 'autograd.scipy.stats.multivariate_normal': 'scipy.stats.multivariate_normal',
  'jax.scipy.stats.t': 'scipy.stats.t', 'jax.scipy.stats.cauchy': 'scipy.stats.cauchy', 'jax.scipy.stats.multivariate_normal': 'scipy.stats.multivariate_normal',
  'jax.scipy.stats.expon': 'scipy.stats.expon',
  'sklearn.utils': 'sklearn.utils._mask',
  ...Object.fromEntries(['gamma', 'chi2', 'beta', 'poisson', 'dirichlet'].flatMap((d) => [[`jax.scipy.stats.${d}`, `scipy.stats.${d}`], [`autograd.scipy.stats.${d}`, `scipy.stats.${d}`]])),
};

function sameMathMissing(m: (typeof LIBRARY_MODULES)[number], prefix: string): string[] {
  const original = LIBRARY_MODULES.find((o) => o.path === SAME_MATH_AS[m.path])!;
  const missing = Object.keys(m.functions)
    .filter((name) => original.functions[name] !== m.functions[name])
    .map((name) => `${m.path}.${name} is not ${original.path}.${name}'s intrinsic: give it rows of its own`);
  if (!uses(new RegExp(`(?<![\\w.])${escape(prefix)}\\w`))) missing.push(`${m.path}: no row spells it (${prefix}…)`);
  return missing;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const uses = (pattern: RegExp): boolean => bodies.some((b) => pattern.test(b));

test('every library function and constant has a row in the check table', () => {
  const missing: string[] = [];
  for (const m of LIBRARY_MODULES) {
    const prefix = PREFIX[m.path];
    if (!prefix) {
      missing.push(`module ${m.path}: add how rows spell it to PREFIX in tableCoverage.test.ts`);
      continue;
    }
    if (SAME_MATH_AS[m.path]) {
      missing.push(...sameMathMissing(m, prefix));
      continue;
    }
    for (const name of [...Object.keys(m.functions), ...Object.keys(m.constants)]) {
      if (!uses(new RegExp(`(?<![\\w.])${escape(prefix + name)}(?![\\w])`))) missing.push(`${m.path}.${name}`);
    }
  }
  assert.deepEqual(missing, [], `names without a row in test/oracle/table/rows.txt:\n${missing.join('\n')}`);
});

test('every array method has a row in the check table', () => {
  const modules = ['np', 'math', ...Object.keys(ALIAS_IMPORTS)].map((a) => `\\b${a}`).join('|');
  const missing = [...ARRAY_METHODS].filter((m) => !uses(new RegExp(`(?<!${modules})\\.${escape(m)}\\(`)));
  assert.deepEqual(missing, [], `array methods without a row: ${missing.join(', ')}`);
});

/** Intrinsic names an IR value mentions, found by walking it. */
function intrinsicsIn(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) intrinsicsIn(x, out);
  else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'intrinsic' && typeof o.name === 'string') out.add(o.name);
    for (const [k, x] of Object.entries(o)) if (k !== 'range') intrinsicsIn(x, out);
  }
}

/**
 * Intrinsics no Python name maps to (the math and TypeScript front ends name them, or a front end
 * synthesizes them: `same_class` in a `@dataclass`'s `__eq__`, `object_setattr` in a frozen one's
 * `__init__` and for the call `object.__setattr__(…)`, both checked in
 * test/unit/frontends/python/dataclasses.test.ts): the table is Python, so their rows wait for a
 * Python spelling. The test fails once one gets a Python name.
 */
const NO_PYTHON_NAME: string[] = ['same_class', 'object_setattr'];

/**
 * JavaScript's array methods, `typeof`, template literals, `Math.fround`/`Math.imul` and friends: no Python spelling, so no row of
 * this Python table. Their check is the node oracle (test/oracle/corpus/javascript_features.mjs run by
 * node with central differences in test/unit/frontends/typescript/nodeOracle.test.ts): each must be
 * reached by that corpus, which this test checks.
 */
const JAVASCRIPT_ONLY = Object.keys(INTRINSICS).filter((n) => /^seq_|^for_in_keys$|^is_list$|_array$|^js_array$|^construct$|^type_of$|^template$|^is_integer$|^random_scalar$|^length_of$|^js_number$|^parse_float$|^parse_int$|^object_rest$|^object_assign$|^js_in$|^js_object_create$|^typed_|^fround$|^imul$|^fmod$|^js_member$/.test(n));

test('every intrinsic of the IR catalogue is reached by some row', () => {
  const reached = new Set<string>();
  for (const r of rows) intrinsicsIn(lowerPython(rowSource(r), 'table.py').functions.find((f) => f.name === 'f'), reached);
  // Python builtins are module globals the body names (`abs(x)`), not intrinsic nodes
  for (const b of BUILTIN_INTRINSICS) if (uses(new RegExp(`(?<![\\w.])${b}\\(`))) reached.add(b);
  // …or builtins bound to an intrinsic of another name (`any` is `some`)
  for (const [b, intrinsic] of Object.entries(BUILTIN_ALIASES)) if (uses(new RegExp(`(?<![\\w.])${b}\\(`))) reached.add(intrinsic);
  const pythonNamed = new Set<string>([...BUILTIN_INTRINSICS, ...Object.values(BUILTIN_ALIASES), ...LIBRARY_MODULES.flatMap((m) => Object.values(m.functions))]);
  assert.deepEqual(NO_PYTHON_NAME.filter((n) => pythonNamed.has(n)), [], 'these now have a Python name: give them rows and take them off NO_PYTHON_NAME');
  const missing = Object.keys(INTRINSICS).filter((n) => !reached.has(n) && !NO_PYTHON_NAME.includes(n) && !JAVASCRIPT_ONLY.includes(n));
  assert.deepEqual(missing, [], `intrinsics no row reaches: ${missing.join(', ')}`);
});

test('every JavaScript-only intrinsic is reached by the node oracle corpus', () => {
  const reached = new Set<string>();
  const corpus = readFileSync(join(import.meta.dirname, 'corpus/javascript_features.mjs'), 'utf8');
  intrinsicsIn(lowerTypeScript(corpus, 'javascript_features.mjs'), reached);
  const missing = JAVASCRIPT_ONLY.filter((n) => !reached.has(n));
  assert.deepEqual(missing, [], `JavaScript intrinsics the node oracle corpus does not reach: ${missing.join(', ')}`);
});

/**
 * The scalar registry's primitives that are no intrinsic of their own: Python's operators and
 * scipy's expit (the intrinsic `sigmoid`). Each is named with how rows reach it, so a new registry
 * primitive that is neither an intrinsic (covered by the test above) nor listed here fails.
 */
const REGISTRY_ONLY: Record<string, RegExp> = {
  sub: /\w \- \w/,
  mul: /\w \* \w/,
  div: /\w \/ \w/,
  neg: /(?:^|[(, ])-[a-z]/,
  expit: /(?<![\w.])special\.expit\(/,
};

test('every primitive of the scalar registry is an intrinsic with rows, or an operator some row uses', () => {
  const problems: string[] = [];
  for (const name of Object.keys(PRIMITIVES)) {
    if (name in INTRINSICS) continue;
    const pattern = REGISTRY_ONLY[name];
    if (!pattern) problems.push(`${name}: a registry primitive that is no intrinsic and not in REGISTRY_ONLY`);
    else if (!uses(pattern)) problems.push(`${name}: no row uses it (${pattern})`);
  }
  assert.deepEqual(problems, []);
});
