import { runCli } from './main';

// The `gradlens` executable: everything it does is in runCli, so tests need no subprocess.
// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const result = runCli(process.argv.slice(2));
process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
