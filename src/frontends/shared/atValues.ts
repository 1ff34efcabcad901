import { keyedRecord } from '../../core/keyed';
import type { IrPointValue } from '../../ir/nodes';
import { MAX_NESTING, NESTING_MESSAGE } from './nesting';

/** How a language spells what `@at` reads: the word for a list, and which names are identifiers. */
export interface AtSyntax {
  /** `a list` (Python) or `an array` (TypeScript), with its article, for messages. */
  readonly collection: string;
  /** A parameter name at the start of the text. */
  readonly name: RegExp;
}

const NUMBER = /[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?(?![\w.])/y;
const PROPERTY = /(?:"([^"\\]*)"|'([^'\\]*)'|([A-Za-z_$][\w$]*))/y;
const stickyNames = new WeakMap<AtSyntax, RegExp>();

/** The syntax's name pattern (written anchored, `^…`) as a sticky one, made once per syntax. */
function stickyName(syntax: AtSyntax): RegExp {
  let re = stickyNames.get(syntax);
  if (!re) {
    re = new RegExp(syntax.name.source.replace(/^\^/, ''), `${syntax.name.flags.replace(/[gy]/g, '')}y`);
    stickyNames.set(syntax, re);
  }
  return re;
}

/**
 * `x1=2, x2=[1, -2.5e3]` to values, or what is wrong with it. Shared by every front end's `@at`
 * annotation, so the syntax and its messages are one.
 */
export function parseAtValues(text: string, syntax: AtSyntax): Record<string, IrPointValue> | string {
  const s = text.trim();
  let i = 0;
  // Each token is matched where it starts (sticky), never on a copy of the rest of the line: a
  // 100,000-number list is read in one pass, not in time quadratic in its length.
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(s);
  };
  const name = stickyName(syntax);
  const skip = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const found = (): string => (i >= s.length ? 'the end of the line' : `'${s.slice(i, i + 40).split(/[\s,=\]]/)[0] || s[i]}'`);
  const value = (name: string, depth: number): IrPointValue | string => {
    skip();
    if (s[i] === '[') {
      if (depth >= MAX_NESTING) return `the value of ${name} is ${NESTING_MESSAGE}`;
      i++;
      const items: IrPointValue[] = [];
      for (skip(); s[i] !== ']'; skip()) {
        if (i >= s.length) return `'[' is never closed in the value of ${name}`;
        const v = value(name, depth + 1);
        if (typeof v === 'string') return v;
        items.push(v);
        skip();
        if (i >= s.length) return `'[' is never closed in the value of ${name}`;
        if (s[i] === ',') i++;
        else if (s[i] !== ']') return `expected ',' or ']' in the value of ${name}, found ${found()}`;
      }
      i++;
      return items;
    }
    if (s[i] === '{') {
      if (depth >= MAX_NESTING) return `the value of ${name} is ${NESTING_MESSAGE}`;
      return object(name, depth);
    }
    const m = at(NUMBER);
    if (!m) return `the value of ${name} must be a number or ${syntax.collection} of numbers, found ${found()}`;
    i += m[0].length;
    return Number(m[0].replace(/_/g, ''));
  };
  // `{x: 1, "y": [2, 3]}`: an object parameter's value, in JavaScript's literal form or JSON's.
  function object(name: string, depth: number): IrPointValue | string {
    i++;
    const entries = keyedRecord<IrPointValue>();
    for (skip(); s[i] !== '}'; skip()) {
      if (i >= s.length) return `'{' is never closed in the value of ${name}`;
      const key = at(PROPERTY);
      if (!key) return `expected a property name in the value of ${name}, found ${found()}`;
      i += key[0].length;
      const k = key[1] ?? key[2] ?? key[3]!;
      skip();
      if (s[i] !== ':') return `expected ':' after ${k} in the value of ${name}, found ${found()}`;
      i++;
      const v = value(`${name}.${k}`, depth + 1);
      if (typeof v === 'string') return v;
      if (Object.hasOwn(entries, k)) return `${name}.${k} is given twice`;
      entries[k] = v;
      skip();
      if (i >= s.length) return `'{' is never closed in the value of ${name}`;
      if (s[i] === ',') i++;
      else if (s[i] !== '}') return `expected ',' or '}' in the value of ${name}, found ${found()}`;
    }
    i++;
    if (Object.keys(entries).length === 0) return `the value of ${name} is an empty object: give its numbers`;
    return entries;
  }
  const named = keyedRecord<IrPointValue>();
  if (s === '') return 'it gives no values';
  while (i < s.length) {
    skip();
    const m = at(name);
    if (!m) return `expected a parameter name, found ${found()}`;
    const param = m[0];
    i += param.length;
    skip();
    if (s[i] !== '=') return `expected '=' after ${param}, found ${found()}`;
    i++;
    const v = value(param, 0);
    if (typeof v === 'string') return v;
    if (Object.hasOwn(named, param)) return `${param} is given twice`;
    named[param] = v;
    skip();
    if (i < s.length && s[i] !== ',') return `expected ',' after the value of ${param}, found ${found()}`;
    i++;
  }
  return named;
}
