import * as vscode from 'vscode';
import type { AnalysisClient } from './analysisClient';
import { targetFunction } from './commands';
import { functionAt, toRange, type DocumentStore } from './documents';
import { shownText } from './displayText';
import type { TextEdit } from '../analysis/bodyReplacement';
import type { DerivativeSource } from '../analysis/derivativeSource';
import type { DocumentReport, FunctionReport } from '../report/report';

/**
 * The derivative as code in the editor: "GradLens: Show Derivative Source" opens the generated
 * gradient (already checked against AD on the worker) read-only beside the function, from a
 * document of our own scheme; the code actions "Replace with GradLens's derivative" (over a ✗
 * hand-written gradient: its statements only, the signature, docstring and leading comments kept)
 * and "Insert gradient function" (under a function without one) write it into the file as one
 * undoable edit.
 */

export const DERIVATIVE_SCHEME = 'gradlens-derivative';
export const SHOW_DERIVATIVE_SOURCE = 'gradlens.showDerivativeSource';

const EXTENSIONS: Readonly<Record<DerivativeSource['language'], string>> = { python: 'py', typescript: 'ts', javascript: 'js', math: 'md' };

/** The generated texts, by the URI of the read-only document that shows each. */
export class DerivativeSourceView implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The function a derivative is generated for: a hand-written gradient's own function, else itself. */
function differentiated(report: DocumentReport | undefined, fn: FunctionReport): string {
  return fn.check && report?.functions.some((f) => f.name === fn.check!.of) ? fn.check.of : fn.name;
}

async function generate(store: DocumentStore, client: AnalysisClient, document: vscode.TextDocument, name: string, replacing?: string): Promise<(DerivativeSource & { replacement?: TextEdit }) | undefined> {
  const outcome = await client.source({ document: store.requestFor(document), name, ...(replacing === undefined ? {} : { replacing }) });
  if (outcome.ok) return outcome.value;
  const line = outcome.error.range.start.line + 1;
  void vscode.window.showErrorMessage(shownText(vscode.l10n.t('GradLens cannot write the derivative of {0} as code: {1} (line {2})', name, outcome.error.message, line)));
  return undefined;
}

export async function showDerivativeSource(store: DocumentStore, client: AnalysisClient, view: DerivativeSourceView, uri?: vscode.Uri, name?: string): Promise<void> {
  const target = await targetFunction(store, uri, name);
  if (!target) return;
  const { document, fn } = target;
  const of = differentiated(store.latest(document), fn);
  const generated = await generate(store, client, document, of);
  if (!generated) return;
  const shown = vscode.Uri.from({ scheme: DERIVATIVE_SCHEME, path: `/${generated.name}.${EXTENSIONS[generated.language]}`, query: document.uri.toString() });
  view.set(shown, generated.text);
  const opened = await vscode.workspace.openTextDocument(shown);
  await vscode.window.showTextDocument(opened, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
}

/** The generated function renamed, indented to sit where `at` starts (a method, a nested def). */
export function placedFunction(generated: DerivativeSource, name: string, indent: string): string {
  const renamed = generated.functionText.replace(new RegExp(`\\b${generated.name}\\(`), `${name}(`);
  return renamed
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}

interface PendingAction extends vscode.CodeAction {
  readonly work: { readonly document: vscode.TextDocument; readonly of: string; readonly replace?: FunctionReport; readonly after?: FunctionReport };
}

export class DerivativeCodeActions implements vscode.CodeActionProvider<PendingAction> {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  constructor(
    private readonly store: DocumentStore,
    private readonly client: AnalysisClient,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): PendingAction[] {
    const report = this.store.latest(document);
    const fn = report && functionAt(report, range.start);
    if (!report || !fn || fn.errors.length > 0) return [];
    const check = fn.check;
    if (check) {
      const wrong = check.outcome.ok && check.outcome.value.verdict === 'mismatch';
      const of = report.functions.find((f) => f.name === check.of);
      // Same parameters, so the generated body reads the names the hand-written one has.
      if (!wrong || !of || of.params.join() !== fn.params.join()) return [];
      const action = new vscode.CodeAction(vscode.l10n.t("Replace with GradLens's derivative"), vscode.CodeActionKind.QuickFix) as PendingAction;
      Object.assign(action, { work: { document, of: of.name, replace: fn } });
      action.isPreferred = true;
      action.diagnostics = context.diagnostics.filter((d) => d.source === 'GradLens');
      return [action];
    }
    const hasOne = report.functions.some((f) => f.check?.of === fn.name);
    // A static method's or a module object's gradient is a plain function, which has no place inside its class.
    if (hasOne || !fn.result?.gradient || (fn.name.includes('.') && !fn.instanceMethod)) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Insert gradient function'), vscode.CodeActionKind.RefactorRewrite) as PendingAction;
    Object.assign(action, { work: { document, of: fn.name, after: fn } });
    return [action];
  }

  /** The edit is made only when the action is chosen: it runs the generator and its check on the worker. */
  async resolveCodeAction(action: PendingAction): Promise<PendingAction> {
    const { document, of, replace, after } = action.work;
    const generated = await generate(this.store, this.client, document, of, replace?.name);
    if (!generated) return action;
    const edit = new vscode.WorkspaceEdit();
    if (generated.imports.length > 0) edit.insert(document.uri, new vscode.Position(0, 0), generated.imports.join('\n') + '\n');
    if (replace && generated.replacement) {
      // Only the statements: the signature, docstring and leading comments stay (analysis/bodyReplacement.ts).
      edit.replace(document.uri, toRange(generated.replacement.range), generated.replacement.text);
    } else if (replace) {
      const range = toRange(replace.range);
      const indent = document.lineAt(range.start.line).text.slice(0, range.start.character);
      edit.replace(document.uri, range, placedFunction(generated, replace.name, indent));
    } else if (after) {
      const end = toRange(after.range).end;
      const indent = document.lineAt(toRange(after.range).start.line).text.match(/^\s*/)![0];
      const gap = generated.language === 'python' && indent === '' ? '\n\n\n' : '\n\n';
      edit.insert(document.uri, document.lineAt(end.line).range.end, gap + indent + placedFunction(generated, generated.name, indent));
    }
    action.edit = edit;
    return action;
  }
}
