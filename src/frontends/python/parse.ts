import type { SyntaxNode } from '@lezer/common';
import { childrenWithout } from '../shared/sourceView';

export { SourceView } from '../shared/sourceView';

const COMMENTS = new Set(['Comment']);

/** Direct children, comments left out (lezer keeps skipped tokens such as comments in the tree). */
export function children(node: SyntaxNode): SyntaxNode[] {
  return childrenWithout(node, COMMENTS);
}

export function isError(node: SyntaxNode): boolean {
  return node.type.isError;
}

export interface CommaGroups {
  readonly groups: SyntaxNode[][];
  readonly trailingComma: boolean;
}

/** Splits a `commaSep` run of children on its `,` tokens. Empty groups (`(,)`, a trailing comma) drop out. */
export function splitOnCommas(nodes: readonly SyntaxNode[]): CommaGroups {
  const groups: SyntaxNode[][] = [];
  let current: SyntaxNode[] = [];
  let trailingComma = false;
  for (const n of nodes) {
    if (n.name === ',') {
      if (current.length > 0) groups.push(current);
      current = [];
      trailingComma = true;
    } else {
      current.push(n);
      trailingComma = false;
    }
  }
  if (current.length > 0) groups.push(current);
  return { groups, trailingComma };
}

/** The children strictly between an opening bracket and its closing one (missing brackets tolerated). */
export function insideBrackets(node: SyntaxNode, open: string, close: string): SyntaxNode[] {
  const all = children(node);
  const start = all.findIndex((c) => c.name === open);
  const rest = start >= 0 ? all.slice(start + 1) : all;
  const end = rest.findIndex((c) => c.name === close);
  return end >= 0 ? rest.slice(0, end) : rest;
}
