import { t } from '../../src/core/localize';
import katex from 'katex';
import type { ModelFormula } from '../../src/protocol/graphModel';
import { h } from './dom';

/**
 * The function and its partial derivatives typeset (KaTeX, bundled; its stylesheet and fonts come
 * from the extension's dist/katex/, nothing from elsewhere). KaTeX builds DOM nodes and sets their
 * styles through the CSSOM, which the panel's CSP allows; no markup string is ever parsed. Each line's
 * tooltip is the formula as code in the function's language.
 */

/** KaTeX's stylesheet, beside the script: a <link> carrying the page's nonce, as the CSP asks. */
export function loadFormulaStyles(scriptUrl: string | undefined, nonce: string | undefined): void {
  if (!scriptUrl) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('katex/katex.css', scriptUrl).toString();
  if (nonce) link.nonce = nonce;
  document.head.append(link);
}

function typeset(tex: string): HTMLElement {
  const out = h('span', { class: 'tex' });
  // throwOnError false: a formula KaTeX cannot read shows as its source in the error colour, never a crash.
  katex.render(tex, out, { displayMode: true, fleqn: true, throwOnError: false, strict: 'ignore', trust: false, maxExpand: 200 });
  return out;
}

export function renderFormula(formula: ModelFormula | undefined): HTMLElement | undefined {
  if (!formula) return undefined;
  const f = formula.texFunction;
  const lines: { tex: string; text: string; label: string; where?: readonly { tex: string; text: string }[] }[] = [
    { tex: `${f} = ${formula.value.tex}`, text: formula.value.text, label: t('the function') },
    ...formula.partials.map((p) => {
      const head = `\\frac{\\partial ${f}}{\\partial ${p.texParameter}} = `;
      // A long partial short, as the hover shows it, with its `where u = …` lines; the tooltip keeps the whole formula.
      if (!p.short) return { tex: head + p.tex, text: `∂/∂${p.parameter} = ${p.text}`, label: `∂/∂${p.parameter}` };
      const where = p.short.where.map((w) => ({ tex: `${w.texName} = ${w.tex}`, text: `${w.name} = ${w.text}` }));
      return { tex: head + p.short.tex, text: `∂/∂${p.parameter} = ${p.text}`, label: `∂/∂${p.parameter}`, where };
    }),
  ];
  const list = h('ul', { class: 'formula-lines' });
  for (const line of lines) {
    const where = line.where?.map((w, k) => h('div', { class: 'formula-where', 'aria-label': `${k === 0 ? t('where') : ''} ${w.text}` }, h('span', { class: 'where-word' }, k === 0 ? t('where') : ''), typeset(w.tex)));
    const item = h('li', { title: line.text, 'aria-label': `${line.label}: ${line.text}` }, typeset(line.tex), ...(where ?? []));
    list.append(item);
  }
  const details = h('details', { class: 'formula', open: true }, h('summary', {}, t('Formulas (checked against AD at the point)')), list);
  return details;
}
