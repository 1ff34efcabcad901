// `npm run package`: a production build, then the .vsix with @vscode/vsce — offline (no
// dependencies to resolve: everything is bundled into dist/). The test command runs it too, and the
// editor workbench suite installs the .vsix it makes, so what is tested is what would ship.
import { spawnSync } from 'node:child_process';

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(['scripts/build.mjs', '--production']);
run([
  'node_modules/@vscode/vsce/vsce',
  'package',
  '--no-dependencies',
  // The repository has no public URL yet: set package.json's "repository" before publishing, and
  // these two flags can go (vsce then rewrites the README's relative image links to it).
  '--allow-missing-repository',
  // The README's images are relative to the repository, which has no public URL to rewrite them to.
  '--no-rewrite-relative-links',
  '--out',
  'dist/gradlens.vsix',
]);
