import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lowerTypeScript } from '../../src/frontends/typescript/index';
import { printModule } from '../../src/ir/printer';
import { runGoldenCases } from './goldenCases';

/** TypeScript golden cases (`test/golden/typescript/*.txt`). Flag: `ranges` prints every node's range. */
runGoldenCases(join(import.meta.dirname, 'typescript'), (c) => {
  const module = lowerTypeScript(c.source, 'file:///golden.ts');
  assert.equal(module.language, 'typescript');
  return printModule(module, { ranges: c.flags.includes('ranges') }).replace(/\s+$/, '');
});
