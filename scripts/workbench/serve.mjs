#!/usr/bin/env node
// Serve GradLens in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) on loopback.
//
//   node scripts/workbench/serve.mjs [--extension DIR|FILE.vsix]... [--folder DIR] [--port N]
//                                    [--trust] [--copy] [--verbose]
//
//   --extension  unpacked extension folder or .vsix (repeatable); default dist/extension-pkg/
//   --folder     folder to open; default examples/
//   --port       port on 127.0.0.1; default 8080, or the first free one after it
//   --trust      keep workspace trust on (the "Do you trust the authors" dialog, Restricted Mode)
//   --copy       copy unpacked extensions instead of symlinking them (default: symlink, so a rebuild
//                plus "Developer: Reload Window" in the browser picks up the new code)
//   --verbose    echo code-server's output (always written to .gradlens-cache/workbench/serve.log)
//
// Installs the tooling first if needed (node scripts/workbench/install.mjs). Runs until Ctrl+C.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureWorkbench, WORKBENCH } from './install.mjs';
import { startCodeServer } from './codeServer.mjs';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', multiple: true },
    folder: { type: 'string' },
    port: { type: 'string' },
    trust: { type: 'boolean', default: false },
    copy: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: node scripts/workbench/serve.mjs [--extension DIR|FILE.vsix]... [--folder DIR] [--port N] [--trust] [--copy] [--verbose]');
  process.exit(0);
}

ensureWorkbench();

const root = WORKBENCH.repoRoot;
let extensions = (values.extension ?? []).map((e) => resolve(e));
if (extensions.length === 0) {
  const def = join(root, 'dist', 'extension-pkg');
  if (existsSync(join(def, 'package.json'))) extensions = [def];
  else console.warn(`GradLens workbench: no extension loaded: ${def} does not exist yet (build it, or pass --extension DIR)`);
}
for (const e of extensions) {
  if (!existsSync(e)) {
    console.error(`GradLens workbench: --extension ${e} does not exist`);
    process.exit(2);
  }
}
const folder = resolve(values.folder ?? join(root, 'examples'));
if (!existsSync(folder)) {
  console.error(`GradLens workbench: folder ${folder} does not exist`);
  process.exit(2);
}

const port = values.port ? Number(values.port) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`GradLens workbench: bad --port ${values.port}`);
  process.exit(2);
}

const logFile = join(WORKBENCH.dir, 'serve.log');
let server;
try {
  server = await startCodeServer({
    folder,
    extensionDirs: extensions,
    linkExtensions: !values.copy,
    ...(port !== undefined ? { port } : { preferredPort: 8080 }),
    trust: values.trust,
    logFile,
    echo: values.verbose,
  });
} catch (err) {
  console.error(`GradLens workbench: could not start code-server: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

console.log(`GradLens workbench: ${server.workbenchUrl}`);
console.log(`  code-server pid ${server.pid}, started in ${server.startMs} ms; log: ${logFile}`);
if (extensions.length) console.log(`  extensions: ${server.extensions.join(', ')}`);
console.log('  Ctrl+C to stop');

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nGradLens workbench: ${signal}, stopping code-server`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

const { code, signal } = await server.exited;
if (!stopping) {
  console.error(`GradLens workbench: code-server exited on its own (code ${code}, signal ${signal}); see ${logFile}`);
  await server.stop();
  process.exit(1);
}
