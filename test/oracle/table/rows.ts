/** Reads rows.txt, the check table (its header says how a row is written). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TableParameter {
  readonly name: string;
  /** undefined: a Python float. */
  readonly shape: readonly number[] | undefined;
}

export interface TableRow {
  /** The row's line, exactly: its fixture's key. */
  readonly key: string;
  readonly name: string;
  readonly body: string;
  readonly params: readonly TableParameter[];
  readonly options: { readonly self?: boolean; readonly nohess?: boolean; readonly tol?: number; readonly ref?: string; readonly refuses?: string };
}

export const TABLE_DIR = __dirname;

const PARAM = /^([A-Za-z_]\w*):(s|\d+(?:x\d+)*)(?:\[([^,\]]+),([^\]]+)\])?$/;

export function readRows(): TableRow[] {
  const rows: TableRow[] = [];
  for (const raw of readFileSync(join(TABLE_DIR, 'rows.txt'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(' | ').map((c) => c.trim());
    if (cells.length < 3 || cells.length > 4) throw new Error(`rows.txt: a row needs \`function | body | parameters [| options]\`: ${line}`);
    const params = cells[2]!.split(/\s+/).filter((t) => t !== '').map((t) => {
      const m = PARAM.exec(t);
      if (!m) throw new Error(`rows.txt: cannot read the parameter ${t} in: ${line}`);
      return { name: m[1]!, shape: m[2] === 's' ? undefined : m[2]!.split('x').map(Number) };
    });
    let text = cells[3] ?? '';
    const options: { self?: boolean; nohess?: boolean; tol?: number; ref?: string; refuses?: string } = {};
    const refuses = text.indexOf('refuses=');
    if (refuses >= 0) {
      options.refuses = text.slice(refuses + 8).trim();
      text = text.slice(0, refuses);
    }
    const ref = text.indexOf('ref=');
    if (ref >= 0) {
      options.ref = text.slice(ref + 4).trim();
      text = text.slice(0, ref);
    }
    for (const token of text.split(/\s+/).filter((t) => t !== '')) {
      if (token === 'self') options.self = true;
      else if (token === 'nohess') options.nohess = true;
      else if (token.startsWith('tol=')) options.tol = Number(token.slice(4));
      else throw new Error(`rows.txt: unknown option ${token} in: ${line}`);
    }
    rows.push({ key: line, name: cells[0]!, body: cells[1]!, params, options });
  }
  return rows;
}

/**
 * How rows spell the modules other than numpy and math (`special.gammaln(x)`, `nn.gelu(x)`), and the
 * import a row's module gets when its body uses one; make_table_fixtures.py binds the same names.
 */
export const ALIAS_IMPORTS: Readonly<Record<string, string>> = {
  special: 'from scipy import special',
  slinalg: 'import scipy.linalg as slinalg',
  signal: 'from scipy import signal',
  norm: 'from scipy.stats import norm',
  nn: 'from jax import nn',
  jnp: 'import jax.numpy as jnp',
  anp: 'import autograd.numpy as anp',
  ptb: 'import pymoo.gradient.toolbox as ptb',
  jspecial: 'import jax.scipy.special as jspecial',
  aspecial: 'import autograd.scipy.special as aspecial',
  smisc: 'from scipy import misc as smisc',
  amisc: 'import autograd.scipy.misc as amisc',
  jnorm: 'from jax.scipy.stats import norm as jnorm',
  anorm: 'from autograd.scipy.stats import norm as anorm',
  stats: 'from scipy import stats',
  jstats: 'import jax.scipy.stats as jstats',
  astats: 'import autograd.scipy.stats as astats',
  functools: 'import functools',
  random: 'import random',
  time: 'import time',
  numbers: 'import numbers',
  autograd: 'import autograd',
  jax: 'import jax',
  dataclasses: 'import dataclasses',
  warnings: 'import warnings',
  logging: 'import logging',
  extmath: 'from sklearn.utils import extmath',
  skmask: 'from sklearn.utils import _mask as skmask',
  skutils: 'import sklearn.utils as skutils',
};

/** The row as a Python module: `f` is the row, `g` the weighted sum Σ wᵢ·outᵢ the derivatives are of. */
export function rowSource(row: TableRow): string {
  const params = row.params.map((p) => p.name).join(', ');
  const stmt = /\breturn\b/.test(row.body) ? row.body : `return ${row.body}`;
  return [
    'import numpy as np',
    'import math',
    ...Object.entries(ALIAS_IMPORTS)
      .filter(([alias]) => new RegExp(`(?<![\\w.])${alias}\\.`).test(row.body))
      .map(([, statement]) => statement),
    '',
    `def f(${params}):`,
    `    ${stmt}`,
    '',
    `def g(${params}):`,
    `    out = np.asarray(f(${params}))`,
    '    return np.sum(out * (1.0 + 0.25 * np.arange(np.size(out))).reshape(np.shape(out)))',
    '',
  ].join('\n');
}
