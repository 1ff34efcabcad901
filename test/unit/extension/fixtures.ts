import { DocumentAnalysis } from '../../../src/analysis/document';
import type { Language } from '../../../src/ir/nodes';
import { graphModelFor, type GraphModelOptions } from '../../../src/extension/graphModel';
import type { GraphModel } from '../../../src/protocol/graphModel';

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

/** An unrolled loop: 100 list entries and a shared parameter (101 inputs), 4 taped operations per iteration: 501 nodes. */
export function loopText(n = 100): string {
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
  const m = graphModelFor(analysis, text, name, undefined, options);
  if (!m.ok) throw new Error(`${m.error.code}: ${m.error.message}`);
  return m.value;
}

export const seed001Model = (options: GraphModelOptions = {}): GraphModel => modelOf(SEED001_TEXT, 'f', options);
export const loopModel = (n = 100, options: GraphModelOptions = {}): GraphModel => modelOf(loopText(n), 'loop', options);
