/**
 * A 2,000-line Python file in the style of real code, for the cold-start figures: the real-style
 * corpus (test/fixtures/real_python: scipy benchmark classes, scikit-learn losses, numpy-ml
 * activations, CS231n classifiers, micrograd, Black-Scholes, physics) in one module, its relative
 * imports inlined, then again under renamed top-level names until the file is long enough. The
 * renaming keeps the worker's per-function cache from answering a copy with the first one's results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** In dependency order: a module comes after the ones it imports relatively. */
const MODULES = [
  '_utils.py',
  'activations.py',
  'autograd_style.py',
  'classifiers.py',
  'estimator_idioms.py',
  'go_base.py',
  'go_functions.py',
  'go_extra.py',
  'losses.py',
  'mg_engine.py',
  'mg_demo.py',
  'options.py',
  'physics.py',
  'records.py',
];

/** One module's text as part of a single file: relative imports dropped (their names are defined above). */
function inlined(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^from \.|^from __future__ /.test(line))
    .join('\n')
    .replace(/\bgo_base\.(?=Benchmark)/g, '');
}

/** The names a module defines at the top level (`def f`, `class C`). */
function topLevelNames(text: string): string[] {
  return [...text.matchAll(/^(?:def|class)\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]!);
}

export function realStyleFile(root: string, minLines = 2000): string {
  const modules = MODULES.map((m) => inlined(readFileSync(join(root, 'test', 'fixtures', 'real_python', m), 'utf8')));
  const corpus = modules.join('\n\n');
  const names = topLevelNames(corpus);
  const parts: string[] = [];
  let lines = 0;
  for (let copy = 0; lines < minLines; copy++) {
    for (const m of modules) {
      const text = copy === 0 ? m : renamed(m, names, `_${copy + 1}`);
      parts.push(text);
      lines += text.split('\n').length + 1;
      if (lines >= minLines) break;
    }
  }
  return `${parts.join('\n\n')}\n`;
}

function renamed(text: string, names: readonly string[], suffix: string): string {
  const pattern = new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  return text.replace(pattern, (name) => `${name}${suffix}`);
}
