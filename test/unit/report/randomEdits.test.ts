import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { forgetEarlierVersions } from '../../../src/frontends/python/index';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { finishFormula, type PendingFormula } from '../../../src/report/laterFormulas';
import type { AnalyseRequest, DocumentReport } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * Random edits of real-style files (issue 23), each version analysed as the editor's worker does —
 * from what it kept of the versions before (the tree parsed incrementally, definitions' IR reused
 * and moved, sample points and function reports from the caches), the functions on screen first,
 * the formulas after the report — must give the report a fresh worker gives for the same text.
 * incrementalEdits.test.ts holds chosen edits; these are drawn (a seeded generator, so a failure
 * repeats): numbers changed, lines added inside functions and between them, comments, a line
 * half-typed then finished, and functions deleted, copied under new names and under their own,
 * renamed (their callers calling the old name), moved above others, and typed anew a keystroke at a
 * time — in Python and in TypeScript.
 */

const FIXTURES = join(__dirname, '../../fixtures');

/** Fixture modules in one file, their relative imports dropped (their names are defined above). */
const documentOf = (files: readonly string[]): string => files.map((f) => readFileSync(join(FIXTURES, f), 'utf8').replace(/^from \..*$/gm, '')).join('\n\n');

const DOCUMENTS: readonly (readonly string[])[] = [
  ['real_python/activations.py', 'real_python/losses.py'],
  ['real_python/_utils.py', 'real_python/classifiers.py', 'real_python/physics.py'],
  ['real_python/go_base.py', 'real_python/go_functions.py', 'real_python/mg_engine.py'],
  ['realStyle/loans.ts', 'points/fmin_style.js', 'objects/energy.ts'],
];

/** mulberry32: a small seeded generator, so each run draws the same edits. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the edits write in one language. */
interface Syntax {
  /** A top-level definition's first line, its name the first group. */
  readonly def: RegExp;
  /** The line after a top-level definition starting at `i`, and the blank lines after it. */
  end(lines: readonly string[], i: number): number;
  /** A new function `name` (its lines), and what a keystroke at a time shows of its first line before it is one. */
  added(name: string): { readonly typed: readonly string[]; readonly lines: readonly string[] };
  /** A statement inside a function, at `indent`. */
  statement(indent: string, k: number): string;
  readonly comment: string;
  /** A return line whose end a half-typed version cuts off, and that cut. */
  readonly fullReturn: RegExp;
  cut(line: string): string;
}

/** The first line at or after `from` that is not blank. */
const skipBlank = (lines: readonly string[], from: number): number => {
  let end = from;
  while (end < lines.length && lines[end] === '') end++;
  return end;
};

const PYTHON: Syntax = {
  def: /^def (\w+)/,
  // To the next line at column 0 that is not blank or a comment.
  end: (lines, i) => {
    let end = i + 1;
    while (end < lines.length && (lines[end] === '' || /^[\s#)\]}]/.test(lines[end]!))) end++;
    return end;
  },
  added: (name) => ({ typed: ['d', 'def', `def ${name.slice(0, 3)}`], lines: [`def ${name}(x):`, '    return x * 2.5 + 1.0', '', ''] }),
  statement: (indent, k) => `${indent}_edited_${k} = ${k}.5`,
  comment: '#',
  fullReturn: /^\s+return\b.*\)$/,
  cut: (line) => line.slice(0, -1),
};

const SCRIPT: Syntax = {
  def: /^(?:export )?function (\w+)/,
  // To the closing brace at column 0, and the blank lines after it.
  end: (lines, i) => {
    let end = i;
    while (end < lines.length && !/^}/.test(lines[end]!)) end++;
    return skipBlank(lines, end + 1);
  },
  added: (name) => ({ typed: ['f', 'function', `function ${name.slice(0, 3)}`], lines: [`function ${name}(x: number): number {`, '  return x * 2.5 + 1.0;', '}', ''] }),
  statement: (indent, k) => `${indent}const _edited_${k} = ${k}.5;`,
  comment: '//',
  fullReturn: /^\s+return\b.*\);$/,
  cut: (line) => line.slice(0, -2),
};

/** An edit: the versions it makes, in order (most make one; typing a function's name makes several). */
type Edit = (lines: string[], pick: <T>(xs: readonly T[]) => T | undefined, k: number, syntax: Syntax) => string[][] | undefined;

/** Indices of the lines matching `re`. */
const linesWhere = (lines: readonly string[], re: RegExp): number[] => lines.flatMap((l, i) => (re.test(l) ? [i] : []));

