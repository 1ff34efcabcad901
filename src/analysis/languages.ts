import { nameTable } from '../core/keyed';
import type { IrModule, Language } from '../ir/nodes';
import { lowerMath } from '../frontends/math';
import { lowerPython } from '../frontends/python';
import { lowerTypeScript } from '../frontends/typescript';

const EXTENSIONS: Readonly<Record<string, Language>> = nameTable({
  '.py': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'typescript',
  '.mjs': 'typescript',
  '.cjs': 'typescript',
  '.md': 'math',
  '.txt': 'math',
  '.math': 'math',
});

export function languageForPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** Source text to IR through the language's front end. */
/** `above`: a notebook cell's prelude (prelude.ts); only Python reads it (for the modules it imports). */
export function lowerDocument(text: string, uri: string, language: Language, above?: string): IrModule {
  switch (language) {
    case 'python':
      return lowerPython(text, uri, above);
    case 'math':
      return lowerMath(text, uri);
    case 'typescript':
      return lowerTypeScript(text, uri);
  }
}
