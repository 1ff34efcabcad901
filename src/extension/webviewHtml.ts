/**
 * The graph panel's HTML, without vscode, so the Chromium tests load exactly what the panel shows.
 * Strict CSP: nothing but our own script (by nonce) and the style it adds (same nonce); the layout
 * worker is made from a blob of that same script, which it fetches from the extension's dist folder.
 */
export interface WebviewHtmlOptions {
  /** `webview.asWebviewUri(dist/webview.js)`. */
  readonly scriptUri: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly title?: string;
  /**
   * `vscode.l10n.bundle`: the extension's messages in the display language (none in English). The
   * panel's script reads it from the page and looks its texts up there (core/localize.ts).
   */
  readonly l10n?: Readonly<Record<string, string>>;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

export function webviewHtml(o: WebviewHtmlOptions): string {
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(o.title ?? 'GradLens: computation graph')}</title>
</head>
<body>
<div id="app" role="application" aria-label="GradLens computation graph"${o.l10n ? ` data-l10n="${esc(JSON.stringify(o.l10n))}"` : ''}></div>
<script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random alphanumerics (crypto-strength where available). */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => chars[b % chars.length]).join('');
}
