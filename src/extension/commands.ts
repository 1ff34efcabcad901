import { diagnosticText } from '../core/diagnosticText';
import { shownText } from './displayText';
import * as vscode from 'vscode';
import { parsePointArgument } from '../analysis/points';
import { functionAt, languageOf, type DocumentStore } from './documents';
import { copiedName, copyPreview, COPY_FORMATS, gradientAs, type CopyFormat } from './copyFormats';
import { resultTitle } from './titles';
import { pointText, validatePoint } from './pointInput';
import type { FunctionReport } from '../report/report';
import { settingsFor } from './settings';
import { formatPoint, pointValueText } from '../report/format';

/**
 * "Differentiate at Point…" and "Copy Gradient". Both act on the function under the cursor, or the
 * one a lens or hover link names, or one picked from a list.
 */

export interface FunctionTarget {
  readonly document: vscode.TextDocument;
  readonly fn: FunctionReport;
}

/** Resolves the function a command is about: explicit (uri, name), under the cursor, or picked. */
export async function targetFunction(store: DocumentStore, uri?: vscode.Uri, name?: string): Promise<FunctionTarget | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !store.isEnabled(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('GradLens: open a Python, TypeScript, JavaScript or math-notes file first.'));
    return undefined;
  }
  const report = await store.reportFor(document);
  if (!report || report.functions.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('GradLens found no functions in this file.'));
    return undefined;
  }
  if (name) {
    const fn = report.functions.find((f) => f.name === name);
    return fn ? { document, fn } : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const fn = functionAt(report, editor.selection.active);
    if (fn) return { document, fn };
  }
  if (report.functions.length === 1) return { document, fn: report.functions[0]! };
  const picked = await vscode.window.showQuickPick(
    report.functions.map((f) => ({ label: shownText(f.name), description: `(${f.params.join(', ')})`, detail: `line ${f.nameRange.start.line + 1}`, fn: f })),
    { placeHolder: vscode.l10n.t('Which function?') },
  );
  return picked ? { document, fn: picked.fn } : undefined;
}

export async function differentiateAtPoint(store: DocumentStore, uri?: vscode.Uri, name?: string): Promise<void> {
  const target = await targetFunction(store, uri, name);
  if (!target) return;
  const { document, fn } = target;
  const prefill = store.lastUsedPoint(document, fn.name) ?? fn.point?.values ?? fn.shapedPoint ?? Object.fromEntries(fn.params.map((p, i) => [p, i + 1]));
  const text = await vscode.window.showInputBox({
    title: shownText(vscode.l10n.t('GradLens: differentiate {0}', `${fn.name}(${fn.params.join(', ')})`)),
    prompt: vscode.l10n.t('The point, as name=value pairs (values are numbers or [lists]), e.g. x1=1.5, x2=0.5'),
    value: pointText(prefill, fn.params),
    validateInput: (t) => validatePoint(t, fn),
  });
  if (text === undefined) return;
  const parsed = parsePointArgument(text.replace(/;/g, ','));
  if (!parsed.ok) return;
  await store.rememberPoint(document, fn.name, parsed.value);
  const report = await store.reportFor(document);
  const now = report?.functions.find((f) => f.name === fn.name);
  if (!now) return;
  if (now.result) {
    const copy = vscode.l10n.t('Copy Gradient');
    const graph = vscode.l10n.t('Show Graph');
    const choice = await vscode.window.showInformationMessage(shownText(`GradLens: ${resultTitle(now, settingsFor(document).precision, languageOf(document) ?? 'python')}`), copy, graph);
    if (choice === copy) await copyGradient(store, document.uri, fn.name);
    if (choice === graph) await vscode.commands.executeCommand('gradlens.showGraph', document.uri, fn.name);
  } else {
    const why = now.error ?? now.errors[0];
    // The point as the lens writes it (`lg(−1)`): GradLens's number format, not the text as typed.
    const at = formatPoint(parsed.value, fn.params, settingsFor(document).precision, languageOf(document), pointValueText);
    void vscode.window.showErrorMessage(shownText(vscode.l10n.t('GradLens: {0}({1}): {2}', fn.name, at, why ? vscode.l10n.t('{0} (line {1})', diagnosticText(why, settingsFor(document).precision), why.range.start.line + 1) : vscode.l10n.t('no result'))));
  }
}

/** "Use @at point" (a lens under an error at the last-used point, a hover link): back to the file's point. */
export async function useFilePoint(store: DocumentStore, uri?: vscode.Uri, name?: string): Promise<void> {
  const target = await targetFunction(store, uri, name);
  if (target) await store.forgetPoint(target.document, target.fn.name);
}

export async function copyGradient(store: DocumentStore, uri?: vscode.Uri, name?: string, format?: CopyFormat): Promise<void> {
  const target = await targetFunction(store, uri, name);
  if (!target) return;
  const { fn } = target;
  const what = copiedName(fn);
  if (!what) {
    const why = fn.error ? ` — ${diagnosticText(fn.error, settingsFor(target.document).precision)}` : fn.point ? '' : vscode.l10n.t(' (no point: run "Differentiate at Point…")');
    void vscode.window.showWarningMessage(shownText(vscode.l10n.t('GradLens: no gradient for {0} yet{1}.', fn.name, why)));
    return;
  }
  const chosen =
    format ??
    (
      await vscode.window.showQuickPick(
        COPY_FORMATS.map((f) => ({ label: f.label, description: copyPreview(f.format, fn), format: f.format })),
        { placeHolder: vscode.l10n.t('Copy {0} as…', what) },
      )
    )?.format;
  if (!chosen) return;
  await vscode.env.clipboard.writeText(gradientAs(chosen, fn));
  void vscode.window.showInformationMessage(vscode.l10n.t('GradLens: copied {0} as {1}.', what, COPY_FORMATS.find((f) => f.format === chosen)!.label));
}
