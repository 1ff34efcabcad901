import { fail } from '../../core/diagnostic';
import { ArrayValue } from '../array/ndarray';
import type { Runtime } from './runtime';
import { integerIndex } from './sequences';
import {
  BoundMethod,
  DictValue,
  ExactInteger,
  DictViewValue,
  ErrorTypeValue,
  ErrorValue,
  FunctionValue,
  DtypeValue,
  IntrinsicValue,
  NoneValue,
  SequenceValue,
  SetValue,
  Tracked,
  typeName,
  type Value,
} from './values';

/**
 * Strings as values: carried through the program (messages, dict keys, `str()`, f-strings, `%` and
 * `.format`), compared and concatenated, never differentiated. Numbers print as Python prints them,
 * with one guess the engine cannot avoid: it does not know int from float, so a whole constant prints
 * as an int (`3`), a differentiated parameter as a float (`3.0`).
 */

/**
 * How JavaScript turns a value into a string (`String(v)`, template literals, the default sort): a
 * JavaScript module's template literal prints its numbers so (`1`, not Python's `1.0`).
 */
export function jsString(v: Value): string {
  if (typeof v === 'string') return v;
  const n = typeof v === 'number' ? v : v instanceof Tracked ? v.value : undefined;
  if (n !== undefined) return String(n);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof NoneValue) return 'undefined';
  if (v instanceof SequenceValue) return v.items.map((x) => (x instanceof NoneValue ? '' : jsString(x))).join(',');
  if (v instanceof ArrayValue) return Array.from(v.data, String).join(',');
  return `[${typeName(v)}]`;
}

export function pyRepr(v: Value, guessed?: () => void): string {
  if (v instanceof DtypeValue) return `dtype('${v.dtype}')`;
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return pyStr(v, guessed);
}

/**
 * Python's str of a value. `guessed`: called when a whole number inside a list, tuple or dict was
 * printed as an int though the source does not say it is one (its caller warns, GUESSED_INT_TEXT).
 */
export function pyStr(v: Value, guessed?: () => void): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : floatRepr(v);
  if (v instanceof Tracked) return floatRepr(v.value);
  if (v instanceof ExactInteger) return v.value.toString();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof NoneValue) return 'None';
  if (v instanceof SequenceValue) {
    const kinds = v.made && v.made.items.length === v.items.length ? v.made : undefined;
    const inner = v.items.map((x, i) => {
      const kind = kinds?.items[i] === x ? kinds.kinds[i] : undefined;
      return itemRepr(x, kind === 'float', kind === 'int' || kind === 'bool' || v.exactInts?.[i] === x, guessed);
    }).join(', ');
    return v.isTuple ? `(${inner}${v.items.length === 1 ? ',' : ''})` : `[${inner}]`;
  }
  if (v instanceof DictValue) return `{${[...v.entries.values()].map((e) => `${itemRepr(e.key, false, false, guessed)}: ${itemRepr(e.value, false, false, guessed)}`).join(', ')}}`;
  if (v instanceof SetValue) return v.members.size === 0 ? 'set()' : `{${[...v.members.values()].map((x) => itemRepr(x, false, false, guessed)).join(', ')}}`;
  if (v instanceof DictViewValue) return `dict_${v.kind}([${v.list().map((x) => itemRepr(x, false, false, guessed)).join(', ')}])`;
  if (v instanceof ErrorValue) return v.message;
  if (v instanceof ErrorTypeValue) return `<class '${v.name}'>`;
  if (v instanceof ArrayValue) return `array(shape=(${v.shape.join(', ')}))`;
  if (v instanceof FunctionValue) return `<function ${v.fn.name}>`;
  if (v instanceof DtypeValue) return v.dtype;
  if (v instanceof IntrinsicValue) return `<built-in function ${v.name}>`;
  return `<${typeName(v)}>`;
}

/**
 * An item of a container as its repr prints it: a whole number the source made a float (`[1.0, 2.0]`)
 * as one, one it made an int as an int, any other whole number as an int, said through `guessed`.
 */
function itemRepr(x: Value, float: boolean, int: boolean, guessed: (() => void) | undefined): string {
  if (typeof x !== 'number' || !Number.isInteger(x) || Math.abs(x) >= 1e16) return pyRepr(x, guessed);
  if (float) return floatRepr(x);
  if (!int) guessed?.();
  return String(x);
}

/**
 * How `str`, `repr` and an f-string field print a number whose int-or-float type the compiler read
 * from the source (scalarKinds.ts): a float as one (`3.0`), though its value is whole. Undefined
 * where the source does not say and the value is whole: printed as an int, which the caller says.
 */
export function kindedNumberText(v: number, kind: 'int' | 'float' | 'bool' | undefined): { readonly text: string; readonly guessed: boolean } {
  if (kind === 'float') return { text: floatRepr(v), guessed: false };
  const whole = Number.isInteger(v) && Math.abs(v) < 1e16;
  return { text: whole ? String(v) : floatRepr(v), guessed: whole && kind !== 'int' };
}

