import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { NeedsFiles } from '../../../src/report/requestedFiles';
import type { DocumentReport, WorkspaceFile } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * The real-style Python corpus (test/fixtures/real_python, test/fixtures/points) analysed as the
 * editor analyses a file with no configuration: default settings, no chosen point, imported
 * workspace files read from disk when the analysis asks for them (the host's part, here in-process).
 */

export const CORPUS_DIRS = [join(__dirname, '..', '..', 'fixtures', 'real_python'), join(__dirname, '..', '..', 'fixtures', 'points')];

export function corpusFiles(): string[] {
  return CORPUS_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.py') && f !== '__init__.py').map((f) => join(dir, f)));
}

/** `real_python/losses.py`: a file's name with its folder's (two corpora have an activations.py). */
export const corpusKey = (path: string): string => `${basename(dirname(path))}/${basename(path)}`;

/** Reads what the analysis asks for, as `extension/workspaceFiles.ts` does: a path that is no file is null. */
function hostRead(uris: readonly string[]): Record<string, WorkspaceFile | null> {
  const out: Record<string, WorkspaceFile | null> = {};
  for (const uri of uris) {
    try {
      const text = readFileSync(fileURLToPath(uri), 'utf8');
      out[uri] = { stamp: '1', bytes: Buffer.byteLength(text), text };
    } catch {
      out[uri] = null;
    }
  }
  return out;
}

/**
 * Time budgets as the ceilings allow: the measurement is of what GradLens can read, and a machine
 * loaded by other work must not turn it into a measure of the clock (steps and memory stay default).
 */
const UNHURRIED = { mode: 'reverse', budget: { maxMillis: 10_000 } } as const;
const DOCUMENT_MILLIS = 300_000;

export function reportFile(path: string): DocumentReport {
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).href;
  const cache = new FunctionCache();
  let files: Record<string, WorkspaceFile | null> = {};
  for (let round = 0; round < 8; round++) {
    try {
      return reportDocument(reportRequest(text, { uri, files, settings: UNHURRIED }), cache, () => false, DOCUMENT_MILLIS);
    } catch (e) {
      if (!(e instanceof NeedsFiles)) throw e;
      files = { ...files, ...hostRead(e.paths) };
    }
  }
  return reportDocument(reportRequest(text, { uri, files, filesComplete: true, settings: UNHURRIED }), cache, () => false, DOCUMENT_MILLIS);
}
