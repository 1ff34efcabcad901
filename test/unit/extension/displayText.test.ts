import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUDGET_CEILINGS } from '../../../src/core/budget';
import { shownText, withoutBidi } from '../../../src/extension/displayText';

test('a name cannot become an icon or reorder the text in a lens, a notification or a hover', () => {
  assert.equal(shownText('$(x) = 2 · ∇$ = (1)'), '\\$(x) = 2 · ∇$ = (1)');
  assert.equal(shownText('f\u202ex = 1'), 'f\\u202ex = 1');
  assert.equal(withoutBidi('a\u2067b\u200fc'), 'a\\u2067b\\u200fc');
  for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
    assert.ok(!shownText(`x${c}y`).includes(c));
  }
});

test('budget settings are restricted in untrusted workspaces and bounded', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  const props = pkg.contributes.configuration.properties ?? pkg.contributes.configuration[0]?.properties;
  const budgetKeys = Object.keys(props).filter((k) => k.startsWith('gradlens.budget.'));
  assert.deepEqual([...budgetKeys].sort(), [...restricted].sort());
  assert.equal(props['gradlens.budget.maxSteps'].maximum, BUDGET_CEILINGS.maxSteps);
  assert.equal(props['gradlens.budget.maxMillis'].maximum, BUDGET_CEILINGS.maxMillis);
  assert.equal(props['gradlens.budget.maxMemoryMB'].maximum, BUDGET_CEILINGS.maxMemoryMB);
});
