import { isPointText } from '../core/pointTree';
import { diagnosticText } from '../core/diagnosticText';
import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { rangeContains, type SourceRange } from '../core/sourceRange';
import type { IrClass, IrFunction, IrMethod, IrStmt } from '../ir/nodes';
import { defaultWrt, isReceiverName, receiverAttribute } from '../ir/receiverInputs';
import { releaseTrace, type PointValue } from '../engine/run';
import { gradientName } from '../codegen/names';
import { programFunction, type GradientProgram } from '../codegen/program';
import { printProgram, type TargetLanguage } from '../codegen/printSource';
import { reverseMode } from '../codegen/reverse';
import { pythonLibraryOf, type PythonModules } from '../codegen/spelling';
import { DocumentAnalysis } from './document';
import { failure, guard, success, type Outcome } from './outcome';
import { findPairings } from './pairing';
import { nearbyPoints } from './pointValues';
import type { ResolvedPoint } from './points';
import { listedMethodName } from '../ir/methodNames';

/**
 * "Show the derivative as code": a function's gradient generated as source (codegen/), and checked
 * before anyone sees it — the printed text is read back by GradLens's own front end and run by its
 * engine at the function's point and nearby points, and compared with AD. Text that disagrees is
 * never shown: the outcome is an error (a bug in the generator).
 */

export const SOURCE_CHECK_POINTS = 9;
/** Generated code and AD agree to this relative error (an absolute floor for values near zero). */
export const SOURCE_TOLERANCE = { relative: 1e-10, absolute: 1e-12 } as const;

export interface DerivativeSource {
  readonly function: string;
  /** The generated function's name (`grad_f`). */
  readonly name: string;
  readonly language: TargetLanguage;
  /** Import lines the file lacks, then the function. */
  readonly text: string;
  /** The function alone (what the quick fixes insert), without imports the file lacks. */
  readonly functionText: string;
  readonly imports: readonly string[];
  readonly wrt: readonly string[];
  /** Points where the text's result was compared with AD, and the largest relative difference. */
  readonly checkedPoints: number;
  readonly maxRelError: number;
  readonly range: SourceRange;
  /** For an instance method: its class, of which the generated code is a method too (placed by besideMethod). */
  readonly inClass?: string;
}

export interface SourceRequest {
  /** The source text `doc` was made from (the check reads the generated code together with it). */
  readonly text: string;
  readonly uri: string;
  /** Default: the file's own language (JavaScript for .js files). */
  readonly language?: TargetLanguage;
  /** The point to check at; default the function's own. */
  readonly at?: ResolvedPoint;
  /**
   * The parameters (and `self.w` attributes) to differentiate, as `--wrt` names them; the others
   * are constants of the code. Default: what the lens differentiates (the `@wrt` annotation, else all).
   */
  readonly wrt?: readonly string[];
}

