import * as vscode from 'vscode';
import { BUDGET_CEILINGS } from '../core/budget';
import type { AnalysisSettings } from '../report/report';

/** The `gradlens.*` settings (declared in package.json, documented in the README), read typed. */
export interface GradLensSettings {
  readonly enable: boolean;
  readonly codeLens: boolean;
  readonly hover: boolean;
  readonly precision: number;
  readonly debounceMillis: number;
  readonly analysis: AnalysisSettings;
}

/** Settings as they apply to `document`: `enable`, `codeLens.enabled` and `hover.enabled` may differ per language. */
export function settingsFor(document: vscode.TextDocument | undefined): GradLensSettings {
  const c = vscode.workspace.getConfiguration('gradlens', document);
  const int = (key: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = c.get<number>(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
  };
  const precision = int('precision', 4, 1, 17);
  return {
    enable: c.get<boolean>('enable', true) !== false,
    codeLens: c.get<boolean>('codeLens.enabled', true) !== false,
    hover: c.get<boolean>('hover.enabled', true) !== false,
    precision,
    debounceMillis: int('debounceMillis', 250, 0, 10_000),
    analysis: {
      mode: c.get<string>('mode') === 'forward' ? 'forward' : 'reverse',
      precision,
      budget: {
        maxSteps: int('budget.maxSteps', 1_000_000, 1_000, BUDGET_CEILINGS.maxSteps),
        maxMillis: int('budget.maxMillis', 1_000, 10, BUDGET_CEILINGS.maxMillis),
        maxBytes: int('budget.maxMemoryMB', 256, 1, BUDGET_CEILINGS.maxMemoryMB) * 1024 * 1024,
      },
    },
  };
}
