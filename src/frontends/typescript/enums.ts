import type { SyntaxNode } from '@lezer/common';
import type { IrDictEntry, IrExpr } from '../../ir/nodes';
import { unsupportedExpr, type Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { children } from './parse';

/**
 * TypeScript's `enum` as the object it compiles to, an IR dict: `enum When { Begin = 'begin', End =
 * 'end' }` is `{ Begin: 'begin', End: 'end' }`; a member without an initializer is the previous
 * member's number plus one (the first is 0), and a numeric member also maps its number back to its
 * name (`Dir[0]` is `'Up'`), as tsc emits. `const enum` is the same object (tsc inlines its members;
 * the values are equal). An initializer reading another member by its bare name (`B = A * 2`) is not
 * resolved: that name is unknown where it is reached.
 */

/** The EnumDeclaration of a top-level statement, `export enum …` included. */
export function enumDeclarationOf(node: SyntaxNode): SyntaxNode | undefined {
  if (node.name === 'EnumDeclaration') return node;
  if (node.name === 'ExportDeclaration') return node.getChild('EnumDeclaration') ?? undefined;
  return undefined;
}

export function enumName(node: SyntaxNode, ctx: Context): string | undefined {
  const name = node.getChild('TypeDefinition');
  return name ? ctx.view.textOf(name) : undefined;
}

export function lowerEnum(node: SyntaxNode, ctx: Context): IrExpr {
  const { view } = ctx;
  const range = view.range(node);
  const body = node.getChild('EnumBody');
  const entries: IrDictEntry[] = [];
  const reverse: IrDictEntry[] = [];
  // The last member's value when it was a number literal: the next one without an initializer follows it.
  let next: number | undefined = 0;
  const kids = body ? children(body).filter((k) => k.name !== '{' && k.name !== '}') : [];
  for (let i = 0; i < kids.length; i++) {
    const nameNode = kids[i]!;
    if (nameNode.name !== 'PropertyName' && nameNode.name !== 'String') continue;
    const raw = view.textOf(nameNode);
    const name = nameNode.name === 'String' ? raw.slice(1, -1) : raw;
    const memberRange = view.range(nameNode);
    const key: IrExpr = { kind: 'string', value: name, range: memberRange };
    let value: IrExpr;
    if (kids[i + 1]?.name === 'Equals' && kids[i + 2]) {
      const init = kids[i + 2]!;
      value = lowerExpr(init, ctx);
      i += 2;
      const literal = numberLiteral(value);
      next = literal === undefined ? undefined : literal + 1;
      if (literal !== undefined) reverse.push({ key: { kind: 'string', value: String(literal), range: memberRange }, value: key });
    } else if (next !== undefined) {
      value = { kind: 'number', value: next, range: memberRange };
      reverse.push({ key: { kind: 'string', value: String(next), range: memberRange }, value: key });
      next++;
    } else {
      value = unsupportedExpr(ctx, 'enum', `the enum member ${name} follows a member whose value is not a number literal: give it an initializer`, memberRange);
    }
    entries.push({ key, value });
  }
  // JavaScript lists an object's array-index keys first, ascending: `Object.keys(Dir)` is `['0', '1', 'Up', 'Down']`.
  const index = (e: IrDictEntry): number | undefined => {
    const k = 'key' in e && e.key.kind === 'string' ? e.key.value : '';
    return /^(?:0|[1-9]\d*)$/.test(k) ? Number(k) : undefined;
  };
  const indexed = reverse.filter((e) => index(e) !== undefined).sort((a, b) => index(a)! - index(b)!);
  return { kind: 'dict', entries: [...indexed, ...entries, ...reverse.filter((e) => index(e) === undefined)], range };
}

function numberLiteral(e: IrExpr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return -e.operand.value;
  return undefined;
}
