import { runCli } from './main';

// The `gradlens` executable: everything it does is in runCli, so tests need no subprocess.
const result = runCli(process.argv.slice(2));
process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
