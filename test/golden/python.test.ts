import assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinGlobals } from '../../src/frontends/python/globals';
import { lowerPython } from '../../src/frontends/python/index';
import { printModule } from '../../src/ir/printer';
import { runGoldenCases } from './goldenCases';

/**
 * Python golden cases (`test/golden/python/*.txt`). Flags: `ranges` prints every node's range;
 * `builtins` keeps the builtin globals every module starts with (elsewhere they are checked, then
 * left out).
 */
runGoldenCases(join(import.meta.dirname, 'python'), (c) => {
  const module = lowerPython(c.source, 'file:///golden.py');
  const builtins = builtinGlobals();
  assert.deepEqual(module.globals.slice(0, builtins.length), builtins, 'every module starts with the builtin globals');
  const shown = c.flags.includes('builtins') ? module : { ...module, globals: module.globals.slice(builtins.length) };
  return printModule(shown, { ranges: c.flags.includes('ranges') }).replace(/\s+$/, '');
});
