/**
 * Tiny DOM helpers. Text always goes in as text (textContent), never as markup, and with its
 * bidirectional controls made visible (protocol/visibleText.ts): a string value of the user's in a
 * label or a tooltip cannot reorder what is drawn around it.
 */
import { visibleBidi } from '../../src/protocol/visibleText';

type Attrs = Record<string, string | number | boolean | undefined>;

function apply(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : visibleBidi(String(v)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  for (const c of children) el.append(typeof c === 'string' ? visibleBidi(c) : c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  for (const c of children) el.append(typeof c === 'string' ? visibleBidi(c) : c);
  return el;
}

/**
 * Roving tabindex over the items of a list: one item is tabbable, arrows move, Home/End jump, Enter
 * and Space act. Used by the tables and the tape listing (the graph has its own spatial version).
 */
export function rovingList(container: HTMLElement, selector: string, onActivate: (item: HTMLElement, how: 'enter' | 'click') => void): void {
  const items = (): HTMLElement[] => [...container.querySelectorAll<HTMLElement>(selector)];
  const first = items()[0];
  if (first) first.tabIndex = 0;
  const focus = (el: HTMLElement | undefined): void => {
    if (!el) return;
    for (const i of items()) i.tabIndex = -1;
    el.tabIndex = 0;
    el.focus();
  };
  container.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (!target.matches(selector)) return;
    const all = items();
    const i = all.indexOf(target);
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowDown') next = all[i + 1];
    else if (e.key === 'ArrowUp') next = all[i - 1];
    else if (e.key === 'Home') next = all[0];
    else if (e.key === 'End') next = all[all.length - 1];
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(target, 'enter');
      return;
    } else return;
    e.preventDefault();
    focus(next ?? target);
  });
  container.addEventListener('click', (e) => {
    const item = (e.target as Element).closest<HTMLElement>(selector);
    if (!item || !container.contains(item)) return;
    focus(item);
    onActivate(item, 'click');
  });
}
