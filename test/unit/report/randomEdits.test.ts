import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { forgetEarlierVersions } from '../../../src/frontends/python/index';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { finishFormula, type PendingFormula } from '../../../src/report/laterFormulas';
import type { DocumentReport } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * Random edits of real-style files (issue 23), each version analysed as the editor's worker does —
 * from what it kept of the versions before (the tree parsed incrementally, definitions' IR reused
 * and moved, sample points and function reports from the caches), the functions on screen first,
 * the formulas after the report — must give the report a fresh worker gives for the same text.
 * incrementalEdits.test.ts holds chosen edits; these are drawn (a seeded generator, so a failure
 * repeats): numbers changed, lines added inside functions and between them, comments, functions
 * deleted and copied under new names, a line half-typed then finished.
 */

const FIXTURES = join(__dirname, '../../fixtures/real_python');

/** Fixture modules in one file, their relative imports dropped (their names are defined above). */
const documentOf = (files: readonly string[]): string => files.map((f) => readFileSync(join(FIXTURES, f), 'utf8').replace(/^from \..*$/gm, '')).join('\n\n');

const DOCUMENTS: readonly (readonly string[])[] = [
  ['activations.py', 'losses.py'],
  ['_utils.py', 'classifiers.py', 'physics.py'],
  ['go_base.py', 'go_functions.py', 'mg_engine.py'],
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

type Edit = (lines: string[], pick: <T>(xs: readonly T[]) => T | undefined, k: number) => string[] | undefined;

/** Indices of the lines matching `re`. */
const linesWhere = (lines: readonly string[], re: RegExp): number[] => lines.flatMap((l, i) => (re.test(l) ? [i] : []));

/** The lines of the top-level def starting at `i`: to the next line at column 0 that is not blank or a comment. */
function defEnd(lines: readonly string[], i: number): number {
  let end = i + 1;
  while (end < lines.length && (lines[end] === '' || /^[\s#)\]}]/.test(lines[end]!))) end++;
  return end;
}

/** Edits that leave Python that parses; the half-typed line is a pair (broken, then finished: `HALF_TYPED`). */
const EDITS: Record<string, Edit> = {
  'a number changed': (lines, pick, k) => {
    const i = pick(linesWhere(lines, /^\s+[^#]*\b\d+\.\d+/));
    if (i === undefined) return undefined;
    return lines.map((l, j) => (j === i ? l.replace(/\b(\d+\.\d+)/, `$1${(k % 9) + 1}`) : l));
  },
  'a line added inside a function': (lines, pick, k) => {
    const i = pick(linesWhere(lines, /^\s+return\b/));
    if (i === undefined) return undefined;
    const indent = lines[i]!.match(/^\s*/)![0];
    return [...lines.slice(0, i), `${indent}_edited_${k} = ${k}.5`, ...lines.slice(i)];
  },
  'blank lines added above a function': (lines, pick) => {
    const i = pick(linesWhere(lines, /^def /));
    return i === undefined ? undefined : [...lines.slice(0, i), '', '', ...lines.slice(i)];
  },
  'a comment line added': (lines, pick, k) => {
    const i = pick(lines.map((_, j) => j));
    return i === undefined ? undefined : [...lines.slice(0, i), `# edit ${k}`, ...lines.slice(i)];
  },
  'a function deleted': (lines, pick) => {
    const i = pick(linesWhere(lines, /^def /));
    return i === undefined ? undefined : [...lines.slice(0, i), ...lines.slice(defEnd(lines, i))];
  },
  'a function copied under a new name': (lines, pick, k) => {
    const i = pick(linesWhere(lines, /^def /));
    if (i === undefined) return undefined;
    const copy = lines.slice(i, defEnd(lines, i));
    copy[0] = copy[0]!.replace(/^def (\w+)/, `def $1_copy${k}`);
    return [...lines, '', '', ...copy];
  },
};

/** A return line cut short (an editor's text mid-typing: a syntax error in one function), finished by the next version. */
const HALF_TYPED = 'a return line half-typed';

/**
 * The report without what says how it was computed (time taken, functions from the cache), and
 * without the formulas: their simplification runs on the wall clock (incrementalEdits.test.ts).
 */
function comparable(report: DocumentReport): unknown {
  const { millis: _millis, cached: _cached, version: _version, ...rest } = report;
  return JSON.parse(JSON.stringify(rest), (key, value) => (key === 'formula' ? undefined : value));
}

/** As the worker: the functions on the first screen sent ahead, the formulas computed after the report (caching the reports that wait for them). */
function workerReport(text: string, version: number, cache: FunctionCache): DocumentReport {
  const later: PendingFormula[] = [];
  const report = reportDocument(reportRequest(text, { version, visible: [{ start: 0, end: 45 }] }), cache, undefined, undefined, later, () => {});
  for (const p of later) finishFormula(p, cache);
  return report;
}

/** Edits per document. */
const EDIT_COUNT = 10;

describe('random edits of real-style files, analysed from the last version', () => {
  for (const [d, files] of DOCUMENTS.entries()) {
    it(`gives the report a fresh analysis gives, edit after edit (${files.join(' + ')})`, () => {
      const random = generator(23 + d);
      const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)]);
      forgetEarlierVersions();
      const cache = new FunctionCache();
      let lines = documentOf(files).split('\n');
      let version = 1;
      workerReport(lines.join('\n'), version++, cache);
      let reused = 0;
      let withResults = 0;
      const kinds = [...Object.keys(EDITS), HALF_TYPED];
      let finish: string[] | undefined;
      for (let k = 0; k < EDIT_COUNT; k++) {
        let what: string;
        let next: string[] | undefined;
        if (finish) {
          [what, next, finish] = [`${HALF_TYPED}, finished`, finish, undefined];
        } else {
          what = pick(kinds)!;
          if (what === HALF_TYPED) {
            const i = pick(linesWhere(lines, /^\s+return\b.*\)$/));
            if (i !== undefined) {
              finish = lines;
              next = lines.map((l, j) => (j === i ? l.slice(0, -1) : l));
            }
          } else next = EDITS[what]!(lines, pick, k);
        }
        if (!next) continue;
        lines = next;
        const text = lines.join('\n');
        const incremental = workerReport(text, version++, cache);
        // The fresh analysis parses and lowers afresh; the trees and IR it keeps are this text's, which the next version reads from as it would from the worker's.
        reused += forgetEarlierVersions().reused;
        const fresh = reportDocument(reportRequest(text, { version: version++ }), new FunctionCache());
        assert.deepEqual(comparable(incremental), comparable(fresh), `edit ${k}: ${what}`);
        withResults += incremental.functions.filter((f) => f.result).length;
      }
      // Not vacuous: definitions were reused, and the reports compared hold numbers.
      assert.ok(reused > 20, `reused ${reused}`);
      assert.ok(withResults > 50, `results ${withResults}`);
    });
  }
});
