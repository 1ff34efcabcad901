import { isRecord, isString } from './guards';

/**
 * What the graph panel shows, kept in the webview's state (getState/setState) so that VS Code hands it
 * back after a window reload: the extension's WebviewPanelSerializer reads it (from the raw state,
 * trusting nothing) and shows that function again.
 */
export interface PanelTarget {
  readonly documentUri: string;
  readonly functionName: string;
  /** The point as the panel last showed it (`x1=1.5, x2=0.5`); the restored panel uses the function's current point. */
  readonly point: string;
  /** The input whose tangent was 1 in the primal–tangent table. */
  readonly seed?: string;
}

export function isPanelTarget(x: unknown): x is PanelTarget {
  return (
    isRecord(x) &&
    isString(x.documentUri) &&
    x.documentUri.length > 0 &&
    isString(x.functionName) &&
    x.functionName.length > 0 &&
    isString(x.point) &&
    (x.seed === undefined || isString(x.seed))
  );
}

/** The target in a webview state as the serializer receives it (any shape), or undefined. */
export function panelTargetOf(state: unknown): PanelTarget | undefined {
  return isRecord(state) && isPanelTarget(state.target) ? state.target : undefined;
}
