// First import: its timestamp is taken before any other module of the bundle evaluates.
import { LOADED_AT } from './loadClock';
import * as vscode from 'vscode';
import { useTranslator } from '../core/localize';
import { AnalysisClient } from './analysisClient';
import { copyGradient, differentiateAtPoint, useFilePoint } from './commands';
import { DocumentStore, SUPPORTED_LANGUAGES } from './documents';
import { GraphController } from './graphController';
import { watchImports } from './importWatch';
import { vscodeFileAccess } from './workspaceFileAccess';
import { WorkspaceFiles } from './workspaceFiles';
import { GraphPanel } from './graphPanel';
import { GradLensHoverProvider } from './hovers';
import { COMMANDS, GradLensCodeLensProvider } from './lenses';
import type { CopyFormat } from './copyFormats';
import { DERIVATIVE_SCHEME, DerivativeCodeActions, DerivativeSourceView, SHOW_DERIVATIVE_SOURCE, showDerivativeSource } from './derivativeSource';

/**
 * When the bundle's modules had all evaluated (this, the entry, evaluates last). The editor calls
 * activate() only after it has also loaded the extension's context (its stored state, over IPC):
 * the log tells GradLens's own part of the activation time from that wait.
 */
const EVALUATED_AT = Date.now();

/**
 * GradLens in the editor. Activation only wires things up (it must stay under ~150 ms): the analysis
 * runs in a worker thread (dist/worker.js), started here so that it loads while the editor opens the
 * file that activated GradLens; the extension host never waits for an evaluation. Everything shown
 * comes from the worker's `DocumentReport`s.
 */

export function activate(context: vscode.ExtensionContext): void {
  const activateStarted = Date.now();
  useTranslator(vscode.l10n.t);
  const log = vscode.window.createOutputChannel('GradLens', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('GradLens');
  // Imports of the user's own files are read here, on the host, through workspace.fs; the worker asks.
  const files = new WorkspaceFiles(vscodeFileAccess());
  const client = new AnalysisClient({
    workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
    log: (m) => log.warn(m),
    info: (m) => log.info(m),
    files,
    origin: LOADED_AT,
    warmUp: true,
    ...(vscode.l10n.bundle ? { messages: vscode.l10n.bundle } : {}),
  });
  client.start();
  const store = new DocumentStore(client, diagnostics, context.workspaceState, log);
  const graphs = new GraphController(context.extensionUri, store, client, log);

  // Files and notebook cells alike: a selector by language matches Python cells of a notebook too.
  const selector: vscode.DocumentSelector = SUPPORTED_LANGUAGES.map((language) => ({ language }));
  context.subscriptions.push(
    log,
    diagnostics,
    { dispose: () => client.dispose() },
    store,
    watchImports(files, store),
    graphs,
    vscode.languages.registerCodeLensProvider(selector, new GradLensCodeLensProvider(store)),
    vscode.languages.registerHoverProvider(selector, new GradLensHoverProvider(store, log)),
    vscode.commands.registerCommand(COMMANDS.differentiateAtPoint, (uri?: UriArgument, name?: string) => differentiateAtPoint(store, asUri(uri), name)),
    vscode.commands.registerCommand(COMMANDS.copyGradient, (uri?: UriArgument, name?: string, format?: CopyFormat) => copyGradient(store, asUri(uri), name, format)),
    vscode.commands.registerCommand(COMMANDS.showGraph, (uri?: UriArgument, name?: string) => graphs.show(asUri(uri), name)),
    // The graph panel comes back after a window reload, showing the function its saved state names.
    vscode.window.registerWebviewPanelSerializer(GraphPanel.viewType, { deserializeWebviewPanel: (panel, state) => graphs.restore(panel, state) }),
    vscode.commands.registerCommand(COMMANDS.useFilePoint, (uri?: UriArgument, name?: string) => useFilePoint(store, asUri(uri), name)),
    vscode.commands.registerCommand('gradlens.showLog', () => log.show()),
    ...derivativeSourceParts(store, client, selector),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) store.schedule(e.document);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => store.schedule(d, true)),
    vscode.workspace.onDidCloseTextDocument((d) => store.forget(d, textTabUris().has(d.uri.toString()))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gradlens')) store.refreshAll();
    }),
  );
  // Every open document, and after a window reload the tabs whose text the editor has not loaded
  // yet (opening one loads it without showing it; onDidOpenTextDocument then schedules it).
  for (const d of vscode.workspace.textDocuments) store.schedule(d, true);
  const loaded = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (const uri of textTabUris().values()) if (!loaded.has(uri.toString())) void vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
  const now = Date.now();
  log.info(
    `GradLens activated in ${now - LOADED_AT} ms since the bundle began to load (activate() itself ${now - activateStarted} ms; ` +
      `the bundle evaluated in ${EVALUATED_AT - LOADED_AT} ms, then the editor called activate() ${activateStarted - EVALUATED_AT} ms later); the bundle began to load at ${LOADED_AT} (epoch ms)`,
  );
}

/** "Show Derivative Source" (a read-only document of our own scheme) and its two code actions. */
function derivativeSourceParts(store: DocumentStore, client: AnalysisClient, selector: vscode.DocumentSelector): vscode.Disposable[] {
  const view = new DerivativeSourceView();
  return [
    view,
    vscode.workspace.registerTextDocumentContentProvider(DERIVATIVE_SCHEME, view),
    vscode.commands.registerCommand(SHOW_DERIVATIVE_SOURCE, (uri?: UriArgument, name?: string) => showDerivativeSource(store, client, view, asUri(uri), name)),
    vscode.languages.registerCodeActionsProvider(selector, new DerivativeCodeActions(store, client), { providedCodeActionKinds: DerivativeCodeActions.kinds }),
  ];
}

/** The documents of the text tabs in every editor group, by their URI string. */
function textTabUris(): Map<string, vscode.Uri> {
  const uris = new Map<string, vscode.Uri>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) uris.set(tab.input.uri.toString(), tab.input.uri);
  }
  return uris;
}

/** Lenses pass a Uri; hover links (JSON) pass its string; the palette passes nothing. */
type UriArgument = vscode.Uri | string;
const asUri = (u: UriArgument | undefined): vscode.Uri | undefined => (typeof u === 'string' ? vscode.Uri.parse(u) : u instanceof vscode.Uri ? u : undefined);

export function deactivate(): void {}
