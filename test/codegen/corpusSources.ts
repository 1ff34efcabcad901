/**
 * The Python functions of the oracle corpora GradLens writes as code, with the points their check ran
 * at: what run_corpus_numpy.py runs under real numpy (fed by write_corpus_sources.ts) and what
 * test/unit/codegen/corpusNumpy.test.ts compares with AD.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../src/analysis/document';
import { derivativeSource, SOURCE_CHECK_POINTS } from '../../src/analysis/derivativeSource';
import { nearbyPoints } from '../../src/analysis/pointValues';
import type { ResolvedPoint } from '../../src/analysis/points';
import type { PointValue } from '../../src/engine/run';
import { releaseTrace } from '../../src/engine/run';

export const CORPUS = join(__dirname, '..', 'oracle', 'corpus');

export interface CorpusSource {
  /** `file.py:name`. */
  readonly key: string;
  readonly file: string;
  /** The corpus function (`Class.method` for a method). */
  readonly function: string;
  /** The generated gradient's name and its text (import lines the file lacks first). */
  readonly gradient: string;
  readonly text: string;
  readonly sha256: string;
  /** What the gradient is with respect to, in the order it returns them. */
  readonly wrt: readonly string[];
  /** A method's class (its gradient is called with an instance as `self`) and how the instance is made. */
  readonly cls?: string;
  readonly receiver?: Readonly<Record<string, PointValue>>;
  /** The points: the function's own, then nearby ones where AD has a gradient (as the check takes them). */
  readonly points: readonly Readonly<Record<string, PointValue>>[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function corpusPythonSources(): CorpusSource[] {
  const out: CorpusSource[] = [];
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.py')).sort()) {
    const path = join(CORPUS, file);
    const text = readFileSync(path, 'utf8');
    const doc = DocumentAnalysis.fromText(text, path, 'python');
    for (const f of doc.functions()) {
      const name = f.ir.name;
      const generated = derivativeSource(doc, name, { text, uri: path });
      if (!generated.ok) continue;
      const own = doc.resolvePoint(name);
      const base: ResolvedPoint | undefined = own.ok ? own.value : doc.samplePoint(name);
      if (!base) continue;
      const points = [base.values];
      for (const values of nearbyPoints(base.values, 30, doc.constants(f.ir))) {
        if (points.length === SOURCE_CHECK_POINTS) break;
        const ad = doc.gradient(name, { values, source: 'argument', ...(base.receiver ? { receiver: base.receiver } : {}) });
        if (!ad.ok) continue;
        releaseTrace(ad.value.trace);
        points.push(values);
      }
      const g = generated.value;
      out.push({
        key: `${file}:${name}`,
        file,
        function: name,
        gradient: g.name,
        text: g.text,
        sha256: sha256(g.text),
        wrt: g.wrt,
        ...(g.inClass ? { cls: g.inClass } : {}),
        ...(base.receiver ? { receiver: base.receiver } : {}),
        points,
      });
    }
  }
  return out;
}
