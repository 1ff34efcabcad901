/**
 * Golden cases for the math front end: each `test/golden/math/*.txt` holds cases of the form
 *
 *   === case name            (or `=== case name (ranges)` to print every node's range)
 *   source lines
 *   ==>
 *   printModule output
 *
 * `UPDATE_GOLDEN=1` rewrites the expected outputs from the current front end; read the diff before
 * committing it, since a golden file is only as right as the person who accepted it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerMath } from '../../src/frontends/math/index';
import { printModule } from '../../src/ir/printer';

interface GoldenCase {
  readonly header: string;
  readonly name: string;
  readonly ranges: boolean;
  readonly source: string;
  readonly expected: string;
}

const dir = join(import.meta.dirname, 'math');
const update = process.env.UPDATE_GOLDEN === '1';

function parseCases(text: string, file: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const blocks = text.split(/^(?==== )/m).filter((b) => b.trim() !== '');
  for (const block of blocks) {
    const lines = block.split('\n');
    const header = lines[0]!;
    if (!header.startsWith('=== ')) throw new Error(`${file}: text before the first '=== ' case`);
    const arrow = lines.indexOf('==>');
    if (arrow < 0) throw new Error(`${file}: case '${header}' has no '==>' line`);
    const title = header.slice(4).trim();
    const ranges = title.endsWith('(ranges)');
    cases.push({
      header,
      name: ranges ? title.slice(0, -'(ranges)'.length).trim() : title,
      ranges,
      source: trimTrailingBlankLines(lines.slice(1, arrow)).join('\n'),
      expected: trimTrailingBlankLines(lines.slice(arrow + 1)).join('\n'),
    });
  }
  return cases;
}

function trimTrailingBlankLines(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}

function actualOf(c: GoldenCase): string {
  return printModule(lowerMath(c.source, 'file:///golden.md'), { ranges: c.ranges }).trimEnd();
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const path = join(dir, file);
  const cases = parseCases(readFileSync(path, 'utf8'), file);
  if (update) {
    const text = cases.map((c) => [c.header, c.source, '==>', actualOf(c)].filter((part) => part !== '').join('\n') + '\n').join('\n');
    writeFileSync(path, text);
  }
  for (const c of cases) {
    test(`math golden ${file}: ${c.name}`, () => {
      assert.equal(actualOf(c), c.expected);
    });
  }
}