export function derivativeSource(doc: DocumentAnalysis, name: string, request: SourceRequest): Outcome<DerivativeSource> {
  const fn = doc.find(name);
  if (!fn) return failure(diagnostic('error', 'unknown-name', `no function named ${name} in this file`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }));
  // A function returning (loss, grad) — its own hand-written gradient — gets the gradient of its loss.
  // `loss = make_loss(X, y)`: the function reads its factory's locals (a closure), which are no names of the module.
  const bound = doc.module.boundFunctions?.find((b) => b.name === name);
  if (bound && bound.value.kind === 'call') return unsupported(`${name} is made by a factory call: derivative code for a function that reads its factory's values is not written yet`, fn.nameRange);
  const lossOnly = valueAndGradient(doc, fn);
  if (lossOnly) return derivativeSource(lossOnly, name, request);
  const language = request.language ?? fileLanguage(doc, request.uri);
  const point = request.at ? success(request.at) : pointFor(doc, name);
  if (!point.ok) return point;
  // Arrays are written as numpy in Python; TypeScript and JavaScript get arrays of numbers as lists (lists.ts).
  const python = language === 'python';
  // Text (`option_type="put"`) is a constant of the code, as in the function: it is passed through.
  const arrays = python && Object.values(point.value.values).some((v) => typeof v !== 'number' && !isPointText(v));
  const lengths = python ? {} : Object.fromEntries(Object.entries(point.value.values).flatMap(([k, v]) => (isNumberList(v) ? [[k, v.length] as const] : [])));
  const texts = Object.fromEntries(Object.entries(point.value.values).flatMap(([k, v]) => (isPointText(v) ? [[k, v === null ? 'null' : typeof v === 'boolean' ? 'boolean' : 'string'] as const] : [])));
  const nonScalar = Object.entries(point.value.values).find(([k, v]) => typeof v !== 'number' && !isPointText(v) && (python ? !isArrayValue(v) : !(k in lengths)));
  if (nonScalar) return unsupported(`${nonScalar[0]} is ${python ? 'not an array of numbers' : 'an object, a nested array or a long one'}: GradLens writes derivative code for numbers and ${python ? 'numpy arrays' : `flat arrays of numbers (up to ${MAX_LIST_LENGTH})`} only, for now`, fn.nameRange);
  // The whole instance (`--wrt this`, a `length()` lens's own): written as its attributes that hold numbers, `this.x, this.y`.
  const asked = request.wrt ?? defaultWrt(fn);
  const whole = asked?.find(isReceiverName);
  let wrtAsked = request.wrt;
  if (asked && whole) {
    const first = adGradient(doc, name, point.value, asked);
    if (!first.ok) return first;
    const fields = Object.keys((first.value.kind === 'gradient' ? first.value.gradient : first.value.jacobian)[whole] ?? {});
    wrtAsked = asked.flatMap((w) => (isReceiverName(w) ? fields.map((f) => `${w}.${f}`) : [w]));
  }
  const ad = adGradient(doc, name, point.value, wrtAsked);
  if (!ad.ok) return ad;
  const adValue = ad.value;
  if (adValue.kind === 'jacobian' && arrays) return unsupported(`${name} returns several values of arrays: GradLens writes their Jacobian as code for numbers only, for now`, fn.nameRange);
  const differentiated = adValue.kind === 'gradient' ? adValue.gradient : adValue.jacobian;
  // The parameters, then the instance's attributes the lens differentiates (`@wrt self.w`).
  const wrt = [...fn.params.map((p) => p.name).filter((p) => p in differentiated), ...Object.keys(differentiated).filter((k) => receiverAttribute(k) !== undefined)];
  const method = methodOf(doc, name);
  if (wrt.length === 0 && method && extendsTypedArray(method.cls)) return unsupported(`${name} is differentiated with respect to its own elements (this[0], this[1], …): GradLens writes a ${method.cls.name} method's derivative with respect to its other parameters only, for now`, fn.nameRange);
  if (wrt.length === 0) return unsupported(`${name} has nothing to differentiate at this point: no parameter or attribute holds a number`, fn.nameRange);
  // An ES5 method (`Body.prototype.weight = function …`) has no class body to put its gradient in.
  if (method && !rangeContains(method.cls.range, method.method.fn.range)) return unsupported(`${name} is assigned to ${method.cls.name}'s prototype: GradLens writes a method's derivative inside a class body only, for now`, fn.nameRange);
  if (method && method.method.binding !== 'instance') return unsupported(`${name} is a ${method.method.binding === 'class' ? 'class method' : 'property'}: GradLens writes derivative code of instance methods, static methods and plain functions only, for now`, fn.nameRange);
  const reserved = new Set([...doc.module.functions.map((f) => f.name), ...doc.module.globals.map((g) => g.name), ...(doc.module.classes ?? []).map((c) => c.name)]);
  const intrinsics = new Map(doc.module.globals.flatMap((g) => (g.kind === 'intrinsic' ? [[g.name, g.intrinsic] as const] : [])));
  // `grad_ScaledSigmoid_half` for a static method, `grad_shapes_area` for a module object's function.
  // An instance method's is a method beside it (`grad_forward`), named as the class's methods are.
  const gradName = method
    ? gradientName(method.method.fn.name, method.cls.methods.map((m) => m.fn.name), doc.module.language)
    : gradientName(name.replace(/\./g, '_'), doc.module.functions.map((f) => f.name), doc.module.language);
  // Dotted names too: a module object's functions call each other by them (`pendulum.period(m)`).
  const functions = new Map(doc.module.functions.map((f) => [f.name, f] as const));
  const measure = arrays ? (probe: IrFunction) => measured(doc, probe, point.value, method) : undefined;
  const boundFunctions = new Map((doc.module.boundFunctions ?? []).map((b) => [b.name, b.value] as const));
  const classes = new Map((doc.module.classes ?? []).map((c) => [c.name, c] as const));
  // A typed array's elements ("0", "1" of the point's instance) are a list of numbers; its other properties none.
  const elements = method && extendsTypedArray(method.cls) ? Object.keys(point.value.receiver ?? {}).length : undefined;
  const receiver = method ? { name: method.method.fn.params[0]!.name, cls: method.cls, owner: method.cls, ...(elements ? { elements } : {}) } : undefined;
  const program = guard(fn.nameRange, () => reverseMode(fn, { name: gradName, wrt, reserved, intrinsics, functions, boundFunctions, classes, lengths, texts, ...(receiver ? { receiver } : {}), ...(measure ? { measure } : {}) }));
  if (!program.ok) return program;
  const modules = language === 'python' ? pythonModules(request.text, sliceOf(request.text, fn.range), arrays) : undefined;
  const printed = guard(fn.nameRange, () => printProgram(program.value, { language, ...(modules ? { modules: modules.modules } : {}) }));
  if (!printed.ok) return printed;
  const imports = modules ? modules.missing(printed.value) : [];
  const checked = checkText(doc, fn, program.value, language, request, modules, imports, point.value, wrt, method);
  if (!checked.ok) return checked;
  return success({
    function: name,
    name: gradName,
    language,
    text: [...imports, ...(imports.length ? [''] : []), printed.value].join('\n'),
    functionText: printed.value,
    imports,
    wrt,
    checkedPoints: checked.value.points,
    maxRelError: checked.value.maxRelError,
    range: fn.range,
    ...(method ? { inClass: method.cls.name } : {}),
  });
}

