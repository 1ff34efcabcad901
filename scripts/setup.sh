#!/usr/bin/env bash
# Installs what GradLens's build and tests need on a fresh machine, and nothing when it is already
# there: Debian packages (the browser, the independent oracles), then the npm dependencies.
# Reaches only Debian's mirrors and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium ripgrep libkrb5-dev python3-torch python3-sympy python3-numpy python3-scipy python3-mpmath)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
