import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerTypeScript } from '../../src/frontends/typescript/index';
import { printModule } from '../../src/ir/printer';

/**
 * Golden cases: `test/golden/typescript/*.txt`, each case
 *
 *     === name (flags)
 *     TypeScript source
 *     ==>
 *     printModule output
 *
 * Flag: `ranges` prints every node's range. `UPDATE_GOLDEN=1` rewrites the expectations — read every
 * one you commit.
 */
const DIR = join(import.meta.dirname, 'typescript');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  readonly title: string;
  readonly flags: readonly string[];
  readonly source: string;
  readonly expected: string;
}

function parseCases(text: string): Case[] {
  const cases: Case[] = [];
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

function render(c: Case): string {
  const module = lowerTypeScript(c.source, 'file:///golden.ts');
  assert.equal(module.language, 'typescript');
  return printModule(module, { ranges: c.flags.includes('ranges') }).replace(/\s+$/, '');
}

function serialize(cases: readonly Case[]): string {
  return cases
    .map((c) => `=== ${c.title}${c.flags.length ? ` (${c.flags.join(', ')})` : ''}\n${c.source}==>\n${c.expected}\n`)
    .join('\n');
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
  const path = join(DIR, file);
  const cases = parseCases(readFileSync(path, 'utf8'));
  if (UPDATE) {
    writeFileSync(path, serialize(cases.map((c) => ({ ...c, expected: render(c) }))));
    continue;
  }
  for (const c of cases) {
    test(`${file}: ${c.title}`, () => {
      assert.equal(render(c), c.expected);
    });
  }
}
