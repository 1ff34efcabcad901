import { isGraphModel, isModelMessage, type GraphModel, type ModelMessage } from '../../src/protocol/graphModel';
import { isNumber, isRecord } from '../../src/protocol/guards';
import { isPanelTarget, type PanelTarget } from '../../src/protocol/panelTarget';
import type { Overlay, ViewTransform } from './graph/view';

/**
 * Everything the panel needs to come back as it was after being hidden (VS Code discards a hidden
 * webview's page; `getState`/`setState` keep this object across that). Restored values are validated
 * like messages: a state from an older build is dropped, not trusted.
 */
export type Tab = 'graph' | 'tables' | 'tape' | 'plots';

export interface ViewState {
  readonly version: 1;
  model: GraphModel | null;
  stale: string | null;
  error: ModelMessage | null;
  overlay: Overlay;
  tab: Tab;
  /** Per group id: expanded (true) or collapsed (false); absent: the default for the graph's size. */
  groups: Record<string, boolean>;
  selected: number | null;
  transform: ViewTransform | null;
  /** The function shown, for the extension to show it again after a window reload (its serializer reads this). */
  target: PanelTarget | null;
}

export function initialState(): ViewState {
  return { version: 1, model: null, stale: null, error: null, overlay: 'value', tab: 'graph', groups: {}, selected: null, transform: null, target: null };
}

const TABS: readonly Tab[] = ['graph', 'tables', 'tape', 'plots'];
const OVERLAYS: readonly Overlay[] = ['value', 'tangent', 'adjoint'];

export function restoreState(raw: unknown): ViewState {
  const s = initialState();
  if (!isRecord(raw) || raw.version !== 1) return s;
  if (isGraphModel(raw.model)) s.model = raw.model;
  if (typeof raw.stale === 'string') s.stale = raw.stale;
  if (isModelMessage(raw.error)) s.error = raw.error;
  if (OVERLAYS.includes(raw.overlay as Overlay)) s.overlay = raw.overlay as Overlay;
  if (TABS.includes(raw.tab as Tab)) s.tab = raw.tab as Tab;
  if (isRecord(raw.groups)) for (const [k, v] of Object.entries(raw.groups)) if (typeof v === 'boolean') s.groups[k] = v;
  if (Number.isInteger(raw.selected)) s.selected = raw.selected as number;
  const t = raw.transform;
  if (isRecord(t) && isNumber(t.x) && isNumber(t.y) && isNumber(t.k) && t.k > 0) s.transform = { x: t.x, y: t.y, k: t.k };
  if (isPanelTarget(raw.target)) s.target = raw.target;
  else if (s.model) s.target = targetOf(s.model);
  return s;
}

export function targetOf(model: GraphModel): PanelTarget {
  return { documentUri: model.documentUri, functionName: model.function.name, point: model.point.text, ...(model.seed ? { seed: model.seed } : {}) };
}

/** The same function (an edit, a new point, a new seed) keeps the user's view; another function starts fresh. */
export function sameFunction(a: GraphModel | null, b: GraphModel): boolean {
  return a !== null && a.documentUri === b.documentUri && a.function.name === b.function.name;
}
