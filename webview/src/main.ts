import { bundleTranslator, useTranslator } from '../../src/core/localize';
import { startApp } from './app';
import { serveLayouts } from './graph/layoutWorker';

/**
 * The graph webview's entry (bundled to dist/webview.js). In the panel it starts the UI; run as the
 * layout worker (the same script from a blob, where there is no document) it serves layouts.
 */
if (typeof document === 'undefined') {
  serveLayouts(self as unknown as Parameters<typeof serveLayouts>[0]);
} else {
  const script = document.currentScript as HTMLScriptElement | null;
  // The display language's messages, when it is not English (webviewHtml.ts puts them on the page).
  const bundle = document.getElementById('app')?.dataset.l10n;
  if (bundle) useTranslator(bundleTranslator(JSON.parse(bundle) as Record<string, string>));
  startApp({ scriptUrl: script?.src || undefined, nonce: script?.nonce || undefined });
}
