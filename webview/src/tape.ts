import { t } from '../../src/core/localize';
import type { GraphModel } from '../../src/protocol/graphModel';
import { h } from './dom';
import { fmt, full, where } from './format';
import { visibleBidi } from '../../src/protocol/visibleText';

/**
 * The tape listing, seed 001 style: the forward entries (vᵢ = …), then the reverse sweep as it runs —
 * the seed v̄ₙ = 1 and one `v̄ⱼ += …` per argument, with the contribution and the running adjoint.
 */
export function renderTape(model: GraphModel): HTMLElement {
  const forward = h('ol', { class: 'tape forward', 'aria-label': t('Forward sweep') });
  const reverse = h('ol', { class: 'tape reverse', 'aria-label': t('Reverse sweep') });
  model.tape.forEach((line, i) => {
    const li = h('li', { class: `row kind-${line.kind}`, 'data-node': line.nodeId, 'data-row': `tape${i}`, tabindex: -1 });
    if (line.kind === 'forward') {
      li.append(h('span', { class: 'text' }, line.text), h('span', { class: 'num', title: full(line.value) }, fmt(line.value)), h('span', { class: 'where' }, where(line.range)));
      li.setAttribute('aria-label', visibleBidi(`${line.text} = ${fmt(line.value)}, ${where(line.range)}`));
      forward.append(li);
    } else {
      const total = line.kind === 'accumulate' ? ` → ${fmt(line.total)}` : '';
      const contribution = line.kind === 'accumulate' ? `${(line.value ?? 0) < 0 ? '' : '+'}${fmt(line.value)}` : fmt(line.value);
      li.append(
        h('span', { class: 'text' }, line.text),
        h('span', { class: 'num', title: full(line.value) }, contribution),
        h('span', { class: 'num total', title: full(line.total) }, total),
      );
      li.setAttribute('aria-label', visibleBidi(`${line.text}: ${contribution}${total ? `, ${t('now {0}', fmt(line.total))}` : ''}`));
      reverse.append(li);
    }
  });
  return h(
    'section',
    { class: 'tape-listing', 'aria-label': t('Tape') },
    h('h2', {}, t('Tape: {0} entries', model.nodes.length)),
    forward,
    model.tape.some((l) => l.kind !== 'forward') ? h('h2', {}, t('Reverse sweep (adjoint accumulation)')) : '',
    reverse,
  );
}
