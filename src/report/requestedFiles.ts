import type { IrModule, Language } from '../ir/nodes';
import { lowerDocument } from '../analysis/languages';
import { MAX_IMPORTED_BYTES, type ModuleSourceProvider, type TooLarge } from '../analysis/moduleImports';
import type { WorkspaceFile } from './report';

/**
 * The worker's side of imports of the user's own files in the editor. The worker cannot read the
 * workspace (only the extension host has `workspace.fs`), so a request carries the imported files
 * the host has read; a path the analysis asks for that the request does not hold is a miss, and the
 * host reads the misses and asks again (`NeedsFiles`). Files are lowered once per text: a re-analysis
 * of the importer does not lower an unchanged helper again.
 */

/** The analysis asked for files the request did not carry: the host reads them and asks again. */
export class NeedsFiles extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`needs ${paths.length} workspace files`);
  }
}

/**
 * Lowered files by path, kept while their text is the same: imported files, and the documents
 * analysed (a report's rounds for the files it imports, then its graph and derivative-source
 * requests, lower the document once). The IR is read-only once lowered, so one module serves every
 * analysis of that text. Bounded, oldest out first.
 */
export class LoweredFiles {
  private readonly entries = new Map<string, { text: string; language: Language; above: string | undefined; module: IrModule }>();
  /** Lowerings done and answered from here: for tests. */
  readonly counts = { lowered: 0, reused: 0 };
  constructor(private readonly capacity = 64) {}
  /** `above`: a notebook cell's prelude (lowerDocument's), part of the key. */
  lowered(path: string, text: string, language: Language, above?: string): IrModule {
    const hit = this.entries.get(path);
    if (hit && hit.text === text && hit.language === language && hit.above === above) {
      this.counts.reused++;
      return hit.module;
    }
    const module = lowerDocument(text, path, language, above);
    this.counts.lowered++;
    this.entries.delete(path);
    this.entries.set(path, { text, language, above, module });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return module;
  }
}

export class RequestedFiles implements ModuleSourceProvider {
  readonly missing: string[] = [];
  constructor(
    private readonly files: Readonly<Record<string, WorkspaceFile | null>>,
    private readonly lowering: LoweredFiles,
    /** The host read all it could: a path not here is no file. */
    private readonly complete: boolean,
  ) {}

  read(path: string): string | TooLarge | undefined {
    if (!Object.hasOwn(this.files, path)) {
      if (!this.complete && !this.missing.includes(path)) this.missing.push(path);
      return undefined;
    }
    const file = this.files[path];
    if (!file) return undefined;
    return file.text === undefined || file.bytes > MAX_IMPORTED_BYTES ? { bytes: file.bytes } : file.text;
  }

  lowered(path: string, text: string, language: Language): IrModule {
    return this.lowering.lowered(path, text, language);
  }
}

/** What the per-function cache must see of the imported files: each one's path and version. */
export function filesKey(files: Readonly<Record<string, WorkspaceFile | null>> | undefined): string {
  if (!files) return '';
  return Object.keys(files)
    .sort()
    .map((p) => `${p}=${files[p]?.stamp ?? '-'}`)
    .join('\u0002');
}
