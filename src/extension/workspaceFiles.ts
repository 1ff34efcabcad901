import { MAX_IMPORTED_BYTES } from '../core/budget';
import type { WorkspaceFile } from '../report/report';

/**
 * The extension host's side of imports of the user's own files (`from .helpers import h`): the
 * analysis worker names the files it looks for (URIs), and this reads them — an open document's
 * text as it is in the editor (unsaved edits included), any other file through the workspace file
 * system (`FileAccess`; virtual workspaces work), re-read only when its mtime or size changed. It
 * remembers who imported what, so that a change to a helper re-analyses its importers.
 *
 * No vscode here (`workspaceFileAccess.ts` is the vscode side), so tests drive it with a stand-in.
 */

export interface FileAccess {
  /** The editor's open document at `uri`, if any. */
  openDocument(uri: string): { readonly version: number; readonly text: string } | undefined;
  /** A file's modification time and size; undefined when there is no file there (or a folder). */
  stat(uri: string): Promise<{ readonly mtime: number; readonly size: number } | undefined>;
  readText(uri: string): Promise<string>;
  /** Whether `uri` may be read for `importer`: both in one workspace folder. */
  mayRead(importer: string, uri: string): boolean;
  /**
   * The file a URI the worker derived stands for: beside a notebook cell
   * (`vscode-notebook-cell:/dir/helpers.py`) it is the file beside the notebook, in the notebook's file
   * system. Other URIs are themselves.
   */
  fileOf?(uri: string): string;
}

interface DiskText {
  readonly mtime: number;
  readonly size: number;
  readonly text: string;
}

export class WorkspaceFiles {
  /** Texts read from disk, by URI, with the mtime and size they were read at. */
  private readonly disk = new Map<string, DiskText>();
  /** For each importer, the URIs its last analysis asked for (found or not). */
  private readonly asked = new Map<string, Set<string>>();
  /** How many files were read from the file system (not from the cache or an open editor): for tests. */
  reads = 0;

  constructor(private readonly access: FileAccess) {}

  /**
   * The files at `uris` as `importer`'s analysis needs them (null: none there, or outside its
   * workspace folder). `fresh`: a new analysis begins, forgetting what the last one asked for.
   */
  async read(importer: string, uris: readonly string[], fresh = false): Promise<Record<string, WorkspaceFile | null>> {
    let mine = this.asked.get(importer);
    if (!mine || fresh) this.asked.set(importer, (mine = new Set()));
    const out: Record<string, WorkspaceFile | null> = {};
    await Promise.all(
      uris.map(async (uri) => {
        mine!.add(uri);
        out[uri] = await this.file(this.fileOf(importer), this.fileOf(uri));
      }),
    );
    return out;
  }

  private async file(importer: string, uri: string): Promise<WorkspaceFile | null> {
    if (uri === importer || !this.access.mayRead(importer, uri)) return null;
    const open = this.access.openDocument(uri);
    if (open) return { stamp: `open:${open.version}:${open.text.length}`, bytes: open.text.length, text: open.text };
    let stat: { mtime: number; size: number } | undefined;
    try {
      stat = await this.access.stat(uri);
    } catch {
      stat = undefined;
    }
    if (!stat) {
      this.disk.delete(uri);
      return null;
    }
    const stamp = `disk:${stat.mtime}:${stat.size}`;
    if (stat.size > MAX_IMPORTED_BYTES) return { stamp, bytes: stat.size };
    const known = this.disk.get(uri);
    if (known && known.mtime === stat.mtime && known.size === stat.size) return { stamp, bytes: known.text.length, text: known.text };
    let text: string;
    try {
      text = await this.access.readText(uri);
    } catch {
      return null;
    }
    this.reads++;
    this.disk.set(uri, { mtime: stat.mtime, size: stat.size, text });
    return { stamp, bytes: text.length, text };
  }

  /** What `importer`'s last analysis asked for: read ahead of the next one, to spare a round trip. */
  remembered(importer: string): string[] {
    return [...(this.asked.get(importer) ?? [])];
  }

  /** The importers whose last analysis read (or looked for) the file `uri`. */
  importersOf(uri: string): string[] {
    return [...this.asked].filter(([, uris]) => [...uris].some((u) => this.fileOf(u) === uri)).map(([importer]) => importer);
  }

  private fileOf(uri: string): string {
    return this.access.fileOf?.(uri) ?? uri;
  }

  /** `uri` changed on disk (saved, created, deleted): read it again next time. Gives its importers. */
  changed(uri: string): string[] {
    this.disk.delete(uri);
    return this.importersOf(uri);
  }

  /** The importer was closed. */
  forget(importer: string): void {
    this.asked.delete(importer);
  }
}