/**
 * The document with `fn` returning only its loss, when `fn` returns (loss, grad) and is paired with
 * itself so (pairing.ts): what its derivative is of. Undefined for any other function.
 */
function valueAndGradient(doc: DocumentAnalysis, fn: IrFunction): DocumentAnalysis | undefined {
  const own = findPairings(doc.module.functions).some((p) => p.of === fn && p.derivative === fn && p.what.kind === 'value-and-gradient');
  if (!own) return undefined;
  const first = (stmts: readonly IrStmt[]): IrStmt[] =>
    stmts.map((s): IrStmt => {
      if (s.kind === 'return' && s.value && (s.value.kind === 'tuple' || s.value.kind === 'list') && s.value.elements.length === 2) return { ...s, value: s.value.elements[0]! };
      if (s.kind === 'if') return { ...s, then: first(s.then), else: first(s.else) };
      if (s.kind === 'match') return { ...s, cases: first(s.cases) };
      return s;
    });
  const loss: IrFunction = { ...fn, body: first(fn.body) };
  return DocumentAnalysis.fromModule({ ...doc.module, functions: doc.module.functions.map((f) => (f === fn ? loss : f)) });
}

/** Lists of numbers TypeScript code is written for: flat, short enough to read entry by entry. */
const MAX_LIST_LENGTH = 32;

function isNumberList(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.length <= MAX_LIST_LENGTH && v.every((x) => typeof x === 'number');
}

/** A rectangular nested list of numbers (what an `@at` array or `np.array` point is). */
function isArrayValue(v: unknown): boolean {
  if (typeof v === 'number') return true;
  return Array.isArray(v) && v.length > 0 && v.every(isArrayValue) && new Set(v.map((x) => (Array.isArray(x) ? x.length : -1))).size === 1;
}

/** A method of one of the file's classes, by its lens name (`Linear.forward`). */
interface MethodOf {
  readonly cls: IrClass;
  readonly method: IrMethod;
}

function methodOf(doc: DocumentAnalysis, name: string): MethodOf | undefined {
  for (const cls of doc.module.classes ?? []) {
    const method = cls.methods.find((m) => listedMethodName(cls, m) === name && m.binding !== 'static');
    if (method) return { cls, method };
  }
  return undefined;
}

/**
 * The values a probe of the forward steps returns at the point (codegen measures shapes with it); a
 * method's probe is a method of its class, run on the point's instance.
 */
