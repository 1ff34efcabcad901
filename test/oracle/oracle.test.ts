/**
 * The independent oracle: for every fixture in test/oracle/fixtures (made by make_fixtures.py from
 * PyTorch float64, cross-checked against exact SymPy and finite differences), run the product's CLI
 * in-process on the corpus file, with the point taken from the file's own `@at` annotation, and
 * compare value, gradient or Jacobian and Hessian. Then again with `--mode forward`.
 *
 * Tolerance: |engine - torch| <= 1e-12 + 1e-10 * |torch|, entry by entry (see README.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { runCli } from '../../src/cli/main';
import { poisonReleasedArrays } from '../../src/engine/array/arena';

// Every case reuses buffers the previous one released (the CLI releases its trace): poisoned, so an
// element an operation left unwritten, or a buffer read after release, shows as NaN against torch.
poisonReleasedArrays(true);

const REL_TOL = 1e-10;
const ABS_TOL = 1e-12;

const ORACLE_DIR = __dirname;
const REPO = resolve(ORACLE_DIR, '..', '..');
const FIXTURE_DIR = join(ORACLE_DIR, 'fixtures');

interface FixtureCase {
  function: string;
  at: Record<string, unknown>;
  value: number | number[];
  gradient?: Record<string, number>;
  jacobian?: Record<string, number[]>;
  hessian?: number[][];
}

interface Fixture {
  generator: string;
  file: string;
  cases: FixtureCase[];
}


function fmt(n: unknown): string {
  return typeof n === 'number' ? String(n) : JSON.stringify(n);
}

/** Appends one line per mismatch between `actual` (engine) and `expected` (torch) to `out`. */
function compareNumbers(label: string, actual: unknown, expected: number | number[] | number[][], out: string[]): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${label}: engine ${fmt(actual)} vs torch ${fmt(expected)} (shape differs)`);
      return;
    }
    expected.forEach((e, i) => compareNumbers(`${label}[${i}]`, actual[i], e, out));
    return;
  }
  if (typeof actual !== 'number') {
    out.push(`${label}: engine ${fmt(actual)} vs torch ${expected} (not a number)`);
    return;
  }
  const diff = Math.abs(actual - expected);
  const tol = ABS_TOL + REL_TOL * Math.abs(expected);
  if (!(diff <= tol)) {
    out.push(`${label}: engine ${actual} vs torch ${expected} (|diff| ${diff.toExponential(2)} > tol ${tol.toExponential(2)})`);
  }
}

function compareRecord(label: string, actual: unknown, expected: Record<string, number | number[]>, out: string[]): void {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    out.push(`${label}: engine ${fmt(actual)} vs torch ${fmt(expected)} (not an object)`);
    return;
  }
  const got = actual as Record<string, unknown>;
  for (const [param, e] of Object.entries(expected)) {
    if (!(param in got)) out.push(`${label}.${param}: missing (torch ${fmt(e)})`);
    else compareNumbers(`${label}.${param}`, got[param], e, out);
  }
  for (const param of Object.keys(got)) {
    if (!(param in expected)) out.push(`${label}.${param}: engine ${fmt(got[param])}, not a parameter torch knows`);
  }
}

function run(argv: string[]): Record<string, unknown> {
  const result = runCli(argv);
  const shown = `gradlens ${argv.join(' ')}`;
  assert.equal(result.exitCode, 0, `${shown} exited ${result.exitCode}\nstderr: ${result.stderr}\nstdout: ${result.stdout}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch (err) {
    assert.fail(`${shown} printed something that is not JSON (${(err as Error).message}):\n${result.stdout}`);
  }
  assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `${shown} printed ${result.stdout}`);
  return parsed as Record<string, unknown>;
}

