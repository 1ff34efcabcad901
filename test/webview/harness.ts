import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectChromium, WORKBENCH, type Browser, type Page } from '../../scripts/workbench/codeServer.mjs';
import { webviewHtml } from '../../src/extension/webviewHtml';
import type { HostMessage, WebviewMessage } from '../../src/protocol/messages';

/**
 * A stand-in VS Code host for dist/webview.js in Chromium: the panel's exact HTML and CSP (from
 * src/extension/webviewHtml.ts) served at a fake origin, an `acquireVsCodeApi` shim that records every
 * posted message and keeps state in sessionStorage (so it survives a reload, as getState does), VS Code
 * theme variables, and a record of CSP violations.
 */
export const ORIGIN = 'https://gradlens.test';
export const ARTIFACTS = join(WORKBENCH.repoRoot, 'test-artifacts', 'webview');
const BUNDLE = join(WORKBENCH.repoRoot, 'dist', 'webview.js');

export type Theme = 'dark' | 'light' | 'high-contrast';

const THEMES: Record<Theme, Record<string, string>> = {
  dark: {
    '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b', '--vscode-editorWidget-background': '#252526', '--vscode-focusBorder': '#0078d4',
    '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-purple': '#b180d7', '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
    '--vscode-inputValidation-warningBackground': '#352a05', '--vscode-inputValidation-warningBorder': '#b89500',
    '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  },
  light: {},
  'high-contrast': {
    '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff',
    '--vscode-panel-border': '#6fc3df', '--vscode-editorWidget-background': '#0c141f', '--vscode-focusBorder': '#f38518',
    '--vscode-contrastBorder': '#6fc3df', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#f38518',
    '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-purple': '#b180d7',
    '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
  },
};

export interface Harness {
  readonly browser: Browser;
  /** `scale`: the device pixel ratio (1.25 or 1.5 is a laptop's fractional display scaling). */
  /** `l10n`: the display language's bundle, as the host passes `vscode.l10n.bundle` (none in English). */
  open(theme?: Theme, size?: { width: number; height: number }, scale?: number, l10n?: Readonly<Record<string, string>>): Promise<WebviewPage>;
  close(): Promise<void>;
}

export interface WebviewPage {
  readonly page: Page;
  send(message: HostMessage | unknown): Promise<void>;
  posted(): Promise<WebviewMessage[]>;
  clearPosted(): Promise<void>;
  /** Waits until the graph has been laid out and painted `count` times in total. */
  rendered(count?: number): Promise<{ layoutMs: number; paintMs: number; layoutIn: string }>;
  cspViolations(): Promise<string[]>;
  errors: string[];
  screenshot(name: string): Promise<string>;
  reload(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const browser = await connectChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    browser,
    async open(theme = 'dark', size = { width: 1100, height: 760 }, scale = 1, l10n = undefined) {
      const context = await browser.newContext({ viewport: size, deviceScaleFactor: scale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e: Error) => errors.push(String(e)));
      page.on('console', (m: { type(): string; text(): string }) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.route(`${ORIGIN}/**`, async (route: any) => {
        const url = new URL(route.request().url());
        if (url.pathname === '/dist/webview.js') {
          await route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(BUNDLE, 'utf8') });
        } else if (url.pathname === '/index.html') {
          await route.fulfill({ status: 200, contentType: 'text/html', body: webviewHtml({ scriptUri: `${ORIGIN}/dist/webview.js`, cspSource: ORIGIN, nonce: 'TestNonce0123456789abcdefABCDEF01', ...(l10n ? { l10n } : {}) }) });
        } else if (/^\/dist\/katex\/[\w./-]+\.(css|woff2)$/.test(url.pathname) && !url.pathname.includes('..')) {
          // KaTeX's stylesheet and fonts, as the extension serves them from dist/katex/.
          const type = url.pathname.endsWith('.css') ? 'text/css' : 'font/woff2';
          await route.fulfill({ status: 200, contentType: type, body: readFileSync(join(WORKBENCH.repoRoot, url.pathname.slice(1))) });
        } else await route.fulfill({ status: 404, body: '' });
      });
      // tsx compiles these tests with esbuild's keepNames, which wraps functions passed to the page in
      // `__name(…)`: give the page that helper first.
      await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
      await page.addInitScript(
        ({ vars, theme }: { vars: Record<string, string>; theme: string }) => {
          const w = globalThis as any;
          const document = w.document;
          const sessionStorage = w.sessionStorage;
          w.__posted = [];
          w.__csp = [];
          document.addEventListener('securitypolicyviolation', (e: any) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
          let acquired = false;
          w.acquireVsCodeApi = () => {
            if (acquired) throw new Error('acquireVsCodeApi may be called only once');
            acquired = true;
            return {
              postMessage: (m: unknown) => w.__posted.push(JSON.parse(JSON.stringify(m))),
              getState: () => {
                const s = sessionStorage.getItem('vscode-state');
                return s ? JSON.parse(s) : undefined;
              },
              setState: (s: unknown) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
            };
          };
          // As VS Code does: theme variables on <html>, the theme kind as a class on <body>.
          document.addEventListener('DOMContentLoaded', () => {
            for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
            document.body.classList.add(`vscode-${theme}`);
          });
        },
        { vars: THEMES[theme], theme },
      );
      await page.goto(`${ORIGIN}/index.html`);
      await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'ready'));
      let renders = 0;
      const wp: WebviewPage = {
        page,
        errors,
        send: (message) => page.evaluate((m: unknown) => (globalThis as any).postMessage(m, '*'), message),
        posted: () => page.evaluate(() => (globalThis as any).__posted),
        clearPosted: () => page.evaluate(() => void ((globalThis as any).__posted = [])),
        async rendered(count?: number) {
          const want = count ?? ++renders;
          renders = Math.max(renders, want);
          await page.waitForFunction((n: number) => Number((globalThis as any).document.getElementById('app').dataset.rendered ?? 0) >= n, want, { timeout: 30_000 });
          return page.evaluate(() => {
            const d = (globalThis as any).document.getElementById('app').dataset;
            return { layoutMs: Number(d.layoutMs), paintMs: Number(d.paintMs), layoutIn: d.layoutIn };
          });
        },
        cspViolations: () => page.evaluate(() => (globalThis as any).__csp),
        async screenshot(name) {
          const path = join(ARTIFACTS, `${name}.png`);
          await page.screenshot({ path });
          return path;
        },
        async reload() {
          renders = 0;
          await page.reload();
          await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'ready'));
        },
      };
      return wp;
    },
    close: () => browser.close(),
  };
}