function measured(doc: DocumentAnalysis, probe: IrFunction, point: ResolvedPoint, method: MethodOf | undefined): readonly unknown[] | undefined {
  const run = method
    ? DocumentAnalysis.fromModule({ ...doc.module, classes: withMethod(doc.module.classes ?? [], method, { ...probe, params: [method.method.fn.params[0]!, ...probe.params] }) })
    : DocumentAnalysis.fromModule({ ...doc.module, functions: [...doc.module.functions, probe] });
  const result = run.evaluate(method ? `${method.cls.name}.${probe.name}` : probe.name, point);
  return result.ok && Array.isArray(result.value.value) ? result.value.value : undefined;
}

/** The file's classes with `fn` added to `method`'s class as an instance method. */
function withMethod(classes: readonly IrClass[], method: MethodOf, fn: IrFunction): IrClass[] {
  return classes.map((c) => (c === method.cls ? { ...c, methods: [...c.methods, { fn, binding: 'instance' as const }] } : c));
}

/**
 * The file's text with a method's generated gradient (`printed`, at column 0) put in its class right
 * after the method (`at`, its range), at its indentation: where the check reads it back, and where
 * "Insert gradient function" puts it.
 */
export function besideMethod(text: string, at: SourceRange, printed: string): string {
  const lines = text.split('\n');
  const indent = /^[ \t]*/.exec(lines[at.start.line] ?? '')![0];
  const placed = printed.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : indent + l));
  return [...lines.slice(0, at.end.line + 1), '', ...placed, '', ...lines.slice(at.end.line + 1)].join('\n');
}

/**
 * The generated method as the check reads it back: one taking only its instance (`grad_loss(self)`)
 * is listed only when `@wrt` names attributes (engine/classes.ts), so the copy read back carries the
 * annotation above its first line of code. What is printed for the person is left as it is.
 */
function listedMethod(printed: string, params: number, wrt: readonly string[], language: TargetLanguage): string {
  if (params > 1 || wrt.length === 0) return printed;
  const comment = language === 'python' ? '#' : '//';
  const lines = printed.split('\n');
  const code = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith(comment));
  return [...lines.slice(0, code), `${comment} @wrt ${wrt.join(', ')}`, ...lines.slice(code)].join('\n');
}

/** The text a range covers (the function's own source, whose library spelling generated code follows). */
function sliceOf(text: string, r: SourceRange): string {
  const lines = text.split('\n').slice(r.start.line, r.end.line + 1);
  return lines.join('\n');
}

const unsupported = <T>(message: string, range: SourceRange): Outcome<T> => failure(diagnostic('error', 'unsupported', message, range));

function fileLanguage(doc: DocumentAnalysis, uri: string): TargetLanguage {
  const language = doc.module.language;
  return language === 'typescript' && /\.(m|c)?jsx?$/i.test(uri) ? 'javascript' : language;
}

function pointFor(doc: DocumentAnalysis, name: string): Outcome<ResolvedPoint> {
  const own = doc.resolvePoint(name);
  if (own.ok) return own;
  const sample = doc.samplePoint(name);
  return sample ? success(sample) : own;
}

type AdResult = { kind: 'gradient'; gradient: Record<string, PointValue> } | { kind: 'jacobian'; jacobian: Record<string, unknown> };

function adGradient(doc: DocumentAnalysis, name: string, point: ResolvedPoint, wrt?: readonly string[]): Outcome<AdResult> {
  const result = doc.gradient(name, point, wrt ? { wrt } : {});
  if (!result.ok) return result;
  releaseTrace(result.value.trace);
  if (!result.value.gradient) return success({ kind: 'jacobian', jacobian: result.value.jacobian ?? {} });
  return success({ kind: 'gradient', gradient: result.value.gradient });
}

/**
 * How generated Python reaches its library, following the function's own spelling (codegen's
 * library table): `math.exp` where the function uses the math module (and works on numbers),
 * scipy.special by the file's own name for it, numpy by its alias; and the imports it would add.
 */
