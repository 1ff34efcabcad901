import { keyedRecord } from '../../core/keyed';
import type { IrPointValue } from '../../ir/nodes';
import { MAX_NESTING, NESTING_MESSAGE } from './nesting';

/** How a language spells what `@at` reads: the word for a list, which names are identifiers, its constants. */
export interface AtSyntax {
  /** `a list` (Python) or `an array` (TypeScript), with its article, for messages. */
  readonly collection: string;
  /** A parameter name at the start of the text. */
  readonly name: RegExp;
  /** The words that are values: Python's `True`, `False`, `None`; JavaScript's `true`, `false`, `null`. */
  readonly words: Readonly<Record<string, boolean | null>>;
}

const NUMBER = /[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?(?![\w.])/y;
const PROPERTY = /(?:"([^"\\]*)"|'([^'\\]*)'|([A-Za-z_$][\w$]*))/y;
/** A string in single or double quotes, with backslash escapes of the quote, the backslash, n and t. */
const STRING = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/y;
const WORD = /[\p{L}_$][\p{L}\p{M}\p{N}_$]*/uy;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t' };
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
 * `x1=2, x2=[1, -2.5e3], kind="call"` to values, or what is wrong with it. Shared by every front
 * end's `@at` annotation, so the syntax and its messages are one.
 */
export function parseAtValues(text: string, syntax: AtSyntax): Record<string, IrPointValue> | string {
  try {
    return readAtValues(text, syntax);
  } catch (e) {
    if (e instanceof AtProblem) return e.message;
    throw e;
  }
}

/** What is wrong with an `@at` text, thrown from where it is found (a value may itself be a string). */
class AtProblem {
  constructor(readonly message: string) {}
}

function problem(message: string): never {
  throw new AtProblem(message);
}

