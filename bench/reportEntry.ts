/** What bench/reportProfile.ts needs from the worker's report path, as one bundle entry (bundled as dist/worker.js is). */
export { FunctionCache, reportDocument } from '../src/report/documentReport';
export { NeedsFiles } from '../src/report/requestedFiles';
export { warmUp } from '../src/report/warmUp';
export { finishFormula } from '../src/report/laterFormulas';
