/**
 * What the benchmark needs from GradLens, as one entry point: bench/gradlens.ts bundles it with
 * esbuild (as scripts/build.mjs bundles the CLI and the extension) and times the bundle, because
 * running the sources through tsx turns every cross-module reference into a getter call (`get`
 * frames in profiles) that the shipped bundle does not have.
 */
export { DocumentAnalysis } from '../src/analysis/document';
export { derivatives } from '../src/engine/differentiate';
export { releaseTrace } from '../src/engine/run';
export { INPUT_OP, TAPE_BYTES_PER_ENTRY } from '../src/engine/tape';
