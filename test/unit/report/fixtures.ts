import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { Language } from '../../../src/ir/nodes';
import { graphModelFor, type GraphModelOptions } from '../../../src/report/graphModel';
import type { PointValue } from '../../../src/engine/run';
import type { GraphModel } from '../../../src/protocol/graphModel';
import type { AnalyseRequest } from '../../../src/report/report';

/** A document report request for Python text, default settings, no chosen points. */
export const reportRequest = (text: string, extra: Partial<AnalyseRequest> = {}): AnalyseRequest => ({
  uri: 'file:///seeds.py',
  version: 1,
  text,
  language: 'python',
  settings: { mode: 'reverse', budget: {} },
  lastUsed: {},
  ...extra,
});

/** Seed 001's Wengert list with the seed's own input names x₁, x₂, at (1.5, 0.5). */
export const SEED001_TEXT = `import numpy as np

# @at x1=1.5, x2=0.5
def f(x1, x2):
    v1 = x1 / x2
    v2 = np.sin(v1)
    v3 = np.exp(x2)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6
`;

/**
 * An unrolled loop: 125 array entries and a shared parameter (126 inputs), 3 taped operations per
 * iteration (`x[i]` is x's input entry itself, as for a list): 501 nodes.
 */
export function loopText(n = 125): string {
  const xs = Array.from({ length: n }, (_, i) => (0.1 + 0.01 * i).toFixed(2)).join(', ');
  return `import numpy as np


def loop(x, a):
    s = 0.0
    for i in range(len(x)):
        s = s + a * np.sin(x[i])
    return s


loop([${xs}], 0.5)
`;
}

export function modelOf(text: string, name: string, options: GraphModelOptions = {}, language: Language = 'python', uri = 'file:///work/example.py'): GraphModel {
  const analysis = DocumentAnalysis.fromText(text, uri, language);
  // Three decimals, as the seeds' tables print them; a test of the precision setting passes its own.
  // Plots get time to finish on a loaded machine: these models are not about timing (plotSizes is).
  const plots = options.plots === false ? false : { budgetMs: 10_000, ...options.plots };
  const m = graphModelFor(analysis, text, name, undefined, { precision: 3, ...options, plots });
  if (!m.ok) throw new Error(`${m.error.code}: ${m.error.message}`);
  return m.value;
}

export const seed001Model = (options: GraphModelOptions = {}): GraphModel => modelOf(SEED001_TEXT, 'f', options);
export const loopModel = (n = 125, options: GraphModelOptions = {}): GraphModel => modelOf(loopText(n), 'loop', options);

/** Small numpy functions whose array nodes have known numbers, and one 256×128 array. */
export const ARRAYS_TEXT = `import numpy as np

# @at x=[1.0, 2.0, 3.0]
def twice(x):
    return x * 2


# @at x=[1.0, 2.0, 3.0]
def squares(x):
    return np.sum(x ** 2)


# @at a=1.0
def big(a):
    M = np.arange(256 * 128).reshape(256, 128) * a
    return np.sum(M)
`;

/** A model at a point given in full (array points too large for an `@at` line). */
export function modelAt(text: string, name: string, point: Record<string, PointValue>, options: GraphModelOptions = {}, uri = 'file:///work/example.py'): GraphModel {
  const analysis = DocumentAnalysis.fromText(text, uri, 'python');
  const resolved = analysis.resolvePoint(name, point);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const m = graphModelFor(analysis, text, name, resolved.value, options);
  if (!m.ok) throw new Error(`${m.error.code}: ${m.error.message}`);
  return m.value;
}

/** A deterministic small-valued matrix (an LCG), as bench/arrays.ts makes its points. */
export function smallMatrix(m: number, n: number, seed: number): number[][] {
  let s = seed;
  return Array.from({ length: m }, () =>
    Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648 - 0.5) * 0.6;
    }),
  );
}

/**
 * bench/fixtures/mlp.py (X 256×64, y 256×10) with a hidden layer of `hidden` units: W1 64×hidden,
 * b1, W2 hidden×10, b2. Its hidden layer (256×hidden) and output (256×10) are downsampled in the graph.
 */
export function mlpModel(hidden = 16, options: GraphModelOptions = {}, seed = 1): GraphModel {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'bench', 'fixtures', 'mlp.py'), 'utf8');
  const point = { W1: smallMatrix(64, hidden, seed), b1: smallMatrix(1, hidden, seed + 1)[0]!, W2: smallMatrix(hidden, 10, seed + 2), b2: smallMatrix(1, 10, seed + 3)[0]! };
  return modelAt(text, 'mlp_loss', point, options, 'file:///work/mlp.py');
}
