import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/** `gradlens check FILE`'s checks, by the hand-written derivative each one checks. */
export function checksOf(file: string): Map<string, Record<string, any>> {
  const r = runCli(['check', file]);
  return new Map(JSON.parse(r.stdout).checks.map((c: any) => [c.gradient, c]));
}

/**
 * Each slip (`[derivative, right text, wrong text]`) written into a copy of the fixture, and the
 * check of that derivative there: `right` must be in the fixture, or the slip tests nothing.
 */
export function slipChecks(fixture: string, slips: readonly (readonly [string, string, string])[], prefix: string): { slip: readonly [string, string, string]; check: Record<string, any> | undefined }[] {
  const source = readFileSync(fixture, 'utf8');
  const dir = tempDir(prefix);
  return slips.map((slip) => {
    const [name, right, wrong] = slip;
    if (!source.includes(right)) throw new Error(`the fixture has no ${right}`);
    const file = join(dir, `${name}.py`);
    writeFileSync(file, source.replace(right, wrong));
    return { slip, check: checksOf(file).get(name) };
  });
}

/** Each derivative named is checked, matches at 9 points, and compares what `expect` says. */
export function assertAllMatch(checks: Map<string, Record<string, any>>, expect: Record<string, string>): void {
  for (const [name, compared] of Object.entries(expect)) {
    const c = checks.get(name);
    assert.ok(c, `${name} is not checked`);
    assert.equal(c.verdict, 'match', `${name}: ${JSON.stringify(c)}`);
    assert.equal(c.points, 9, name);
    assert.equal(c.compared, compared, name);
  }
}
