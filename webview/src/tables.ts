import { t } from '../../src/core/localize';
import type { GraphModel } from '../../src/protocol/graphModel';
import { h } from './dom';
import { fmt, full, where } from './format';

/**
 * The seeds' two tables for the model: primal–tangent (one row per node, for the chosen seed input)
 * and primal–adjoint (primals top-down beside adjoints bottom-up, as seed 001 draws it). Every row
 * carries `data-node` (for highlight) and its range (for reveal); the numbers are the model's.
 */
export function renderTables(model: GraphModel, onSeed: (input: string) => void): HTMLElement {
  const seedSelect = h('select', { 'aria-label': t('Seed input: the input whose tangent is 1'), class: 'seed' });
  for (const input of model.inputs) {
    const opt = h('option', { value: input.name }, t('v̇ = 1 on {0}', input.label));
    if (input.name === model.seed) opt.selected = true;
    seedSelect.append(opt);
  }
  seedSelect.addEventListener('change', () => onSeed(seedSelect.value));

  const tangent = h(
    'table',
    { class: 'rows tangent-table', 'aria-label': t('Primal–tangent table') },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Primals')), h('th', { scope: 'col', class: 'num' }, t('value')), h('th', { scope: 'col' }, t('Tangents')))),
  );
  const tbody = h('tbody');
  model.tangentRows.forEach((r, i) => {
    tbody.append(
      h(
        'tr',
        { class: `row kind-${r.kind}`, 'data-node': r.nodeId, 'data-row': `t${i}`, tabindex: -1, 'aria-label': `${r.primal} = ${fmt(r.value)}; ${r.tangent} = ${fmt(r.tangentValue)}, ${where(r.range)}` },
        h('td', { class: 'primal' }, r.primal),
        h('td', { class: 'num', title: full(r.value) }, fmt(r.value)),
        h('td', { class: 'tangent', title: full(r.tangentValue) }, `${r.tangent} = ${fmt(r.tangentValue)}`),
      ),
    );
  });
  tangent.append(tbody);

  const primals = h('table', { class: 'rows primal-table', 'aria-label': t('Primals') }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Primals')), h('th', { scope: 'col', class: 'num' }, ''))));
  const pbody = h('tbody');
  model.primalRows.forEach((r, i) => {
    pbody.append(
      h(
        'tr',
        { class: `row kind-${r.kind}`, 'data-node': r.nodeId, 'data-row': `p${i}`, tabindex: -1, 'aria-label': `${r.text} = ${fmt(r.value)}, ${where(r.range)}` },
        h('td', { class: 'primal' }, r.text),
        h('td', { class: 'num', title: full(r.value) }, `= ${fmt(r.value)}`),
      ),
    );
  });
  primals.append(pbody);
  const adjoints = h('table', { class: 'rows adjoint-table', 'aria-label': t('Adjoints') }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Adjoints')), h('th', { scope: 'col', class: 'num' }, ''))));
  const abody = h('tbody');
  model.adjointRows.forEach((r, i) => {
    abody.append(
      h(
        'tr',
        { class: `row kind-${r.kind}`, 'data-node': r.nodeId, 'data-row': `a${i}`, tabindex: -1, 'aria-label': `${r.text} = ${fmt(r.value)}, ${where(r.range)}` },
        h('td', { class: 'adjoint' }, r.text),
        h('td', { class: 'num', title: full(r.value) }, `= ${fmt(r.value)}`),
      ),
    );
  });
  adjoints.append(abody);

  const seedLabel = model.inputs.find((i) => i.name === model.seed)?.label ?? model.seed;
  const gradient = model.gradient ? `∇${model.function.name} = (${model.gradient.map(fmt).join(', ')})` : '';
  return h(
    'section',
    { class: 'tables', 'aria-label': t('Tables') },
    h('div', { class: 'table-head' }, h('h2', {}, t('Forward mode: primal–tangent table, seed {0}', seedLabel)), seedSelect),
    tangent,
    h('h2', {}, t('Reverse mode: primal–adjoint table')),
    model.adjointRows.length > 0 ? h('div', { class: 'side-by-side' }, primals, adjoints) : h('p', { class: 'note' }, model.adjointNote ?? t('No adjoints.')),
    gradient ? h('p', { class: 'gradient' }, gradient) : '',
  );
}
