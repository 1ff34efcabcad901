import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { FunctionCache, reportDocument } from '../src/report/documentReport';
import { realStyleFile } from '../test/workbench/realStyleFile';
import { threadTime } from '../src/report/threadClock';
import { editsOf } from './editCost';
import { dropFormulas, finishFormula, type PendingFormula } from '../src/report/laterFormulas';

const text = realStyleFile('/work/wt/cold23');
const edits = editsOf(text, 40);
const cache = new FunctionCache();
const session = new Session();
session.connect();
const post = (m: string, p?: object): Promise<any> => new Promise((res, rej) => session.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
const req = (t: string, v: number) => ({ uri: 'file:///ws/edit.py', version: v, text: t, language: 'python' as const, settings: { mode: 'reverse' as const, budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {}, filesComplete: true });
const run = (t: string, v: number) => { const later: PendingFormula[] = []; const r = reportDocument(req(t, v), cache, () => false, 10_000, later, () => {}); for (const p of later) finishFormula(p, cache); return r; };
run(text, 1);
let v = 2;
for (const e of edits.slice(0, 16)) run(e.text, v++);
const profile = process.argv.includes('--profile');
if (profile) { await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 100 }); await post('Profiler.start'); }
const times: Record<string, number[]> = { number: [], line: [] };
for (const e of edits.slice(16)) { const a = threadTime()!.ran; const r = run(e.text, v++); times[e.kind]!.push(threadTime()!.ran - a); if (r.cached < 170) console.log('cached', r.cached); }
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
console.log('thread ran per edit: number', med(times.number!), 'line', med(times.line!));
if (profile) { const { profile: p } = await post('Profiler.stop'); writeFileSync('/tmp/cold23/edit.cpuprofile', JSON.stringify(p)); }