/** What a warning says where a whole number of unknown type was printed as an int. */
export const GUESSED_INT_TEXT = 'printed as an int: the source does not say whether this whole number is an int or a float (a parameter, a value read back), and Python prints a float as 2.0 where an int prints as 2';

/** Python's repr of a float: shortest round trip, `1.0`, `1e-05`, `1e+16`, `inf`, `nan`. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    const e = Number(exponent);
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function primalNumber(rt: Runtime, v: Value, site: number, what: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof Tracked) return v.value;
  if (v instanceof ExactInteger) return Number(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return fail('type', `${what} needs a number, got ${typeName(v)}`, rt.sites[site]!);
}

/** `format(value, spec)`: `[[fill]align][sign][#][0][width][,][.precision][type]`. */
export function formatWithSpec(rt: Runtime, v: Value, spec: string, site: number): string {
  if (spec === '') return pyStr(v);
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!m) return fail('type', `invalid format spec '${spec}'`, rt.sites[site]!);
  const [, fillChar, align, sign, , zero, widthText, grouping, precisionText, type] = m;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let body: string;
  if (typeof v === 'string' || type === 's') {
    body = pyStr(v);
    if (precision !== undefined) body = body.slice(0, precision);
  } else {
    const x = primalNumber(rt, v, site, `the format spec '${spec}'`);
    body = formatNumber(x, type, precision, grouping);
    if (sign === '+' && x >= 0) body = `+${body}`;
    else if (sign === ' ' && x >= 0) body = ` ${body}`;
  }
  const width = widthText === undefined ? 0 : Number(widthText);
  if (body.length >= width) return body;
  const fill = fillChar ?? (zero ? '0' : ' ');
  const pad = width - body.length;
  const side = align ?? (zero ? '=' : typeof v === 'string' ? '<' : '>');
  if (side === '<') return body + fill.repeat(pad);
  if (side === '^') return fill.repeat(Math.floor(pad / 2)) + body + fill.repeat(Math.ceil(pad / 2));
  if (side === '=' && /^[+\- ]/.test(body)) return body[0] + fill.repeat(pad) + body.slice(1);
  return fill.repeat(pad) + body;
}

