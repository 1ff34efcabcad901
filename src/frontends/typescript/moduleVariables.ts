// Module-level variables that functions assign, as JavaScript scopes them: `var _vector;` declared
// once and made on first use inside a method (older three.js: `if (_vector === undefined) _vector =
// new Vector3();`), a counter `let calls = 0;` a function bumps. A function assigning such a name,
// which it does not declare itself, writes the module's variable (the IR's `global`), where the
// assignment alone would make a local.
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import { children, type SourceView } from './parse';

export interface ModuleVariables {
  /** `var` and `let` names declared at module level: functions may assign them. */
  readonly assignable: Set<string>;
  /** Those declared without a value (`var _vector;`): undefined until assigned. */
  readonly undefinedAtStart: { name: string; range: SourceRange }[];
}

export const noModuleVariables = (): ModuleVariables => ({ assignable: new Set(), undefinedAtStart: [] });

/** Notes the `var`/`let` names a module-level declaration statement declares (not `const`: it cannot be assigned). */
export function noteModuleVariables(node: SyntaxNode, view: SourceView, into: ModuleVariables): void {
  const declaration = node.name === 'ExportDeclaration' ? node.getChild('VariableDeclaration') : node;
  if (declaration?.name !== 'VariableDeclaration' || (!declaration.getChild('var') && !declaration.getChild('let'))) return;
  const kids = children(declaration);
  kids.forEach((k, i) => {
    if (k.name !== 'VariableDefinition') return;
    const name = view.textOf(k);
    into.assignable.add(name);
    let j = i + 1;
    while (kids[j]?.name === 'TypeAnnotation') j++;
    if (kids[j]?.name !== 'Equals') into.undefinedAtStart.push({ name, range: view.range(k) });
  });
}
