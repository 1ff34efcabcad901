import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The golden-case format the code front ends share (`test/golden/<language>/*.txt`):
 *
 *     === name (flags)
 *     source
 *     ==>
 *     printModule output
 *
 * Each case becomes one test comparing `render(case)` with its expectation. `UPDATE_GOLDEN=1`
 * rewrites the expectations instead — read every one you commit: a golden file is only as right as
 * the person who accepted it.
 */
export interface GoldenCase {
  readonly title: string;
  readonly flags: readonly string[];
  readonly source: string;
  readonly expected: string;
}

function parseCases(text: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const newline = block.indexOf('\n');
    const header = block.slice(0, newline).trim();
    const body = block.slice(newline + 1);
    const sep = body.search(/^==>$/m);
    if (sep < 0) throw new Error(`golden case '${header}' has no ==> line`);
    const m = /^(.*?)(?:\s+\(([\w, ]+)\))?$/.exec(header)!;
    cases.push({
      title: m[1]!,
      flags: m[2] ? m[2].split(',').map((f) => f.trim()) : [],
      source: body.slice(0, sep),
      expected: body.slice(sep + 4).replace(/\s+$/, ''),
    });
  }
  return cases;
}

function serialize(cases: readonly GoldenCase[]): string {
  return cases
    .map((c) => `=== ${c.title}${c.flags.length ? ` (${c.flags.join(', ')})` : ''}\n${c.source}==>\n${c.expected}\n`)
    .join('\n');
}

export function runGoldenCases(dir: string, render: (c: GoldenCase) => string): void {
  const update = process.env.UPDATE_GOLDEN === '1';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const path = join(dir, file);
    const cases = parseCases(readFileSync(path, 'utf8'));
    if (update) {
      writeFileSync(path, serialize(cases.map((c) => ({ ...c, expected: render(c) }))));
      continue;
    }
    for (const c of cases) {
      test(`${file}: ${c.title}`, () => {
        assert.equal(render(c), c.expected);
      });
    }
  }
}