/** Edits that leave code that parses, but for the versions a half-typed line makes (a return cut short, then finished; a new function typed). */
const EDITS: Record<string, Edit> = {
  'a number changed': (lines, pick, k) => {
    const i = pick(linesWhere(lines, /^\s+[^#/]*\b\d+\.\d+/));
    if (i === undefined) return undefined;
    return [lines.map((l, j) => (j === i ? l.replace(/\b(\d+\.\d+)/, `$1${(k % 9) + 1}`) : l))];
  },
  'a line added inside a function': (lines, pick, k, syntax) => {
    const i = pick(linesWhere(lines, /^\s+return\b/));
    if (i === undefined) return undefined;
    return [[...lines.slice(0, i), syntax.statement(lines[i]!.match(/^\s*/)![0], k), ...lines.slice(i)]];
  },
  'blank lines added above a function': (lines, pick, _k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    return i === undefined ? undefined : [[...lines.slice(0, i), '', '', ...lines.slice(i)]];
  },
  'a comment line added': (lines, pick, k, syntax) => {
    const i = pick(lines.map((_, j) => j));
    return i === undefined ? undefined : [[...lines.slice(0, i), `${syntax.comment} edit ${k}`, ...lines.slice(i)]];
  },
  'a return line half-typed': (lines, pick, _k, syntax) => {
    const i = pick(linesWhere(lines, syntax.fullReturn));
    return i === undefined ? undefined : [lines.map((l, j) => (j === i ? syntax.cut(l) : l)), lines];
  },
  'a function deleted': (lines, pick, _k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    return i === undefined ? undefined : [[...lines.slice(0, i), ...lines.slice(syntax.end(lines, i))]];
  },
  'a function copied under a new name': (lines, pick, k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    if (i === undefined) return undefined;
    const copy = lines.slice(i, syntax.end(lines, i));
    copy[0] = copy[0]!.replace(syntax.def, (m, name: string) => m.replace(name, `${name}_copy${k}`));
    return [[...lines, '', '', ...copy]];
  },
  // The same name twice: the later definition is the one the module has (Python), or a duplicate.
  'a function pasted below itself': (lines, pick, _k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    if (i === undefined) return undefined;
    const end = syntax.end(lines, i);
    return [[...lines.slice(0, end), ...lines.slice(i, end), ...lines.slice(end)]];
  },
  // Its callers still call the old name.
  'a function renamed': (lines, pick, k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    return i === undefined ? undefined : [lines.map((l, j) => (j === i ? l.replace(syntax.def, (m, name: string) => m.replace(name, `${name}_renamed${k}`)) : l))];
  },
  // Above another: the order of the functions changes, no text does.
  'a function moved': (lines, pick, _k, syntax) => {
    const defs = linesWhere(lines, syntax.def);
    const [i, j] = [pick(defs), pick(defs)];
    if (i === undefined || j === undefined || i === j) return undefined;
    const end = syntax.end(lines, i);
    const moved = lines.slice(i, end);
    const rest = [...lines.slice(0, i), ...lines.slice(end)];
    const at = j < i ? j : j - moved.length;
    return [[...rest.slice(0, at), ...moved, ...rest.slice(at)]];
  },
  // Above another, a keystroke at a time: `d`, `def`, `def add` (a syntax error the caches must not keep), then the function.
  'a new function typed': (lines, pick, k, syntax) => {
    const i = pick(linesWhere(lines, syntax.def));
    if (i === undefined) return undefined;
    const { typed, lines: added } = syntax.added(`added_${k}`);
    return [...typed.map((t) => [...lines.slice(0, i), t, '', ...lines.slice(i)]), [...lines.slice(0, i), ...added, ...lines.slice(i)]];
  },
};

/**
 * The report without what says how it was computed (time taken, functions from the cache), and
 * without the formulas: their simplification runs on the wall clock (incrementalEdits.test.ts).
 */
function comparable(report: DocumentReport): unknown {
  const { millis: _millis, cached: _cached, version: _version, ...rest } = report;
  return JSON.parse(JSON.stringify(rest), (key, value) => (key === 'formula' ? undefined : value));
}

/** As the worker: the functions on the first screen sent ahead, the formulas computed after the report (caching the reports that wait for them). */
function workerReport(request: AnalyseRequest, cache: FunctionCache): DocumentReport {
  const later: PendingFormula[] = [];
  const report = reportDocument({ ...request, visible: [{ start: 0, end: 45 }] }, cache, undefined, undefined, later, () => {});
  for (const p of later) finishFormula(p, cache);
  return report;
}

/** Edits per document (of the 11 kinds, each at most once). */
const EDIT_COUNT = 10;

describe('random edits of real-style files, analysed from the last version', () => {
  for (const [d, files] of DOCUMENTS.entries()) {
    it(`gives the report a fresh analysis gives, edit after edit (${files.join(' + ')})`, () => {
      const random = generator(23 + d);
      const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)]);
      const python = files[0]!.endsWith('.py');
      const syntax = python ? PYTHON : SCRIPT;
      const uri = python ? 'file:///seeds.py' : 'file:///seeds.ts';
      const request = (text: string, extra: Parameters<typeof reportRequest>[1]) => reportRequest(text, { uri, language: python ? 'python' : 'typescript', ...extra });
      forgetEarlierVersions();
      const cache = new FunctionCache();
      let lines = documentOf(files).split('\n');
      let version = 1;
      workerReport(request(lines.join('\n'), { version: version++ }), cache);
      let reused = 0;
      let withResults = 0;
      let cached = 0;
      // Every kind once, in a drawn order, before any twice.
      const kinds = Object.keys(EDITS)
        .map((kind) => [random(), kind] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, kind]) => kind);
      for (let k = 0; k < EDIT_COUNT; k++) {
        const what = kinds[k % kinds.length]!;
        const versions = EDITS[what]!(lines, pick, k, syntax);
        if (!versions) continue;
        for (const [v, next] of versions.entries()) {
          lines = next;
          const text = lines.join('\n');
          const incremental = workerReport(request(text, { version: version++ }), cache);
          // The fresh analysis parses and lowers afresh; the trees and IR it keeps are this text's, which the next version reads from as it would from the worker's.
          reused += forgetEarlierVersions().reused;
          const fresh = reportDocument(request(text, { version: version++ }), new FunctionCache());
          assert.deepEqual(comparable(incremental), comparable(fresh), `edit ${k}: ${what}${versions.length > 1 ? `, version ${v + 1} of ${versions.length}` : ''}`);
          withResults += incremental.functions.filter((f) => f.result).length;
          cached += incremental.cached;
        }
      }
      // Not vacuous: reports came from the cache, definitions were reused, and the reports compared hold numbers.
      assert.ok(cached > 3 * EDIT_COUNT, `cached ${cached}`);
      if (python) assert.ok(reused > 20, `reused ${reused}`);
      assert.ok(withResults > 3 * EDIT_COUNT, `results ${withResults}`);
    });
  }
});
