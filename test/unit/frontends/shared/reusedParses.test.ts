import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@lezer/python';
import { parseBounded, TooDeepForParser } from '../../../../src/frontends/shared/boundedParse';
import { commonEnds, ReusedParses } from '../../../../src/frontends/shared/reusedParses';
import { pythonParserText } from '../../../../src/frontends/python/preParse';

/**
 * Incremental parses (frontends/shared/reusedParses.ts): each version of a text parsed from the
 * last one's tree gives the tree a fresh parse gives, over edits of every kind an editor makes.
 */

const FIXTURES = join(__dirname, '../../../fixtures/real_python');

/** A small deterministic generator: the same edits on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** One edit as an editor makes them: a digit typed, a line added, a line deleted, a word renamed, a bracket opened. */
function edited(text: string, next: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  const line = lines[at]!;
  switch (Math.floor(next() * 5)) {
    case 0:
      lines[at] = line.replace(/\d/, (d) => `${d}${Math.floor(next() * 10)}`);
      break;
    case 1:
      lines.splice(at, 0, `${line.match(/^\s*/)![0]}t_${at} = ${at}.5 * x`);
      break;
    case 2:
      lines.splice(at, 1);
      break;
    case 3:
      lines[at] = line.replace(/\b[a-z_]\w*/, (w) => `${w}_2`);
      break;
    default:
      lines[at] = `${line} (`;
  }
  return lines.join('\n');
}

test('an edited text parsed from its last version gives the fresh parse\'s tree', () => {
  const reuse = new ReusedParses();
  let compared = 0;
  for (const [i, file] of readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).entries()) {
    const next = random(i + 1);
    // Each edit is of the last version without a syntax error: an error typed, then fixed.
    let clean = readFileSync(join(FIXTURES, file), 'utf8');
    for (let k = 0; k < 12; k++) {
      const source = edited(clean, next);
      const text = pythonParserText(source, []).text;
      const fresh = parser.parse(text);
      assert.equal(parseBounded(parser, text, 0, reuse).toString(), fresh.toString(), `${file}, edit ${k + 1}`);
      if (!fresh.toString().includes('⚠')) clean = source;
      compared++;
    }
  }
  // Not vacuous: most were read incrementally (a version with a syntax error is parsed afresh).
  assert.ok(reuse.counts.incremental > compared / 3, JSON.stringify(reuse.counts));
});

test('the version kept is the one that shares most with the text, and a text sharing little is parsed afresh', () => {
  const reuse = new ReusedParses();
  const a = 'def f(x):\n    return x * 2.0\n\n\ndef g(y):\n    return y + 1\n';
  const b = 'import numpy as np\n\n\ndef h(z):\n    return np.sin(z)\n';
  parseBounded(parser, a, 0, reuse);
  parseBounded(parser, b, 0, reuse);
  assert.deepEqual(reuse.counts, { incremental: 0, fresh: 2 });
  const a2 = a.replace('2.0', '2.5');
  assert.equal(parseBounded(parser, a2, 0, reuse).toString(), parser.parse(a2).toString());
  assert.deepEqual(reuse.counts, { incremental: 1, fresh: 2 });
  parseBounded(parser, 'z: int\n', 0, reuse);
  assert.deepEqual(reuse.counts, { incremental: 1, fresh: 3 });
});

test('a version too deep for the parser throws as a fresh parse does', () => {
  const reuse = new ReusedParses();
  const calls = (n: number, inner: string, f: string): string => `${f}(`.repeat(n) + inner + ')'.repeat(n);
  parseBounded(parser, `y = ${calls(1000, '1', 'f')}\n`, 0, reuse);
  assert.throws(() => parseBounded(parser, `y = ${calls(400, calls(1000, '1', 'f'), 'g')}\n`, 0, reuse), TooDeepForParser);
});

test('common ends do not overlap', () => {
  assert.deepEqual(commonEnds('abcabc', 'abc'), { prefix: 3, suffix: 0 });
  assert.deepEqual(commonEnds('aXa', 'aYa'), { prefix: 1, suffix: 1 });
  assert.deepEqual(commonEnds('aa', 'aaa'), { prefix: 2, suffix: 0 });
});

test('common ends of long texts, differing in and across chunks, are the character-by-character ones', () => {
  const naive = (a: string, b: string): { prefix: number; suffix: number } => {
    const most = Math.min(a.length, b.length);
    let prefix = 0;
    while (prefix < most && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < most - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    return { prefix, suffix };
  };
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 16807) % 2147483647) % n);
  const base = Array.from({ length: 5000 }, () => 'ab\n'[random(3)]).join('');
  const at = (i: number, c: string): string => base.slice(0, i) + c + base.slice(i + 1);
  // A difference on either side of a chunk's edge (512 characters), counted from either end.
  for (const i of [0, 1, 510, 511, 512, 513, 1023, 1024, 1025, 4999]) {
    for (const other of [at(i, 'X'), at(base.length - 1 - i, 'X')]) assert.deepEqual(commonEnds(base, other), naive(base, other));
  }
  for (let k = 0; k < 200; k++) {
    const at = random(base.length);
    const cut = random(1200);
    const edits = [base.slice(0, at) + 'XY'.repeat(random(3)) + base.slice(Math.min(base.length, at + cut)), base.slice(0, at), base.slice(at), base + base.slice(0, cut)];
    for (const other of edits) {
      assert.deepEqual(commonEnds(base, other), naive(base, other));
      assert.deepEqual(commonEnds(other, base), naive(other, base));
    }
  }
});
