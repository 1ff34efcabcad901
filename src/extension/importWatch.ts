import * as vscode from 'vscode';
import type { DocumentStore } from './documents';
import type { WorkspaceFiles } from './workspaceFiles';

/**
 * Keeps importers up to date: an edit to an open helper, a change on disk (a save, another tool, a
 * file created where an import looked for one, or deleted), or closing a helper with unsaved edits
 * re-analyses every open document whose last analysis read that file.
 */
export function watchImports(files: WorkspaceFiles, store: DocumentStore): vscode.Disposable {
  const importersOf = (uri: vscode.Uri, onDisk: boolean): void => {
    const key = uri.toString();
    for (const importer of onDisk ? files.changed(key) : files.importersOf(key)) store.importChanged(importer);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,ts,tsx,js,mjs,cjs}');
  return vscode.Disposable.from(
    watcher,
    watcher.onDidChange((uri) => importersOf(uri, true)),
    watcher.onDidCreate((uri) => importersOf(uri, true)),
    watcher.onDidDelete((uri) => importersOf(uri, true)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) importersOf(e.document.uri, false);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      files.forget(d.uri.toString());
      importersOf(d.uri, false);
    }),
  );
}
