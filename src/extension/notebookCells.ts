import * as vscode from 'vscode';

/**
 * Notebook cells see what the cells above them define (analysis/prelude.ts). These find a cell's
 * neighbours: the code cells of the same language above it (its prelude) and below it (the cells to
 * analyse again when it changes).
 */

function cellOf(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  const uri = document.uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
    if (cell) return cell;
  }
  return undefined;
}

function sameLanguageCells(cell: vscode.NotebookCell, from: number, to: number): vscode.NotebookCell[] {
  return cell.notebook
    .getCells(new vscode.NotebookRange(from, to))
    .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === cell.document.languageId);
}

/** The code of the cells above, joined, or undefined for a file or a first cell. */
export function preludeOf(document: vscode.TextDocument): string | undefined {
  const cell = cellOf(document);
  if (!cell || cell.index === 0) return undefined;
  const above = sameLanguageCells(cell, 0, cell.index);
  return above.length > 0 ? above.map((c) => c.document.getText()).join('\n') : undefined;
}

/** The cells below, whose prelude includes this one. */
export function cellsBelow(document: vscode.TextDocument): vscode.TextDocument[] {
  const cell = cellOf(document);
  if (!cell) return [];
  return sameLanguageCells(cell, cell.index + 1, cell.notebook.cellCount).map((c) => c.document);
}
