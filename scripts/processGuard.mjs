// The guard: cleans up after this process even when it is killed hard (SIGKILL, or a test runner that
// exits and leaves its test process to die later). It is a detached `node -e` reading commands on its
// stdin; when this process dies for whatever reason, the pipe closes and the guard kills the registered
// process groups and removes the registered temp folders. Normal stops unregister first.
// Used by the test scripts (a run's test processes) and the workbench tooling (code-server, Chromium).
import { spawn } from 'node:child_process';

const GUARD_JS = `
const { rmSync } = require('node:fs');
const groups = new Set(), dirs = new Set();
let buf = '', done = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let i; (i = buf.indexOf('\\n')) >= 0; ) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const op = line.slice(0, 2), arg = line.slice(3);
    if (op === '+g') groups.add(Number(arg)); else if (op === '-g') groups.delete(Number(arg));
    else if (op === '+d') dirs.add(arg); else if (op === '-d') dirs.delete(arg);
  }
});
const kill = (sig) => { for (const g of groups) { try { process.kill(-g, sig); } catch {} } };
const cleanup = () => {
  if (done) return; done = true;
  kill('SIGTERM');
  setTimeout(() => {
    kill('SIGKILL');
    for (const d of dirs) { try { rmSync(d, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  }, groups.size ? 2000 : 0);
};
process.stdin.on('end', cleanup);
process.stdin.on('error', cleanup);
process.on('SIGINT', () => {}); process.on('SIGHUP', () => {}); // outlive a Ctrl+C to the terminal group
`;

let guardChild;
function tell(op, arg) {
  try {
    if (!guardChild) {
      guardChild = spawn(process.execPath, ['-e', GUARD_JS], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
      guardChild.unref();
      guardChild.stdin.on('error', () => {});
      guardChild.stdin.unref?.();
    }
    guardChild.stdin.write(`${op} ${arg}\n`);
  } catch {}
}

/** Have the guard kill process group `pgid` if this process dies hard (`add` false: no longer). */
export function guardGroup(pgid, add) {
  tell(add ? '+g' : '-g', pgid);
}

/** Have the guard remove folder `dir` if this process dies hard (`add` false: no longer). */
export function guardDir(dir, add) {
  tell(add ? '+d' : '-d', dir);
}

/**
 * Runs `command args` in a process group of its own, watched by the guard, with SIGINT, SIGTERM and
 * SIGHUP passed on to the whole group: killing this process, softly or hard, leaves none of its
 * processes behind (node's test runner starts one process per test file; a run that is killed used to
 * leave them running, with the Chromium they drive). Resolves with the exit status (1 on a signal).
 */
export function runInGroup(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
  guardGroup(child.pid, true);
  const forward = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {}
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, forward);
  return new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => {
      for (const sig of signals) process.removeListener(sig, forward);
      guardGroup(child.pid, false);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
