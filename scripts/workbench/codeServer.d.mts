// Types for codeServer.mjs, so TypeScript tests can import it under `strict`.
// Playwright's own types live in the workbench cache (.gradlens-cache/workbench/node_modules/playwright-core),
// outside the repo's node_modules, so pages and browsers are typed loosely here.

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Page = any;
export type Browser = any;

export interface WorkbenchPaths {
  repoRoot: string;
  dir: string;
  nodeModules: string;
  codeServerDir: string;
  codeServerEntry: string;
  chromium: string;
  marker: string;
  codeServerVersion: string;
  playwrightCoreVersion: string;
}
export const WORKBENCH: WorkbenchPaths;
export function ensureWorkbench(opts?: { force?: boolean }): WorkbenchPaths;

export const CHROMIUM_ARGS: string[];
export const DEFAULT_SETTINGS: Record<string, unknown>;

export interface StartOptions {
  /** Folder the server is started with (the browser URL picks the folder actually shown). */
  folder?: string;
  /** Unpacked extension folders (copied to EDIR/publisher.name-version) or .vsix files (installed). */
  extensionDirs?: string[];
  /** Symlink unpacked extension folders instead of copying (a rebuild + "Developer: Reload Window" picks changes up). */
  linkExtensions?: boolean;
  /** Fixed port; fails if busy. Default: a free port. */
  port?: number;
  /** Try this port first, then the next free ones. */
  preferredPort?: number;
  /** Keep workspace trust on (no --disable-workspace-trust). Default false. */
  trust?: boolean;
  /** User settings merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Also write code-server's output to this file. */
  logFile?: string;
  /** Echo code-server's output to stderr. */
  echo?: boolean;
  /** Wait this long for "HTTP server listening" (default 30000). */
  timeoutMs?: number;
  /** More code-server arguments. */
  extraArgs?: string[];
  /** Keep the temp user-data/extensions dir after stop(). */
  keepTemp?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  folder: string | undefined;
  workbenchUrl: string;
  tmpDir: string;
  userDataDir: string;
  extensionsDir: string;
  extensions: string[];
  /** ms from startCodeServer() to "HTTP server listening". */
  startMs: number;
  /** Resolves when the code-server process exits. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  output(): string;
  killNow(): void;
  stop(): Promise<void>;
}

export function startCodeServer(opts?: StartOptions): Promise<CodeServer>;
/** A fresh temp folder removed when this process exits, even if it is killed hard. */
export function makeTempDir(prefix?: string): string;
export function findFreePort(preferred?: number, host?: string): Promise<number>;
export function loadPlaywright(): any;
export function launchChromium(opts?: { args?: string[]; timeout?: number }): Promise<Browser>;
export const SHARED_BROWSER_ENV: string;
export const SHARED_SERVER_ENV: string;
/** The test run's shared Chromium (scripts/workbench/shared.mjs) if there is one, else a new one. */
export function connectChromium(opts?: { args?: string[]; timeout?: number }): Promise<Browser>;
/** The URL of the test run's shared code-server (dist/extension-pkg, trust on) if it answers. */
export function sharedCodeServerUrl(): Promise<string | undefined>;
export function guardGroup(pgid: number, add: boolean): void;
export function newWorkbenchPage(browser: Browser, size?: { width?: number; height?: number }): Promise<Page>;
export function captureConsole(page: Page): string[];
export function openWorkbench(page: Page, url: string, folder?: string, opts?: { timeout?: number }): Promise<number>;
/** Resolves when (epoch ms) the Enter that opened the file was pressed. */
export function openFile(page: Page, relativePath: string, opts?: { timeout?: number }): Promise<number>;
export function readCodeLenses(page: Page, opts?: { min?: number; timeout?: number; contains?: string; until?: (texts: string[]) => boolean; inView?: boolean }): Promise<string[]>;
/** `line` (1-based), when known, reveals the line through Quick Open instead of the Find widget. */
export function hoverAt(page: Page, lineText: string, token: string, opts?: { timeout?: number; contains?: string; line?: number }): Promise<string>;
export function goToLine(page: Page, line: number, opts?: { timeout?: number }): Promise<void>;
export function runCommand(page: Page, title: string, opts?: { timeout?: number }): Promise<void>;
export function waitForNotification(page: Page, text: string, opts?: { timeout?: number }): Promise<string>;
export function answerTrustDialog(page: Page, trust: boolean, opts?: { timeout?: number }): Promise<string>;
export function statusBarTexts(page: Page): Promise<string[]>;
export function screenshot(page: Page, name: string): Promise<string>;
