import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { diagnostic, GradLensError, type Diagnostic } from '../core/diagnostic';
import { sourceRange } from '../core/sourceRange';
import { DocumentAnalysis } from '../analysis/document';
import { languageForPath } from '../analysis/languages';
import { describe } from '../analysis/checks';
import { derivativeSource } from '../analysis/derivativeSource';
import { parsePointArgument, unknownWrt, wrtChoices, type ResolvedPoint } from '../analysis/points';
import { traceRows } from '../analysis/trace';
import { derivatives } from '../engine/differentiate';
import { releaseTrace, type PointValue, type Trace } from '../engine/run';
import { expressionFormula } from '../analysis/formula/formula';
import { loudModuleProblems } from '../analysis/problems';
import { diagnosticJson, location, stringify } from './json';
import { medianMillisPerCall } from './timing';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const USAGE = `usage:
  gradlens grad FILE --function NAME [--at POINT] [--wrt P,Q] [--mode reverse|forward] [--hessian] [--repeat N]
  gradlens trace FILE --function NAME [--at POINT] [--wrt P,Q] [--mode reverse|forward --seed PARAM]
  gradlens functions FILE
  gradlens check FILE [--function NAME] [--at POINT]
  gradlens source FILE --function NAME [--language python|typescript|math] [--at POINT]
POINT is a JSON object ({"x1": 2, "A": [[1, 2], [3, 4]]}) or x1=2,x2=5.`;

class CliError {
  constructor(readonly diagnostic: Diagnostic) {}
}

const NOWHERE = sourceRange(0, 0, 0, 0);
const usageError = (message: string): CliError => new CliError(diagnostic('error', 'syntax', message, NOWHERE));

/**
 * The command line over the same analysis the editor uses. Pure apart from reading FILE, so tests
 * call it in-process; `index.ts` is the thin executable around it.
 */
export function runCli(argv: readonly string[]): CliResult {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'grad':
        return ok(grad(rest));
      case 'trace':
        return ok(trace(rest));
      case 'functions':
        return ok(functions(rest));
      case 'check':
        return check(rest);
      case 'source':
        return source(rest);
      case '--help':
      case '-h':
      case 'help':
        return { exitCode: 0, stdout: USAGE + '\n', stderr: '' };
      default:
        throw usageError(command ? `unknown command ${command}\n${USAGE}` : USAGE);
    }
  } catch (e) {
    if (e instanceof CliError) return { exitCode: 2, stdout: stringify({ error: diagnosticJson(e.diagnostic) }) + '\n', stderr: '' };
    const message = e instanceof Error ? e.message : String(e);
    return { exitCode: 2, stdout: stringify({ error: diagnosticJson(diagnostic('error', 'internal', `internal error in GradLens: ${message}`, NOWHERE)) }) + '\n', stderr: '' };
  }
}

function ok(value: unknown): CliResult {
  return { exitCode: 0, stdout: stringify(value) + '\n', stderr: '' };
}

const OPTIONS = {
  function: { type: 'string' },
  at: { type: 'string' },
  mode: { type: 'string' },
  seed: { type: 'string' },
  hessian: { type: 'boolean' },
  repeat: { type: 'string' },
  wrt: { type: 'string' },
  language: { type: 'string' },
} as const;

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(`${(e as Error).message}\n${USAGE}`);
  }
}

