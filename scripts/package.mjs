// `npm run package`: a production build, then the .vsix with @vscode/vsce — offline (no
// dependencies to resolve: everything is bundled into dist/). The test command runs it too, and the
// editor workbench suite installs the .vsix it makes, so what is tested is what would ship.
import { spawnSync } from 'node:child_process';

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) process.exit(r.status ?? 1);
  // A Marketplace-ready package has no warnings (vsce prints ` WARNING ` and goes on).
  if (/\bWARNING\b/.test(`${r.stdout}${r.stderr}`)) {
    console.error('vsce printed a warning: the package is not Marketplace-ready');
    process.exit(1);
  }
}

run(['scripts/build.mjs', '--production']);
run([
  'node_modules/@vscode/vsce/vsce',
  'package',
  '--no-dependencies',
  // The repository has no public URL yet, so package.json has no "repository" (a made-up one would
  // be false). Without this flag vsce stops to ask; set "repository" before publishing, and these two
  // flags can go (vsce then rewrites the README's relative image links to it).
  '--allow-missing-repository',
  // The README's images are relative to the repository, which has no public URL to rewrite them to.
  '--no-rewrite-relative-links',
  '--out',
  'dist/gradlens.vsix',
]);
