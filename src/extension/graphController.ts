import { diagnosticText } from '../core/diagnosticText';
import { settingsFor } from './settings';
import * as vscode from 'vscode';
import { panelTargetOf } from '../protocol/panelTarget';
import type { AnalysisClient } from './analysisClient';
import { targetFunction } from './commands';
import { functionAt, type DocumentStore } from './documents';
import { GraphPanel } from './graphPanel';

/**
 * "Show Computation Graph": one panel that follows the person. It shows the function a lens, a hover
 * link or the command names, at the point its lens uses; after an edit it is marked stale at once
 * and redrawn when the new analysis lands; moving the cursor highlights the matching nodes and rows,
 * and into another function of the same file switches the panel to it. The model is built on the
 * analysis worker (recording and plot sampling can take tens of milliseconds).
 */
export class GraphController implements vscode.Disposable {
  private shown: { uri: string; name: string } | undefined;
  private readonly seeds = new Map<string, string>();
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  /** Panels whose seed and dispose events this controller already listens to. */
  private readonly panelWired = new WeakSet<GraphPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: DocumentStore,
    private readonly client: AnalysisClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      store.onDidUpdate((uri) => {
        if (this.shown && uri.toString() === this.shown.uri && GraphPanel.instance) void this.refresh();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.shown && e.document.uri.toString() === this.shown.uri && e.contentChanges.length > 0) GraphPanel.instance?.markStale(vscode.l10n.t('edited — re-analysing…'));
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  async show(uri?: vscode.Uri, name?: string): Promise<void> {
    const target = await targetFunction(this.store, uri, name);
    if (!target) return;
    this.shown = { uri: target.document.uri.toString(), name: target.fn.name };
    this.wire(GraphPanel.createOrShow(this.extensionUri, { log: this.log }));
    await this.refresh();
  }

  /**
   * The panel VS Code brings back after a window reload (the serializer registered for
   * `GraphPanel.viewType`): it shows the function its saved state names, at that function's point now
   * (the lens's: an `@at` line, a call, or the remembered "last used" point). Resolves at once; the
   * model follows when the document is analysed.
   */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const panel = GraphPanel.revive(webviewPanel, this.extensionUri, { log: this.log });
    this.wire(panel);
    const target = panelTargetOf(state);
    if (!target) {
      panel.showError({ severity: 'info', message: vscode.l10n.t('Nothing to show after the reload: run “GradLens: Show Computation Graph”.') });
      return;
    }
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.documentUri));
      this.shown = { uri: document.uri.toString(), name: target.functionName };
      if (target.seed) this.seeds.set(`${this.shown.uri}#${target.functionName}`, target.seed);
      this.log.info(`graph panel restored after a reload: ${target.functionName} in ${document.uri.toString(true)} (was at ${target.point})`);
      void this.refresh();
    } catch (e) {
      panel.showError({ severity: 'error', message: vscode.l10n.t('the graph of {0} cannot come back: {1} cannot be opened ({2})', target.functionName, target.documentUri, (e as Error).message) });
    }
  }

  private wire(panel: GraphPanel): void {
    if (this.panelWired.has(panel)) return;
    this.panelWired.add(panel);
    panel.onDidRequestSeed(({ input }) => {
      if (!this.shown) return;
      this.seeds.set(`${this.shown.uri}#${this.shown.name}`, input);
      void this.refresh();
    });
    panel.onDidDispose(() => {
      this.shown = undefined;
    });
  }

  /** Rebuilds the shown function's model from the document as it is now. */
  private async refresh(): Promise<void> {
    const shown = this.shown;
    const panel = GraphPanel.instance;
    if (!shown || !panel) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.uri);
    if (!document) return;
    const generation = ++this.generation;
    const report = await this.store.reportFor(document);
    const fn = report?.functions.find((f) => f.name === shown.name);
    if (fn && fn.errors.length > 0) {
      const why = fn.errors[0]!;
      panel.markStale(vscode.l10n.t('{0} (line {1}) — showing the last result', diagnosticText(why, settingsFor(document).precision), why.range.start.line + 1));
      return;
    }
    const seed = this.seeds.get(`${shown.uri}#${shown.name}`);
    try {
      const started = Date.now();
      const outcome = await this.client.graph({ document: this.store.requestFor(document), name: shown.name, ...(seed ? { seed } : {}) });
      if (generation !== this.generation || GraphPanel.instance !== panel) return; // superseded
      if (outcome.ok) panel.show(outcome.value);
      else panel.showError({ ...outcome.error, message: diagnosticText(outcome.error, settingsFor(document).precision) }, shown.uri);
      this.log.info(`graph of ${shown.name}: ${outcome.ok ? `${outcome.value.nodes.length} nodes` : diagnosticText(outcome.error)} in ${Date.now() - started} ms`);
    } catch (e) {
      panel.showError({ severity: 'error', message: vscode.l10n.t('the graph could not be built: {0}', (e as Error).message) }, shown.uri);
    }
  }

  private followCursor(editor: vscode.TextEditor): void {
    const panel = GraphPanel.instance;
    if (!panel || !this.shown || editor.document.uri.toString() !== this.shown.uri) return;
    const position = editor.selection.active;
    panel.highlight(this.shown.uri, { line: position.line, column: position.character });
    const report = this.store.latest(editor.document);
    const fn = report && functionAt(report, position);
    if (fn && fn.name !== this.shown.name && fn.point && fn.errors.length === 0) {
      this.shown = { uri: this.shown.uri, name: fn.name };
      void this.refresh();
    }
  }
}