function load(file: string | undefined): DocumentAnalysis {
  if (!file) throw usageError(`no FILE given\n${USAGE}`);
  const language = languageForPath(file);
  if (!language) throw usageError(`cannot tell the language of ${file}: use .py, .ts, .tsx, .js, .mjs, .cjs, .md, .txt or .math`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return DocumentAnalysis.fromText(text, file.replace(/\\/g, '/'), language, undefined, diskSources);
}

/** Helpers imported from other files (`from .losses import mse`) are read from disk, relative to FILE. */
const diskSources = {
  read(path: string): string | undefined {
    try {
      return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: Diagnostic }): T {
  if (!outcome.ok) throw new CliError(outcome.error);
  return outcome.value;
}

function target(values: ReturnType<typeof parse>['values'], positionals: string[]): { doc: DocumentAnalysis; name: string; point: ResolvedPoint } {
  const doc = load(positionals[0]);
  const name = values.function;
  if (!name) throw usageError('--function NAME is required');
  if (!doc.find(name)) {
    const known = doc.functions().map((f) => f.ir.name);
    const firstError = doc.diagnostics.find((d) => d.severity === 'error');
    if (firstError && known.length === 0) throw new CliError(firstError);
    throw usageError(`no function named ${name} in ${positionals[0]}${known.length ? ` (functions: ${known.join(', ')})` : ''}`);
  }
  let given: Record<string, PointValue> | undefined;
  if (values.at !== undefined) {
    const parsed = parsePointArgument(values.at);
    if (!parsed.ok) throw usageError(parsed.message);
    given = parsed.value;
  }
  const point = unwrap(doc.resolvePoint(name, given));
  return { doc, name, point };
}

/** `--wrt W,b`: each must be a parameter of the function. */
function wrtOption(text: string | undefined, doc: DocumentAnalysis, name: string): { wrt?: readonly string[] } {
  if (text === undefined) return {};
  const names = text.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const fn = doc.find(name)!;
  const named = { name, params: fn.params.map((p) => p.name), ...(fn.hasInstance ? { hasInstance: true } : {}) };
  const unknown = unknownWrt(names, named);
  if (names.length === 0 || unknown !== undefined) throw usageError(`--wrt ${text}: ${unknown ?? 'nothing'} ${wrtChoices(named)}`);
  return { wrt: names };
}

/**
 * The checked formula of a function that is one expression of scalars (what the hover shows):
 * `{"value": {"text", "tex"}, "partials": [{"parameter", "text", "tex"}]}`; absent when there is none.
 */
function formulaJson(doc: DocumentAnalysis, name: string, trace: Trace, gradient: Readonly<Record<string, PointValue>>, file: string): unknown {
  const fn = doc.find(name)!;
  try {
    const formula = expressionFormula(fn, trace, gradient, doc.module.language, readFileSync(file, 'utf8'));
    if (!formula) return undefined;
    const short = (p: (typeof formula.partials)[number]) =>
      p.short ? { short: { text: p.short.text, tex: p.short.tex, where: p.short.where.map((w) => ({ name: w.name, text: w.text, tex: w.tex })) } } : {};
    return { value: { text: formula.value.text, tex: formula.value.tex }, partials: formula.partials.map((p) => ({ parameter: p.parameter, text: p.text, tex: p.tex, ...short(p) })) };
  } catch {
    return undefined;
  }
}

function modeOf(mode: string | undefined): 'reverse' | 'forward' {
  if (mode === undefined || mode === 'reverse' || mode === 'forward') return mode ?? 'reverse';
  throw usageError(`--mode must be reverse or forward, not ${mode}`);
}

function grad(args: readonly string[]): unknown {
  const { values, positionals } = parse(args);
  const { doc, name, point } = target(values, positionals);
  const mode = modeOf(values.mode);
  const result = unwrap(doc.gradient(name, point, { mode, hessian: values.hessian ?? false, ...wrtOption(values.wrt, doc, name) }));
  const out: Record<string, unknown> = { function: name, at: result.at, value: result.value };
  if (result.gradient) out.gradient = result.gradient;
  if (result.jacobian) out.jacobian = result.jacobian;
  if (result.hessian) out.hessian = result.hessian;
  const formula = result.gradient ? formulaJson(doc, name, result.trace, result.gradient, positionals[0]!) : undefined;
  if (formula) out.formula = formula;
  out.warnings = result.warnings.map(diagnosticJson);
  // Every number is copied out: the trace's buffers can serve the next call (runCli in one process).
  releaseTrace(result.trace);
  if (values.repeat !== undefined) {
    const n = Number(values.repeat);
    if (!Number.isInteger(n) || n < 1) throw usageError('--repeat takes a whole number ≥ 1');
    out.timing = timing(doc, name, point, mode, n);
  }
  return out;
}

/**
 * Milliseconds per call, the median over ~1 ms batches of N calls after a warm-up (timing.ts: the
 * way `npm run bench` times the same calls): evaluation alone, and value plus gradient (record and
 * derivatives, the trace released). Parsing and compiling are done once, before.
 */
function timing(doc: DocumentAnalysis, name: string, point: ResolvedPoint, mode: 'reverse' | 'forward', n: number): { primal_ms: number; gradient_ms: number } {
  const primalRun = (): void => void unwrap(doc.evaluate(name, point));
  const gradientRun = (): void => {
    const trace = unwrap(doc.record(name, point));
    try {
      derivatives(trace, mode);
    } catch (e) {
      // A budget the sweeps run out of on a repeat (a Jacobian near the time budget) is the user's
      // error, located, as the first call's would be: not an internal one.
      if (e instanceof GradLensError) throw new CliError(e.diagnostic);
      throw e;
    } finally {
      releaseTrace(trace);
    }
  };
  return { primal_ms: medianMillisPerCall(primalRun, n), gradient_ms: medianMillisPerCall(gradientRun, n) };
}

function trace(args: readonly string[]): unknown {
  const { values, positionals } = parse(args);
  const { doc, name, point } = target(values, positionals);
  const mode = modeOf(values.mode);
  if (mode === 'forward' && !values.seed) throw usageError('--mode forward needs --seed PARAM (the input whose tangent is 1)');
  const recorded = unwrap(doc.record(name, point, undefined, wrtOption(values.wrt, doc, name).wrt));
  const fn = doc.find(name)!;
  const rows = unwrap(traceRows(recorded, mode === 'forward' ? { mode, seed: values.seed! } : { mode }, fn.nameRange));
  releaseTrace(recorded);
  return {
    function: name,
    at: point.values,
    entries: rows.map((r) => ({
      id: r.id,
      op: r.op,
      inputs: r.inputs,
      ...(r.constants.some((c) => c !== null) ? { constants: r.constants } : {}),
      ...(r.label ? { name: r.label } : {}),
      value: r.value,
      ...(r.tangent !== undefined ? { tangent: r.tangent } : {}),
      ...(r.adjoint !== undefined ? { adjoint: r.adjoint } : {}),
      ...location(r.range),
    })),
    warnings: recorded.warnings.map(diagnosticJson),
  };
}

function functions(args: readonly string[]): unknown {
  const { positionals } = parse(args);
  const doc = load(positionals[0]);
  return {
    functions: doc.functions().map((f) => ({
      name: f.ir.name,
      parameters: f.ir.params.map((p) => p.name),
      ...location(f.ir.range),
      ...(f.ir.gradientOf ? { gradientOf: f.ir.gradientOf } : {}),
      points: f.points.map((p) => ({ source: p.source, at: p.values, ...(p.range ? location(p.range) : {}), ...(p.test ? { file: p.test.file, line: p.test.line } : {}) })),
      diagnostics: [...f.errors, ...f.pointErrors].map((d) => ({ severity: d.severity, ...diagnosticJson(d) })),
    })),
    // Quiet by default, as in the editor: what GradLens cannot read at module level (an import of a
    // module it does not model) concerns no function anyone asked about, so it is listed as info.
    diagnostics: moduleDiagnostics(doc.diagnostics),
  };
}

function moduleDiagnostics(diagnostics: readonly Diagnostic[]): unknown[] {
  const loud = new Set(loudModuleProblems(diagnostics));
  return diagnostics.map((d) => ({ severity: loud.has(d) ? d.severity : 'info', ...diagnosticJson(d) }));
}

/**
 * Every hand-written derivative in FILE (or those of/named NAME) against the engine, each with its
 * verdict: "match", "mismatch", or "error" with its located message; one that cannot run never hides
 * the others. `--at` gives f's point (checked there and at eight nearby points). Exit 0 when every
 * check ran and matched, 1 on any mismatch or when some could not run, 2 when none could run.
 */
function check(args: readonly string[]): CliResult {
  const { values, positionals } = parse(args);
  const doc = load(positionals[0]);
  const name = values.function;
  const pairings = doc.pairings().filter((p) => !name || p.derivative.name === name || p.of.name === name);
  if (name && pairings.length === 0) {
    throw usageError(`no hand-written derivative of or named ${name} in ${positionals[0]} (name it grad_${name}, ${name}_grad, ${name}_der, d${name}, … or annotate it with @gradient-of ${name})`);
  }
  let given: Record<string, PointValue> | undefined;
  if (values.at !== undefined) {
    const parsed = parsePointArgument(values.at);
    if (!parsed.ok) throw usageError(parsed.message);
    given = parsed.value;
  }
  const checks = pairings.map((p) => {
    const head = { function: p.of.name, gradient: p.derivative.name, compared: describe(p), pairedBy: p.reason };
    const outcome = doc.check(p, undefined, given);
    if (!outcome.ok) return { ...head, verdict: 'error' as const, error: diagnosticJson(outcome.error) };
    const c = outcome.value;
    return {
      ...head,
      compared: c.compared,
      verdict: c.verdict,
      points: c.points,
      at: c.at,
      pointSource: c.pointSource,
      maxRelError: c.maxRelError,
      components: c.components.map((d) => ({ name: d.name, yours: d.yours, ad: d.ad, at: d.at, ...(d.range ? location(d.range) : {}) })),
      ...(c.notes.length ? { notes: c.notes } : {}),
      ...(c.partial ? { partial: c.partial } : {}),
      ...location(c.derivativeRange),
    };
  });
  const ran = checks.filter((c) => c.verdict !== 'error').length;
  const exitCode = checks.some((c) => c.verdict === 'mismatch') ? 1 : checks.length > 0 && ran === 0 ? 2 : ran < checks.length ? 1 : 0;
  return { exitCode, stdout: stringify({ checks }) + '\n', stderr: '' };
}

/**
 * The gradient of NAME written as code (`grad_NAME` in the file's language unless --language says
 * otherwise), checked against AD at nine points before it is printed: the code on stdout, exit 0; or
 * exit 2 with one located error as JSON, for what GradLens cannot write yet.
 */
function source(args: readonly string[]): CliResult {
  const { values, positionals } = parse(args);
  const { doc, name, point } = target(values, positionals);
  const language = values.language;
  if (language !== undefined && language !== 'python' && language !== 'typescript' && language !== 'math') {
    throw usageError(`--language must be python, typescript or math, not ${language}`);
  }
  const file = positionals[0]!;
  const targetLanguage = language === 'typescript' && /\.(m|c)?jsx?$/i.test(file) ? 'javascript' : language;
  const generated = unwrap(
    derivativeSource(doc, name, {
      text: readFileSync(file, 'utf8'),
      uri: file.replace(/\\/g, '/'),
      ...(targetLanguage ? { language: targetLanguage } : {}),
      ...(values.at !== undefined ? { at: point } : {}),
      ...wrtOption(values.wrt, doc, name),
    }),
  );
  return { exitCode: 0, stdout: generated.text, stderr: '' };
}