function formatNumber(x: number, type: string | undefined, precision: number | undefined, grouping: string | undefined): string {
  const group = (s: string): string => {
    if (!grouping) return s;
    const [int, frac] = s.split('.') as [string, string | undefined];
    return int.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (frac === undefined ? '' : `.${frac}`);
  };
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  switch (type) {
    case 'f':
    case 'F':
      return group(x.toFixed(precision ?? 6));
    case '%':
      return `${(x * 100).toFixed(precision ?? 6)}%`;
    case 'e':
    case 'E': {
      const [m, e] = x.toExponential(precision ?? 6).split('e') as [string, string];
      const s = `${m}e${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
      return type === 'E' ? s.toUpperCase() : s;
    }
    case 'g':
    case 'G':
    case 'n': {
      const p = precision === 0 ? 1 : (precision ?? 6);
      const exp = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
      if (exp < -4 || exp >= p) {
        const [m, e] = x.toExponential(p - 1).split('e') as [string, string];
        return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
      }
      const fixed = x.toFixed(Math.max(0, p - 1 - exp));
      return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
    }
    case 'd':
      return group(String(Math.trunc(x)));
    case 'x':
      return Math.trunc(x).toString(16);
    case 'o':
      return Math.trunc(x).toString(8);
    case 'b':
      return Math.trunc(x).toString(2);
    default:
      return group(precision === undefined ? (Number.isInteger(x) ? String(x) : floatRepr(x)) : formatNumber(x, 'g', precision, undefined));
  }
}

/** `'%.3f and %s' % (x, name)`. */
export function percentFormat(rt: Runtime, template: string, args: Value, site: number): string {
  const values = args instanceof SequenceValue && args.isTuple ? args.items : [args];
  let next = 0;
  const out = template.replace(/%(?:\(([^)]*)\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_all, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    let v: Value;
    if (key !== undefined) {
      if (!(args instanceof DictValue)) return fail('type', 'format requires a mapping', rt.sites[site]!);
      const entry = args.entries.get(`s${key}`);
      if (!entry) return fail('key', `KeyError: '${key}'`, rt.sites[site]!);
      v = entry.value;
    } else {
      if (next >= values.length) return fail('type', 'not enough arguments for format string', rt.sites[site]!);
      v = values[next++]!;
    }
    const align = flags.includes('-') ? '<' : '';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zero = flags.includes('0') && !align ? '0' : '';
    if (type === 's' || type === 'r' || type === 'a') {
      const text = type === 's' ? pyStr(v) : pyRepr(v);
      return formatWithSpec(rt, text, `${align}${width ?? ''}${precision !== undefined ? `.${precision}` : ''}`, site);
    }
    const t = type === 'i' || type === 'u' ? 'd' : type;
    return formatWithSpec(rt, v, `${align}${sign}${zero}${width ?? ''}${precision !== undefined && t !== 'd' ? `.${precision}` : ''}${t}`, site);
  });
  if (key0(values, args) && next < values.length) fail('type', 'not all arguments converted during string formatting', rt.sites[site]!);
  return out;
}

function key0(values: readonly Value[], args: Value): boolean {
  return !(args instanceof DictValue) && values.length > 0;
}

/** `'{} and {name:.2f}'.format(x, name=y)`. */
export function braceFormat(rt: Runtime, template: string, args: readonly Value[], keywords: ReadonlyMap<string, Value>, site: number): string {
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (all, field: string | undefined, conversion: string | undefined, spec: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const name = field ?? '';
    let v: Value | undefined;
    if (name === '') v = args[auto++];
    else if (/^\d+$/.test(name)) v = args[Number(name)];
    else v = keywords.get(name);
    if (v === undefined) return fail('index', `no value for the field {${name}} in the format string`, rt.sites[site]!);
    const shown: Value = conversion === 'r' || conversion === 'a' ? pyRepr(v) : conversion === 's' ? pyStr(v) : v;
    return formatWithSpec(rt, shown, spec ?? '', site);
  });
}

export const STRING_METHODS: ReadonlySet<string> = new Set([
  'join', 'format', 'upper', 'lower', 'strip', 'lstrip', 'rstrip', 'startswith', 'endswith', 'split', 'replace',
  'title', 'capitalize', 'count', 'find', 'zfill', 'isdigit', 'isalpha',
]);

export function callStringMethod(rt: Runtime, method: BoundMethod, args: Value[], keywords: ReadonlyMap<string, Value>, site: number, items: (v: Value) => Value[]): Value {
  const s = method.receiver as string;
  const str = (i: number): string => {
    const v = args[i];
    if (typeof v !== 'string') return fail('type', `.${method.name}() needs a string argument, got ${v === undefined ? 'nothing' : typeName(v)}`, rt.sites[site]!);
    return v;
  };
  const chars = (i: number): string | undefined => (args[i] === undefined || args[i] instanceof NoneValue ? undefined : str(i));
  const trim = (set: string | undefined, left: boolean, right: boolean): string => {
    const strip = (c: string): boolean => (set === undefined ? /\s/.test(c) : set.includes(c));
    let a = 0;
    let b = s.length;
    while (left && a < b && strip(s[a]!)) a++;
    while (right && b > a && strip(s[b - 1]!)) b--;
    return s.slice(a, b);
  };
  switch (method.name) {
    case 'join': {
      const parts = items(args[0]!);
      return parts.map((p) => (typeof p === 'string' ? p : fail('type', `str.join() needs strings, got ${typeName(p)}`, rt.sites[site]!))).join(s);
    }
    case 'format':
      return braceFormat(rt, s, args, keywords, site);
    case 'upper':
      return s.toUpperCase();
    case 'lower':
      return s.toLowerCase();
    case 'strip':
      return trim(chars(0), true, true);
    case 'lstrip':
      return trim(chars(0), true, false);
    case 'rstrip':
      return trim(chars(0), false, true);
    case 'startswith':
    case 'endswith': {
      const options = args[0] instanceof SequenceValue ? args[0].items : [args[0]!];
      return options.some((o) => (typeof o === 'string' ? (method.name === 'startswith' ? s.startsWith(o) : s.endsWith(o)) : false));
    }
    case 'split': {
      const sep = chars(0);
      const parts = sep === undefined ? s.split(/\s+/).filter((p) => p !== '') : s.split(sep);
      rt.allocate(16 * parts.length, site);
      return new SequenceValue(parts, false);
    }
    case 'replace':
      return s.split(str(0)).join(str(1));
    case 'title':
      return s.replace(/\w\S*/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
    case 'capitalize':
      return s.length ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s;
    case 'count':
      return str(0) === '' ? s.length + 1 : s.split(str(0)).length - 1;
    case 'find':
      return s.indexOf(str(0));
    case 'zfill': {
      const width = integerIndex(rt, args[0]!, site, 'zfill()');
      const signed = /^[+-]/.test(s);
      const digits = signed ? s.slice(1) : s;
      return (signed ? s[0] : '') + digits.padStart(width - (signed ? 1 : 0), '0');
    }
    case 'isdigit':
      return /^\d+$/.test(s);
    case 'isalpha':
      return /^\p{L}+$/u.test(s);
    default:
      return fail('type', `str.${method.name}() is not supported`, rt.sites[site]!);
  }
}