function pythonModules(text: string, functionText: string, arrays: boolean): { modules: PythonModules; missing: (printed: string) => string[] } {
  const numpyAs = /^[ \t]*import[ \t]+numpy[ \t]+as[ \t]+(\w+)[ \t\r]*$/m.exec(text)?.[1] ?? (/^[ \t]*import[ \t]+numpy[ \t\r]*$/m.test(text) ? 'numpy' : undefined);
  const specialAs =
    (/^[ \t]*from[ \t]+scipy[ \t]+import[ \t]+special[ \t\r]*$/m.test(text) ? 'special' : undefined) ??
    /^[ \t]*import[ \t]+scipy\.special[ \t]+as[ \t]+(\w+)[ \t\r]*$/m.exec(text)?.[1] ??
    (/^[ \t]*import[ \t]+scipy\.special[ \t\r]*$/m.test(text) ? 'scipy.special' : undefined);
  const numpy = numpyAs ?? 'np';
  const own = pythonLibraryOf(functionText);
  const mathModule = !arrays && own.math === 'math' && /^[ \t]*import[ \t]+math[ \t\r]*$/m.test(text);
  const modules: PythonModules = { numpy, library: { math: mathModule ? 'math' : numpy, special: specialAs ?? 'special' } };
  return {
    modules,
    missing: (printed) => [
      ...(!numpyAs && new RegExp(`\\b${numpy}\\.`).test(printed) ? ['import numpy as np'] : []),
      ...(!specialAs && /\bspecial\./.test(printed) ? ['from scipy import special'] : []),
    ],
  };
}

const flatten = (v: unknown, out: number[] = []): number[] => {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => flatten(x, out));
  else out.push(Number.NaN);
  return out;
};

/** AD's numbers in the order the generated code returns them: per parameter, or per returned value then parameter. */
function adNumbers(ad: AdResult, wrt: readonly string[], outputs: number | undefined): number[] {
  if (ad.kind === 'gradient') return flatten(wrt.map((p) => ad.gradient[p]));
  const rows = Array.from({ length: outputs ?? 0 }, (_, k) => wrt.map((p) => (ad.jacobian[p] as unknown[] | undefined)?.[k]));
  return flatten(rows);
}

/** What each of adNumbers's numbers is, for a message: `∂f/∂W[1, 0]`, or `∂f₂/∂x` in a Jacobian (`∂out2/∂x`). */
function entryLabels(ad: AdResult, of: string, wrt: readonly string[], outputs: number | undefined): string[] {
  const labels: string[] = [];
  const walk = (v: unknown, label: string, index: readonly number[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, label, [...index, i]));
    else labels.push(`${label}${index.length ? `[${index.join(', ')}]` : ''}`);
  };
  if (ad.kind === 'gradient') wrt.forEach((p) => walk(ad.gradient[p], `∂${of}/∂${p}`, []));
  else for (let k = 0; k < (outputs ?? 0); k++) wrt.forEach((p) => labels.push(`∂out${k + 1}/∂${p}`));
  return labels;
}

export function sourceAgrees(mine: number, ad: number): boolean {
  if (Object.is(mine, ad)) return true;
  if (!Number.isFinite(mine) || !Number.isFinite(ad)) return false;
  return Math.abs(mine - ad) <= SOURCE_TOLERANCE.absolute + SOURCE_TOLERANCE.relative * Math.max(Math.abs(mine), Math.abs(ad));
}

/**
 * Reads the generated code back (with the file around it, so its imports and constants are there)
 * and compares what it returns with AD at the point and nearby ones.
 */
