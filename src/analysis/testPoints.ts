import type { IrPoint, Language } from '../ir/nodes';
import { lowerDocument } from './languages';
import { MAX_IMPORTED_BYTES, pythonCandidates, typescriptCandidates, type ModuleSourceProvider } from './moduleImports';

/**
 * Points from a file's tests: calls in its sibling test files (`test_rosen.py`, `rosen_test.py`,
 * `tests/test_rosen.py`; `rosen.test.ts`, `rosen.spec.js`, `__tests__/rosen.test.ts`) of the
 * functions they import from it, whose arguments the front end can read without running anything
 * (`assert rosen(np.array([1.0, 1.0])) == 0`, `expect(f(2)).toBe(4)`). The test file is read through
 * the same `ModuleSourceProvider` as workspace imports (the CLI's disk, the editor's workspace file
 * system), lowered by its front end, and its call sites of names imported from this file kept.
 */
export interface TestPoint {
  /** The tested file's function (its name as the test file imports it). */
  readonly function: string;
  /** The call's arguments, as the test file's front end read them. */
  readonly point: IrPoint;
  /** The test file, as the provider named it. */
  readonly file: string;
  /** One-based line of the call in it. */
  readonly line: number;
}

function split(path: string): { dir: string; name: string } {
  const i = path.lastIndexOf('/');
  return i < 0 ? { dir: '', name: path } : { dir: path.slice(0, i + 1), name: path.slice(i + 1) };
}

/** The test files that may hold tests of `path`, nearest first; none for a file that is itself a test. */
export function testFilesOf(path: string, language: Language): string[] {
  const { dir, name } = split(path);
  const parent = split(dir.replace(/\/$/, '')).dir;
  const dirs = [dir, `${dir}tests/`, `${dir}test/`, ...(parent ? [`${parent}tests/`, `${parent}test/`] : [])];
  if (language === 'python') {
    const stem = name.replace(/\.py$/, '');
    if (stem === name || stem.startsWith('test_') || stem.endsWith('_test')) return [];
    return dirs.flatMap((d) => [`${d}test_${stem}.py`, `${d}${stem}_test.py`]);
  }
  if (language === 'typescript') {
    const m = /^(.*)\.(ts|tsx|js|mjs|cjs)$/.exec(name);
    if (!m || /\.(test|spec)$/.test(m[1]!)) return [];
    const exts = [...new Set([m[2]!, 'ts', 'js'])];
    return [...dirs.slice(0, 1), `${dir}__tests__/`, ...dirs.slice(1)].flatMap((d) => ['test', 'spec'].flatMap((kind) => exts.map((e) => `${d}${m[1]}.${kind}.${e}`)));
  }
  return [];
}

/** Every readable call of one of `functions` in the test files of `path`. */
export function pointsFromTests(path: string, language: Language, functions: ReadonlySet<string>, provider: ModuleSourceProvider | undefined): TestPoint[] {
  if (!provider) return [];
  const out: TestPoint[] = [];
  for (const file of testFilesOf(path, language)) {
    const text = provider.read(file);
    if (typeof text !== 'string' || text.length > MAX_IMPORTED_BYTES) continue;
    const module = provider.lowered?.(file, text, language) ?? lowerDocument(text, file, language);
    // The test file's names for this file's functions: `from rosen_mod import rosen as r`, `import { f } from './f'`.
    const tested = new Map<string, string>();
    for (const imp of module.imports ?? []) {
      const candidates = language === 'python' ? pythonCandidates(file, imp.specifier) : typescriptCandidates(file, imp.specifier);
      if (!candidates.includes(path)) continue;
      for (const n of imp.names) if (functions.has(n.imported)) tested.set(n.local, n.imported);
    }
    for (const point of module.points) {
      const fn = point.source === 'call-site' ? tested.get(point.function) : undefined;
      if (fn !== undefined) out.push({ function: fn, point, file, line: point.range.start.line + 1 });
    }
  }
  return out;
}
