// Where a desktop VS Code is installed, for the in-host suite (scripts/test-inhost.mjs).
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The Electron executable of an installed desktop VS Code, or undefined. */
export function findVsCode(env = process.env) {
  if (env.GRADLENS_VSCODE_EXECUTABLE) return existsSync(env.GRADLENS_VSCODE_EXECUTABLE) ? env.GRADLENS_VSCODE_EXECUTABLE : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const cli = join(dir, 'code');
    if (!dir || !existsSync(cli)) continue;
    // Linux packages put the `code` script in <install>/bin/ and the executable in <install>/.
    const install = dirname(dirname(realpathSync(cli)));
    for (const exe of [join(install, 'code'), join(install, 'Code'), join(install, '..', '..', 'MacOS', 'Electron')]) {
      if (existsSync(exe)) return exe;
    }
  }
  return undefined;
}

