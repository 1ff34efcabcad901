// Prints, as JSON, the oracle corpora's Python functions GradLens writes as code and their points
// (corpusSources.ts), for run_corpus_numpy.py:
//   node --import tsx test/codegen/write_corpus_sources.ts | /usr/bin/python3 test/codegen/run_corpus_numpy.py
import { corpusPythonSources } from './corpusSources';

process.stdout.write(JSON.stringify(corpusPythonSources()));
