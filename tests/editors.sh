#!/usr/bin/env bash
# Editor integrations (editors/): Helix configuration, the Neovim module (unit tests, a
# client test against a stand-in server, an end-to-end test against the real server on
# tests/editors/fixture) and the VS Code extension (npm ci, compile, unit tests, .vsix).
#
# Env: CORROBORATE_BIN — the server binary to test (default target/debug/corroborate);
# CORROBORATE_TRANSCRIPT — a file to write what the end-to-end test saw (hovers, diagnostics);
# CORROBORATE_EXTRA_NVIM — more nvim binaries to run the Neovim tests with.
# Installs Debian's neovim when nvim is missing (needs root, as on CI). Skips the VS Code
# part, saying so, only when npm is absent. Last line: "N passed, M failed"; exits
# non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${CORROBORATE_BIN:-target/debug/corroborate}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
# Counts from a child's own "N passed, M failed" (or node's "# pass N" / "# fail M")
# line when it prints one, else one check for the whole step.
record() { # name status log
  local name=$1 status=$2 log=$3 p f
  p=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p' "$log" | tail -1)
  if [ -z "$p" ]; then
    p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -1)
  fi
  if [ -n "$p" ] && [ -n "$f" ]; then
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
  elif [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  if [ "$status" -eq 0 ]; then
    echo "PASS  $name"
  else
    echo "FAIL  $name (exit $status); last lines of its output:"
    tail -n 60 "$log" | sed 's/^/      /'
  fi
}

step() { # name command...
  local name=$1 log status
  shift
  log="$WORK/step-$((passed + failed)).log"
  "$@" >"$log" 2>&1
  status=$?
  record "$name" "$status" "$log"
}

# --- Helix ---------------------------------------------------------------------------
check_helix() {
  python3 - editors/helix/languages.toml <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    doc = tomllib.load(f)
server = doc["language-server"]["corroborate"]
assert server["command"] == "corroborate", server
assert server["args"] == ["lsp"], server
expected = {
    "paths": [], "exclude": [], "max_file_size": 2097152, "outlets": {}, "outlet_aliases": {},
    "tolerances": {"about": 0.1, "nearly": 0.1}, "people": [], "ignore": [],
    "lsp": {"inlay_hints": True},
}
assert server["config"] == expected, f"config differs from corroborate.toml defaults: {server['config']}"
languages = {entry["name"]: entry for entry in doc["language"]}
article = languages["article"]
assert article["scope"] == "text.article", article
assert "txt" in article["file-types"], article
assert "corroborate.toml" in article["roots"], article
assert article["language-servers"] == ["corroborate"], article
markdown = languages["markdown"]
assert markdown["language-servers"] == ["marksman", "corroborate"], markdown
print("1 passed, 0 failed")
EOF
}
step "Helix: languages.toml parses and matches the server's keys" check_helix

# --- Neovim --------------------------------------------------------------------------
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: installing Debian's neovim"
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update && apt-get install -y neovim) >"$WORK/apt.log" 2>&1 || tail -n 20 "$WORK/apt.log"
  else
    (sudo -n apt-get update && sudo -n apt-get install -y neovim) >"$WORK/apt.log" 2>&1 || tail -n 20 "$WORK/apt.log"
  fi
fi

run_nvim() { # nvim script.lua [VAR=value...]
  local nvim=$1 script=$2
  shift 2
  env "$@" timeout 300 "$nvim" --headless -u NONE -i NONE -n \
    --cmd "set rtp+=$ROOT/editors/neovim" \
    -c "luafile $ROOT/tests/editors/$script" </dev/null
}

# Debian's nvim, plus any others named in CORROBORATE_EXTRA_NVIM (space-separated paths),
# e.g. a 0.11 build to cover the vim.lsp.config path too.
if command -v nvim >/dev/null 2>&1; then
  for NVIM in nvim ${CORROBORATE_EXTRA_NVIM:-}; do
    version=$("$NVIM" --version | head -n 1)
    step "Neovim $version: module unit tests" run_nvim "$NVIM" nvim_unit.lua
    step "Neovim $version: client against a stand-in server" run_nvim "$NVIM" nvim_attach.lua
    # The end-to-end script itself, against a stand-in that answers like corroborate:
    # when the real run fails and this passes, look at the server first.
    printf '#!/bin/sh\nFAKE_LSP_REHEARSAL=1 exec python3 %s/tests/editors/fake_server.py "$@"\n' "$ROOT" >"$WORK/stand-in"
    chmod +x "$WORK/stand-in"
    rm -rf "$WORK/fixture"
    cp -R tests/editors/fixture "$WORK/fixture"
    step "Neovim $version: end-to-end script rehearsed on the stand-in server" \
      run_nvim "$NVIM" nvim_e2e.lua CORROBORATE_TRANSCRIPT= CORROBORATE_BIN="$WORK/stand-in" CORROBORATE_FIXTURE="$WORK/fixture" CORROBORATE_WAIT_MS=5000
    if [ -x "$BIN" ]; then
      rm -rf "$WORK/fixture"
      cp -R tests/editors/fixture "$WORK/fixture"
      step "Neovim $version: end to end with $BIN on the fixture workspace" \
        run_nvim "$NVIM" nvim_e2e.lua CORROBORATE_BIN="$BIN" CORROBORATE_FIXTURE="$WORK/fixture"
    else
      echo "no server binary at $BIN (build it with cargo build, or set CORROBORATE_BIN)" >"$WORK/nobin.log"
      record "Neovim $version: end to end (server binary)" 1 "$WORK/nobin.log"
    fi
  done
else
  echo "nvim is missing and could not be installed" >"$WORK/nonvim.log"
  record "Neovim: nvim available" 1 "$WORK/nonvim.log"
fi

# --- VS Code ---------------------------------------------------------------------------
if command -v npm >/dev/null 2>&1; then
  vscode() { (cd editors/vscode && timeout 900 "$@"); }
  step "VS Code: npm ci" vscode npm ci --no-audit --no-fund
  step "VS Code: compile (tsc, strict)" vscode npm run compile
  step "VS Code: unit tests (node --test)" vscode npm test
  step "VS Code: package the .vsix" vscode npx --no-install vsce package --out "$WORK/corroborate.vsix"
  check_vsix() {
    python3 - "$WORK/corroborate.vsix" <<'EOF_PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = ["extension/package.json", "extension/out/extension.js", "extension/icon.png", "extension/readme.md",
          "extension/LICENSE.txt", "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in needed if n not in names]
leaked = sorted(n for n in names if n.startswith(("extension/src/", "extension/out/test/", "extension/out/testSupport/")))
assert not missing, f"missing from the .vsix: {missing}"
assert not leaked, f"sources or tests in the .vsix: {leaked[:5]}"
print(f"{len(names)} files; 1 passed, 0 failed")
EOF_PY
  }
  step "VS Code: the .vsix holds the extension, its runtime dependency, no tests" check_vsix
else
  echo "SKIP  VS Code: npm is not installed, so the extension was not built, tested or packaged"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
