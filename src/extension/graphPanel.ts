import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostic';
import type { SourcePosition, SourceRange } from '../core/sourceRange';
import type { GraphModel, ModelMessage } from '../protocol/graphModel';
import { describeRejected, isWebviewMessage, type HostMessage, type WebviewMessage } from '../protocol/messages';
import { makeNonce, webviewHtml } from './webviewHtml';

/**
 * The computation-graph panel: one WebviewPanel running dist/webview.js under a strict CSP, speaking
 * src/protocol/messages.ts. The webview keeps its own state (getState/setState), so the panel is not
 * retained when hidden; each time the page (re)starts it posts `ready`, and the panel then sends the
 * latest model, stale/error state and highlight. Until then nothing is posted.
 *
 *   const panel = GraphPanel.createOrShow(context.extensionUri, { log });
 *   panel.show(model);                 // graphModelFor(...) from ./graphModel
 *   panel.markStale('the file changed');
 *   panel.showError(diagnostic, uri);
 *   panel.highlight(uri, position);
 *   panel.onDidRequestSeed(({ input }) => panel.show(rebuildWithSeed(input)));
 */
export interface GraphPanelOptions {
  /** Where to open it the first time (default: beside the active editor). */
  readonly column?: vscode.ViewColumn;
  /** Keep focus in the editor (default true: the panel follows the editor). */
  readonly preserveFocus?: boolean;
  readonly log?: vscode.LogOutputChannel;
}

/** What the panel last told the webview, re-sent after every `ready`. */
interface Latest {
  show?: HostMessage & { type: 'show' };
  stale?: HostMessage & { type: 'stale' };
  error?: HostMessage & { type: 'error' };
  highlight?: HostMessage & { type: 'highlight' };
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Only our bundle: no workspace files, no remote content.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

export class GraphPanel implements vscode.Disposable {
  static readonly viewType = 'gradlens.computationGraph';
  private static current: GraphPanel | undefined;

  private ready = false;
  private latest: Latest = {};
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  private readonly seedEmitter = new vscode.EventEmitter<{ readonly input: string; readonly model: GraphModel }>();

  /** The panel was closed (by the user or `dispose()`). */
  readonly onDidDispose = this.disposeEmitter.event;
  /** The user chose another seed input in the tangent table: rebuild the model with `seed: input` and `show` it. */
  readonly onDidRequestSeed = this.seedEmitter.event;

  /** The open panel, if any. */
  static get instance(): GraphPanel | undefined {
    return GraphPanel.current;
  }

  /** Reveals the panel, creating it if needed. */
  static createOrShow(extensionUri: vscode.Uri, options: GraphPanelOptions = {}): GraphPanel {
    const preserveFocus = options.preserveFocus ?? true;
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal(undefined, preserveFocus);
      return GraphPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      GraphPanel.viewType,
      'GradLens: Computation Graph',
      { viewColumn: options.column ?? vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(extensionUri),
    );
    GraphPanel.current = new GraphPanel(panel, extensionUri, options.log);
    return GraphPanel.current;
  }

  /**
   * Adopts a panel VS Code brought back after a window reload (its WebviewPanelSerializer): the page
   * restarts from our HTML with its saved state, and says `ready` as usual. One panel at a time: if
   * one is already open, the restored one is closed.
   */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, options: GraphPanelOptions = {}): GraphPanel {
    if (GraphPanel.current) {
      panel.dispose();
      return GraphPanel.current;
    }
    panel.webview.options = webviewOptions(extensionUri);
    GraphPanel.current = new GraphPanel(panel, extensionUri, options.log);
    return GraphPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel | undefined,
  ) {
    const webview = panel.webview;
    webview.html = webviewHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        // A hidden webview's page is discarded; it posts `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.disposed()),
    );
  }

  /** The model shown (the last `show`). */
  get model(): GraphModel | undefined {
    return this.latest.show?.model;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /**
   * The documents of the models this panel showed: the only ones a `reveal` from its webview may
   * open (a webview message is untrusted input; it must not make the host open any URI it names).
   */
  private readonly shownDocuments = new Set<string>();

  /** Draws a model; clears stale and error. */
  show(model: GraphModel): void {
    this.shownDocuments.add(model.documentUri);
    this.latest = { show: { type: 'show', model }, ...(this.latest.highlight ? { highlight: this.latest.highlight } : {}) };
    this.panel.title = `Graph: ${model.function.name}`;
    this.post(this.latest.show!);
  }

  /** Keeps the last model, marked out of date. */
  markStale(reason: string): void {
    this.latest.stale = { type: 'stale', reason };
    this.post(this.latest.stale);
  }

  /** Shows a located error (the last model stays, marked as possibly out of date). */
  showError(error: Diagnostic | ModelMessage, documentUri?: string): void {
    const e: ModelMessage = { severity: error.severity, message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.range ? { range: error.range } : {}) };
    this.latest.error = { type: 'error', error: e, ...(documentUri ? { documentUri } : {}) };
    this.post(this.latest.error);
  }

  /** The editor's cursor: highlights the nodes and rows at `position` (null clears). */
  highlight(documentUri: string, position: SourcePosition | null): void {
    this.latest.highlight = { type: 'highlight', documentUri, position };
    this.post(this.latest.highlight);
  }

  reveal(preserveFocus = true): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    this.panel.dispose(); // fires onDidDispose → disposed()
  }

  private post(message: HostMessage): void {
    if (!this.ready) return; // sent with the rest of `latest` on the next `ready`
    void this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered) this.ready = false;
      },
      (e: unknown) => this.log?.warn(`graph panel: postMessage failed: ${String(e)}`),
    );
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.log?.warn(`graph panel: dropped ${describeRejected(raw)}`);
      return;
    }
    const m: WebviewMessage = raw;
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const { show, stale, error, highlight } = this.latest;
        for (const message of [show, stale, error, highlight]) if (message) this.post(message);
        return;
      }
      case 'reveal':
        if (!this.shownDocuments.has(m.documentUri)) {
          this.log?.warn(`graph panel: dropped a reveal of ${JSON.stringify(m.documentUri.slice(0, 200))}, a document this panel never showed`);
          return;
        }
        void this.revealInEditor(m.documentUri, m.range, m.focusEditor);
        return;
      case 'setSeed': {
        const model = this.model;
        if (model && model.inputs.some((i) => i.name === m.input)) this.seedEmitter.fire({ input: m.input, model });
        else this.log?.warn(`graph panel: seed ${m.input} is not an input of the model shown`);
        return;
      }
      case 'log':
        if (m.level === 'error') this.log?.error(`graph webview: ${m.message}`);
        else if (m.level === 'warning') this.log?.warn(`graph webview: ${m.message}`);
        else this.log?.info(`graph webview: ${m.message}`);
        return;
    }
  }

  /** Selects `range` in the editor showing the document (opening it beside the panel if none does). */
  private async revealInEditor(documentUri: string, range: SourceRange, focusEditor: boolean): Promise<void> {
    try {
      const uri = vscode.Uri.parse(documentUri);
      const r = new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
      const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
      const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: !focusEditor, selection: r });
      editor.selection = new vscode.Selection(r.start, r.end);
      editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (e) {
      this.log?.warn(`graph panel: cannot reveal ${documentUri}: ${String(e)}`);
    }
  }

  private disposed(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    this.ready = false;
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    this.disposeEmitter.dispose();
    this.seedEmitter.dispose();
  }
}
