import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { FileAccess } from './workspaceFiles';

/**
 * `FileAccess` through VS Code: open documents from the editor, other files through
 * `workspace.fs` (any file system provider, so virtual workspaces work), limited to the importer's
 * workspace folder (or, for a file outside every folder, to its own folder and those below).
 *
 * Files of the `file:` scheme are read from the disk here: they are the extension host's own disk
 * (locally and in a remote window alike), and `workspace.fs` first makes a round trip to the
 * window before each call (to activate the scheme's provider), which answers late while it is busy
 * opening a file — a just-opened file's 10 sibling test-file paths took 65–1,900 ms to look up in
 * the cold bench, on the first lenses' path.
 */
export function vscodeFileAccess(): FileAccess {
  return {
    openDocument(uri) {
      const d = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri);
      return d ? { version: d.version, text: d.getText() } : undefined;
    },
    async stat(uri) {
      const u = vscode.Uri.parse(uri);
      try {
        if (u.scheme === 'file') {
          const s = await fs.stat(u.fsPath);
          return s.isFile() ? { mtime: s.mtimeMs, size: s.size } : undefined;
        }
        const s = await vscode.workspace.fs.stat(u);
        return s.type & vscode.FileType.File ? { mtime: s.mtime, size: s.size } : undefined;
      } catch {
        return undefined;
      }
    },
    async readText(uri) {
      const u = vscode.Uri.parse(uri);
      return new TextDecoder().decode(u.scheme === 'file' ? await fs.readFile(u.fsPath) : await vscode.workspace.fs.readFile(u));
    },
    fileOf(uri) {
      const u = vscode.Uri.parse(uri);
      if (u.scheme !== 'vscode-notebook-cell') return uri;
      // A cell's URI is its notebook's with another scheme: the notebook tells the real one.
      const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);
      const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === u.path) ?? vscode.workspace.notebookDocuments.find((nb) => u.path.startsWith(folderOf(nb.uri.path)));
      return (notebook ? notebook.uri.with({ path: u.path }) : u.with({ scheme: 'file', fragment: '' })).toString();
    },
    mayRead(importer, uri) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(importer));
      if (!folder) return uri.startsWith(importer.slice(0, importer.lastIndexOf('/') + 1));
      return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.uri.toString() === folder.uri.toString();
    },
  };
}
