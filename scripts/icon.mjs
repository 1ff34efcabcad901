// images/icon.png (the Marketplace icon, 128×128) from images/icon.svg: ∇ over a tangent line at a
// point. Rendered by the workbench tests' Chromium; run after editing the SVG.
import { readFileSync } from 'node:fs';
import { launchChromium } from './workbench/codeServer.mjs';

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync('images/icon.svg', 'utf8')}</body></html>`);
await page.screenshot({ path: 'images/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
console.log('wrote images/icon.png');