function readAtValues(text: string, syntax: AtSyntax): Record<string, IrPointValue> {
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
  const value = (name: string, depth: number): IrPointValue => {
    skip();
    if (s[i] === '[') {
      if (depth >= MAX_NESTING) return problem(`the value of ${name} is ${NESTING_MESSAGE}`);
      i++;
      const items: IrPointValue[] = [];
      for (skip(); s[i] !== ']'; skip()) {
        if (i >= s.length) return problem(`'[' is never closed in the value of ${name}`);
        const v = value(name, depth + 1);
        items.push(v);
        skip();
        if (i >= s.length) return problem(`'[' is never closed in the value of ${name}`);
        if (s[i] === ',') i++;
        else if (s[i] !== ']') return problem(`expected ',' or ']' in the value of ${name}, found ${found()}`);
      }
      i++;
      return items;
    }
    if (s[i] === '{') {
      if (depth >= MAX_NESTING) return problem(`the value of ${name} is ${NESTING_MESSAGE}`);
      return object(name, depth);
    }
    const m = at(NUMBER);
    if (m) {
      i += m[0].length;
      return Number(m[0].replace(/_/g, ''));
    }
    // Text is carried to the function, never differentiated (`option_type="call"`, `normalize=True`).
    const quoted = at(STRING);
    if (quoted) {
      const body = quoted[1] ?? quoted[2]!;
      const bad = /\\(.)/.exec(body.replace(/\\[\\"'nt]/g, ''));
      if (bad) return problem(`the string in the value of ${name} has the escape \\${bad[1]}: only \\\\, \\", \\', \\n and \\t are read`);
      i += quoted[0].length;
      return body.replace(/\\([\\"'nt])/g, (_m, c: string) => ESCAPES[c]!);
    }
    if (s[i] === '"' || s[i] === "'") return problem(`the string in the value of ${name} is never closed (or holds a line break)`);
    const word = at(WORD);
    if (word && Object.hasOwn(syntax.words, word[0])) {
      i += word[0].length;
      return syntax.words[word[0]]!;
    }
    const words = Object.keys(syntax.words).join('/');
    // A bare word is most often a string without its quotes (`option_type=call`).
    const hint = word ? ` (a string is written in quotes: ${name}="${word[0]}")` : '';
    return problem(`the value of ${name} must be a number, ${syntax.collection} of numbers, a string in quotes or ${words}, found ${found()}${hint}`);
  };
  // `{x: 1, "y": [2, 3]}`: an object parameter's value, in JavaScript's literal form or JSON's.
  function object(name: string, depth: number): IrPointValue {
    i++;
    const entries = keyedRecord<IrPointValue>();
    for (skip(); s[i] !== '}'; skip()) {
      if (i >= s.length) return problem(`'{' is never closed in the value of ${name}`);
      const key = at(PROPERTY);
      if (!key) return problem(`expected a property name in the value of ${name}, found ${found()}`);
      i += key[0].length;
      const k = key[1] ?? key[2] ?? key[3]!;
      skip();
      if (s[i] !== ':') return problem(`expected ':' after ${k} in the value of ${name}, found ${found()}`);
      i++;
      const v = value(`${name}.${k}`, depth + 1);
      if (Object.hasOwn(entries, k)) return problem(`${name}.${k} is given twice`);
      entries[k] = v;
      skip();
      if (i >= s.length) return problem(`'{' is never closed in the value of ${name}`);
      if (s[i] === ',') i++;
      else if (s[i] !== '}') return problem(`expected ',' or '}' in the value of ${name}, found ${found()}`);
    }
    i++;
    if (Object.keys(entries).length === 0) return problem(`the value of ${name} is an empty object: give its numbers`);
    return entries;
  }
  const named = keyedRecord<IrPointValue>();
  if (s === '') return problem('it gives no values');
  while (i < s.length) {
    skip();
    const m = at(name);
    if (!m) return problem(`expected a parameter name, found ${found()}`);
    const param = m[0];
    i += param.length;
    skip();
    if (s[i] !== '=') return problem(`expected '=' after ${param}, found ${found()}`);
    i++;
    const v = value(param, 0);
    if (Object.hasOwn(named, param)) return problem(`${param} is given twice`);
    named[param] = v;
    skip();
    if (i < s.length && s[i] !== ',') return problem(`expected ',' after the value of ${param}, found ${found()}`);
    i++;
  }
  return named;
}

/** An `@at` line's parts: the parameters' values, the receiver's (`; self: alpha=0.1`), the `; wrt` names. */
export interface AtLineParts {
  readonly params: string;
  readonly receiver?: string;
  readonly wrt?: string;
}

/**
 * `z=0.5; self: alpha=0.1; wrt z` → its parts, split at each `;` outside quotes (a `;` in a string,
 * `sep="a;b"`, is the string's). `receiver` is the method's receiver word (`self`, `this`), absent
 * for a plain function; a part after the first that does not start with it stays in the parameters'
 * part, which then reads as malformed.
 */
export function splitAtLine(text: string, receiver?: string): AtLineParts {
  const sections = topLevelSections(text);
  const wrtAt = sections.findIndex((s, i) => i > 0 && /^\s*wrt\b/.test(s));
  const wrt = wrtAt > 0 ? { wrt: sections.slice(wrtAt).join(';').replace(/^\s*wrt\b/, '') } : {};
  const before = wrtAt > 0 ? sections.slice(0, wrtAt) : sections;
  if (receiver === undefined) return { params: before.join(';'), ...wrt };
  const own = new RegExp(`^\\s*${receiver}\\s*:(.*)$`, 's');
  if (before.length === 1) {
    const m = own.exec(before[0]!);
    return m ? { params: '', receiver: m[1]!, ...wrt } : { params: before[0]!, ...wrt };
  }
  const m = own.exec(before.slice(1).join(';'));
  return m ? { params: before[0]!, receiver: m[1]!, ...wrt } : { params: before.join(';'), ...wrt };
}

/** The text between `;`s that are outside single- or double-quoted strings (a backslash escapes the next character). */
function topLevelSections(text: string): string[] {
  const sections: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ';') {
      sections.push(text.slice(start, i));
      start = i + 1;
    }
  }
  sections.push(text.slice(start));
  return sections;
}