/** Checks one CLI answer against one fixture case; `withHessian` also checks the Hessian. */
function check(out: Record<string, unknown>, c: FixtureCase, withHessian: boolean): void {
  const problems: string[] = [];
  if (out.function !== c.function) problems.push(`function: engine ${fmt(out.function)} vs ${c.function}`);
  compareRecord('at', out.at, c.at as Record<string, number | number[]>, problems);
  compareNumbers('value', out.value, c.value, problems);
  if (c.gradient) compareRecord('gradient', out.gradient, c.gradient, problems);
  if (c.jacobian) compareRecord('jacobian', out.jacobian, c.jacobian, problems);
  if (withHessian && c.hessian) compareNumbers('hessian', out.hessian, c.hessian, problems);
  if (!Array.isArray(out.warnings)) problems.push(`warnings: engine ${fmt(out.warnings)} (expected an array)`);
  if (problems.length > 0) {
    assert.fail(`${problems.length} mismatch(es) with the torch oracle:\n  ${problems.join('\n  ')}`);
  }
}

function loadFixtures(): { name: string; fixture: Fixture }[] {
  if (!existsSync(FIXTURE_DIR)) return [];
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, fixture: JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as Fixture }));
}

/** The `@at` annotations of a corpus file, read the way make_fixtures.py reads them. */
function annotations(path: string): Map<string, Record<string, unknown>> {
  const isMath = path.endsWith('.math');
  const isTs = path.endsWith('.ts');
  const atRe = isMath ? /^@at (.+)$/ : isTs ? /^\/\/ @at (.+)$/ : /^# @at (.+)$/;
  const defRe = isMath ? /^([A-Za-z_]\w*)\(/ : isTs ? /^(?:export )?(?:function|const) ([A-Za-z_]\w*)\b/ : /^def ([A-Za-z_]\w*)\(/;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const found = new Map<string, Record<string, unknown>>();
  lines.forEach((line, i) => {
    const at = atRe.exec(line);
    const def = at ? defRe.exec(lines[i + 1] ?? '') : null;
    if (!at || !def) return;
    const point: Record<string, unknown> = {};
    // Values are numbers or nested lists (arrays): split before each `name=`, read the value as JSON.
    for (const pair of at[1]!.split(/, (?=[A-Za-z_]\w*=)/)) {
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      point[name] = JSON.parse(value);
    }
    found.set(def[1]!, point);
  });
  return found;
}

const fixtures = loadFixtures();

test('oracle fixtures exist and match the corpus annotations (regenerate with npm run fixtures)', () => {
  assert.ok(fixtures.length > 0, `no fixtures in ${FIXTURE_DIR}: run /usr/bin/python3 test/oracle/make_fixtures.py`);
  for (const { name, fixture } of fixtures) {
    const path = resolve(REPO, fixture.file);
    assert.ok(existsSync(path), `${name}: ${fixture.file} does not exist`);
    const points = annotations(path);
    assert.deepEqual(
      fixture.cases.map((c) => c.function),
      [...points.keys()],
      `${name} is stale: its functions differ from the @at annotations in ${fixture.file}`,
    );
    for (const c of fixture.cases) {
      assert.deepEqual(c.at, points.get(c.function), `${name}: ${c.function} is stale: the @at point changed`);
      assert.ok((c.gradient === undefined) !== (c.jacobian === undefined), `${name}: ${c.function} needs gradient or jacobian`);
    }
  }
});

for (const { name, fixture } of fixtures) {
  const file = resolve(REPO, fixture.file);
  const short = basename(fixture.file);
  test(`oracle ${name} (${fixture.generator})`, async (t) => {
    for (const c of fixture.cases) {
      await t.test(`${short}:${c.function}`, async (t2) => {
        // A tuple output has a Jacobian and no Hessian, so --hessian is asked only where torch has one.
        const reverseArgs = ['grad', file, '--function', c.function, ...(c.hessian ? ['--hessian'] : [])];
        await t2.test(c.hessian ? 'default mode, --hessian' : 'default mode', () => {
          check(run(reverseArgs), c, true);
        });
        await t2.test('--mode forward', () => {
          check(run(['grad', file, '--function', c.function, '--mode', 'forward']), c, false);
        });
      });
    }
  });
}
