// A function's JSDoc block as its documentation (`IrFunction.doc`), written in the entry form the
// analysis reads from any language's docstring (analysis/shapes/docShapes.ts): each
//
//   @param {String} callPut The type of option - "call" or "put"
//
// becomes `callPut : String The type of option - "call" or "put"`, so a parameter the code compares
// with "call" is sampled as the first choice its documentation lists, a `{number}` one is a number,
// and a shape the description states (`shape (n, d)`) is read as a docstring's is. Other lines are
// kept as written (their `*` margins dropped); other tags are left out.
import type { LineMap } from '../../core/sourceRange';
import type { IrClass, IrFunction } from '../../ir/nodes';

/** `@param {T} name`, `@param {T} [name=default]`, `@param name {T}` (older style), or untyped. */
const PARAM = /^@(?:param|arg|argument)\s+(?:\{([^}]*)\}\s*)?(\[[^\]]*\]|[\w$.]+)\s*(?:\{([^}]*)\}\s*)?(.*)$/;

/** The documentation of the `/** … *\/` block ending on the line above `line`, if there is one. */
export function jsdocAbove(lines: LineMap, line: number): string | undefined {
  const block = blockAbove(lines, line);
  return block ? docOf(block) : undefined;
}

/** The lines of the `/** … *\/` block ending on the line above `line`, their `*` margins dropped. */
function blockAbove(lines: LineMap, line: number): string[] | undefined {
  const last = line - 1;
  if (last < 0 || !lines.lineText(last).trimEnd().endsWith('*/')) return undefined;
  let first = last;
  while (first >= 0 && !lines.lineText(first).includes('/**')) {
    if (first < last && lines.lineText(first).includes('*/')) return undefined;
    first--;
  }
  if (first < 0) return undefined;
  const text: string[] = [];
  for (let l = first; l <= last; l++) {
    let s = lines.lineText(l);
    if (l === first) s = s.slice(s.indexOf('/**') + 3);
    if (l === last) s = s.slice(0, s.lastIndexOf('*/'));
    text.push(s.replace(/^\s*\*(?!\/)\s?/, ''));
  }
  return text;
}

/** The types the block's @param tags state, by parameter name. */
function paramTypes(block: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block) {
    const m = PARAM.exec(line.trim());
    const type = m ? typeText(m[1] ?? m[3]).trim() : '';
    if (m && type !== '') out.set(paramName(m[2]!), type);
  }
  return out;
}

/** The block's lines as documentation: its @param entries rewritten, other tags dropped with their continuation lines. */
function docOf(text: readonly string[]): string | undefined {
  const out: string[] = [];
  let inTag = false;
  for (const raw of text) {
    const s = raw.trim();
    if (s.startsWith('@')) {
      const m = PARAM.exec(s);
      inTag = !m;
      if (m) out.push(`${paramName(m[2]!)} : ${typeText(m[1] ?? m[3])}${m[4]!.replace(/^-\s*/, '')}`.trimEnd());
      continue;
    }
    // A continuation of a @param's description, indented below it as docShapes reads an entry.
    if (!inTag && s !== '' && out.length > 0 && / : /.test(out[out.length - 1]!) && raw.startsWith(' ')) out.push(`    ${s}`);
    else if (!inTag) out.push(s);
  }
  const doc = out.join('\n').trim();
  return doc === '' ? undefined : doc;
}

/** `[scale=100]` → `scale`; `options.tol` (a property of an options object) stays dotted and matches no parameter. */
function paramName(written: string): string {
  return written.startsWith('[') ? written.slice(1, -1).split('=')[0]!.trim() : written;
}

/** `{?number=}` → `number `; no type, nothing. */
function typeText(type: string | undefined): string {
  const t = type?.trim().replace(/^[?!]|[=]$/g, '');
  return t ? `${t} ` : '';
}

/**
 * The functions and methods, each with the documentation of the JSDoc block directly above it, its
 * parameters with the types the block states where the code states none (`IrParam.type`), and an
 * entry `name : type` for each typed parameter the block does not document (`kind: 'call' | 'put'`,
 * `x: number`): the analysis reads choices and numbers there as in a docstring.
 */
export function withJsDocs(lines: LineMap, functions: readonly IrFunction[], classes: readonly IrClass[]): { functions: IrFunction[]; classes: IrClass[] } {
  const documented = (fn: IrFunction): IrFunction => {
    if (fn.doc !== undefined) return fn;
    const block = blockAbove(lines, fn.range.start.line);
    const stated = block ? paramTypes(block) : new Map<string, string>();
    const params = stated.size === 0 ? fn.params : fn.params.map((p) => (p.type === undefined && stated.has(p.name) ? { ...p, type: stated.get(p.name)! } : p));
    const written = block ? docOf(block) : undefined;
    const typedOnly = params.filter((p) => p.type !== undefined && !stated.has(p.name)).map((p) => `${p.name} : ${p.type!.replace(/\s+/g, ' ')}`);
    const doc = [written, ...typedOnly].filter((d) => d !== undefined).join('\n');
    return doc === '' && params === fn.params ? fn : { ...fn, params, ...(doc !== '' ? { doc } : {}) };
  };
  return {
    functions: functions.map(documented),
    classes: classes.map((c) => ({ ...c, methods: c.methods.map((m) => ({ ...m, fn: documented(m.fn) })) })),
  };
}
