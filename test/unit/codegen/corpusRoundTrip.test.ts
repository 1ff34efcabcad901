/**
 * The round trip over every function of the oracle corpora: GradLens writes its gradient as source,
 * reads the text back with its own front end and runs it at the function's point and eight nearby
 * ones against AD (1e-10 relative; analysis/derivativeSource.ts). A function it cannot write is
 * listed with its reason; a function whose code it wrote but that disagrees is a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { languageForPath } from '../../../src/analysis/languages';
import { derivativeSource, SOURCE_CHECK_POINTS } from '../../../src/analysis/derivativeSource';

const CORPUS = join(__dirname, '..', '..', 'oracle', 'corpus');

interface Tally {
  written: string[];
  refused: string[];
  fewerPoints: string[];
}

function roundTrip(file: string, tally: Tally, failures: string[]): void {
  const path = join(CORPUS, file);
  const language = languageForPath(path)!;
  const text = readFileSync(path, 'utf8');
  const doc = DocumentAnalysis.fromText(text, path, language);
  for (const f of doc.functions()) {
    const name = `${file}:${f.ir.name}`;
    const generated = derivativeSource(doc, f.ir.name, { text, uri: path });
    if (generated.ok) {
      tally.written.push(name);
      if (generated.value.checkedPoints < SOURCE_CHECK_POINTS) tally.fewerPoints.push(`${name} (${generated.value.checkedPoints})`);
    } else if (generated.error.code === 'internal') {
      failures.push(`${name}: ${generated.error.message}`);
    } else {
      tally.refused.push(`${name}: ${generated.error.message}`);
    }
  }
}

test('every oracle-corpus function GradLens writes as code reads back and matches AD at its points', () => {
  const tally: Tally = { written: [], refused: [], fewerPoints: [] };
  const failures: string[] = [];
  for (const file of readdirSync(CORPUS).sort()) roundTrip(file, tally, failures);
  const total = tally.written.length + tally.refused.length + failures.length;
  console.log(`derivative source: ${tally.written.length} of ${total} corpus functions written and checked; ${tally.refused.length} refused:\n  ${tally.refused.join('\n  ')}`);
  console.log(`refusals by reason (largest first):\n${reasonHistogram(tally.refused)}`);
  if (tally.fewerPoints.length) console.log(`checked at fewer than ${SOURCE_CHECK_POINTS} points (the rest outside the domain): ${tally.fewerPoints.join(', ')}`);
  assert.deepEqual(failures, []);
  assert.ok(tally.written.length >= MIN_WRITTEN, `only ${tally.written.length} functions written (at least ${MIN_WRITTEN} were)`);
});

/**
 * The refusals grouped by reason: each message with its names taken out (`a call of Value of a
 * differentiated value` and `a call of Node …` are one reason), so the largest buckets show what to
 * write next.
 */
function reasonHistogram(refused: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const line of refused) {
    const message = line.slice(line.indexOf(': ') + 2);
    const reason = message
      .replace(/^no point for .*/s, 'no point (not a codegen limit)')
      .replace(/^\S+ is a method: .*/, 'a method')
      .replace(/^(\S+) returns several values of arrays.*/, 'several returned arrays')
      .replace(/^the function returned .*/, 'returns a function or object')
      .replace(/a call of \S+ of/, 'a call of NAME of')
      .replace(/^\S+ (takes|collects) .*/, 'calls with extra arguments')
      .replace(/^[\w.]+: (?=\w)/, '');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `  ${String(n).padStart(3)}  ${r}`).join('\n');
}

/** How many the generator wrote when this test was last raised: coverage may grow, never shrink. */
const MIN_WRITTEN = 163;
