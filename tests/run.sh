#!/usr/bin/env bash
# Every test of corroborate: the Rust suites (unit, CLI end-to-end, LSP end-to-end, quality
# against the labelled corpus, hostile inputs, properties), then the editor integrations
# (Neovim headless against the real server; VS Code extension built, unit-tested, packaged).
# Installs what it needs when missing (Debian's neovim, the extension's npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo build"
cargo build --locked 2>/dev/null || cargo build

echo "== cargo test"
cargo test --no-fail-fast

if [ -f tests/editors.sh ]; then
  echo "== editors"
  CORROBORATE_BIN="$PWD/target/debug/corroborate" bash tests/editors.sh
fi