function checkText(
  doc: DocumentAnalysis,
  fn: IrFunction,
  program: GradientProgram,
  language: TargetLanguage,
  request: SourceRequest,
  modules: ReturnType<typeof pythonModules> | undefined,
  imports: readonly string[],
  base: ResolvedPoint,
  wrt: readonly string[],
  method: MethodOf | undefined,
): Outcome<{ points: number; maxRelError: number }> {
  const checkName = `gradlens_check_${program.name}`;
  // A method's gradient is a method of its class, read back in place beside it.
  const runName = method ? `${method.cls.name}.${checkName}` : checkName;
  let checkDoc: DocumentAnalysis;
  if (method) {
    if (language === 'math' || (language === 'python') !== (doc.module.language === 'python')) return unsupported(`${fn.name} is a method: its derivative is written in the file's own language only`, fn.nameRange);
    const printed = printProgram(program, { language, name: checkName, ...(modules ? { modules: modules.modules } : {}) });
    const text = besideMethod(request.text, method.method.fn.range, listedMethod(printed, method.method.fn.params.length, wrt, language));
    checkDoc = DocumentAnalysis.fromText(imports.length ? `${imports.join('\n')}\n${text}` : text, request.uri, language === 'python' ? 'python' : 'typescript');
  } else if (language === 'math') {
    // The notes front end reads one-line definitions: the program's IR itself is what is run.
    checkDoc = DocumentAnalysis.fromModule({ ...doc.module, functions: [...doc.module.functions, programFunction(program, checkName)] });
  } else {
    const printed = printProgram(program, { language, name: checkName, ...(modules ? { modules: modules.modules } : {}) });
    const sameLanguage = (language === 'python') === (doc.module.language === 'python') && doc.module.language !== 'math';
    const text = sameLanguage ? `${request.text}\n\n\n${imports.join('\n')}\n${printed}` : `${imports.join('\n')}\n${printed}`;
    checkDoc = DocumentAnalysis.fromText(text, request.uri, language === 'python' ? 'python' : 'typescript');
  }
  const own = checkDoc.functions().find((f) => f.ir.name === runName);
  if (!own) return bug(`the generated code for ${fn.name} could not be read back`, fn);
  if (own.errors.length) return bug(`the generated code for ${fn.name} does not read back (${diagnosticText(own.errors[0]!)})`, fn);
  const fixed = doc.constants(fn);
  // Nearby points of a sample point are samples too: what a sample holds constant stays constant (document.ts `constants`).
  const nearby = base.source === 'sample' ? ('sample' as const) : ('argument' as const);
  // Attributes differentiated (`self.w`, a `length()`'s instance): the instance's values move too, when the point gives them.
  const attributes = wrt.some((w) => receiverAttribute(w) !== undefined);
  const receivers = attributes && base.receiver ? nearbyPoints(base.receiver, 30) : [];
  const candidates: ResolvedPoint[] = [base, ...nearbyPoints(base.values, 30, fixed).map((values, i) => {
    const receiver = receivers[i] ?? base.receiver;
    return { values, source: nearby, ...(receiver ? { receiver } : {}) };
  })];
  let points = 0;
  let maxRelError = 0;
  for (const point of candidates) {
    if (points === SOURCE_CHECK_POINTS) break;
    const ad = adGradient(doc, fn.name, point, attributes ? wrt : undefined);
    if (!ad.ok || (ad.value.kind === 'gradient') !== (program.outputs === undefined)) {
      if (points === 0) return ad.ok ? bug(`no gradient of ${fn.name} at its point`, fn) : ad;
      continue;
    }
    const expected = adNumbers(ad.value, wrt, program.outputs);
    const mine = checkDoc.evaluate(runName, point);
    if (!mine.ok) return bug(`the generated code for ${fn.name} fails where AD does not: ${diagnosticText(mine.error)}`, fn);
    const got = flatten(mine.value.value);
    if (got.length !== expected.length) return bug(`the generated code for ${fn.name} returns ${got.length} numbers, AD ${expected.length}`, fn);
    for (let i = 0; i < got.length; i++) {
      if (!sourceAgrees(got[i]!, expected[i]!)) {
        const at = Object.entries(point.values).map(([k, v]) => `${k}=${typeof v === 'number' ? v : JSON.stringify(v)}`).join(', ');
        return bug(`the generated code for ${fn.name} gives ${entryLabels(ad.value, fn.name, wrt, program.outputs)[i]} = ${got[i]} at ${at}, AD ${expected[i]}`, fn);
      }
      const scale = Math.max(Math.abs(got[i]!), Math.abs(expected[i]!));
      if (scale > 0) maxRelError = Math.max(maxRelError, Math.abs(got[i]! - expected[i]!) / scale);
    }
    points++;
  }
  return success({ points, maxRelError });
}

function bug<T>(message: string, fn: IrFunction): Outcome<T> {
  const d: Diagnostic = diagnostic('error', 'internal', `${message}: not shown (a bug in GradLens's generator, please report it)`, fn.nameRange);
  return failure(d);
}

/** `class Vec2 extends Float64Array` (its base an intrinsic typed array constructor). */
function extendsTypedArray(cls: IrClass): boolean {
  return cls.bases.some((b) => b.kind === 'intrinsic' && /^(float|u?int)\d+_array$/.test(b.name));
}
