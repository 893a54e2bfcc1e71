#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real editor. Installs what is missing (setup.sh, cached in the
# git-ignored .e2e/), builds and packages the extension, starts one code-server, then runs
#   1. the extension-host suite (test/suite) inside code-server, from the development path;
#   2. UI checks with Playwright + Chromium against the packaged .vsix installed into code-server;
#   3. Neovim as a second LSP client (nvim/run.sh).
# Prints each step's time, then `N passed, N failed`; exits 1 if any check failed. Stops every process
# it started, also on failure or Ctrl+C. E2E_SCREENSHOTS=1 also refreshes the README's docs/images/*.png.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

T0=$(date +%s%N)
secs() { awk -v ns="$(($(date +%s%N) - $1))" 'BEGIN { printf "%6.1f", ns / 1e9 }'; }
timed() { # timed <label> <command…>: runs it and prints its time; returns its status
  local t=$(date +%s%N) status=0
  "${@:2}" || status=$?
  echo "  [$(secs "$t") s] $1$([ $status = 0 ] || echo " (exit $status)")"
  return $status
}

# Each step prints `N passed, N failed` last; the totals add those up. A step that dies before its
# summary, or exits non-zero with no failure counted, counts as one failure.
passed=0 failed=0 failures=()
check() { # check <name> <command…>
  echo "── $1"
  local log=$RUN/logs/step-$((passed + failed)).log status=0 p f
  timed "$1" "${@:2}" > >(tee "$log") 2>&1 || status=$?
  sleep 0.1 # let tee flush
  read -r p f < <(sed -n 's/^ *\([0-9]\+\) passed, \([0-9]\+\) failed$/\1 \2/p' "$log" | tail -1) || true
  p=${p:-0} f=${f:-0}
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)) failed=$((failed + f))
  [ "$f" = 0 ] || failures+=("$1")
}

# Runners killed with SIGKILL skip their trap: end the code-server groups they left behind.
mkdir -p "$E2E/run"
for dir in "$E2E"/run/*/; do
  [ -d "$dir" ] || continue
  runner=$(basename "$dir")
  kill -0 "$runner" 2>/dev/null && continue
  if [ -s "$dir/code-server.pid" ]; then
    pid=$(cat "$dir/code-server.pid")
    if grep -q "$E2E/cs" "/proc/$pid/cmdline" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  fi
  rm -rf "$dir"
done

echo "e2e: setup, build and package"
timed "setup (apt packages, code-server $CS_VERSION)" bash test/e2e/setup.sh
timed "build" node esbuild.mjs --quiet
quiet() { "$@" > "$E2E/last-step.log" 2>&1 || { cat "$E2E/last-step.log"; return 1; }; }
timed "extension-host suite bundle" quiet node --import tsx test/runVscodeTests.ts --build-only
timed "package .vsix" quiet npx --no-install vsce package --no-dependencies -o dist/xxgk-report.vsix

RUN=$E2E/run/$$
rm -rf "$RUN" && mkdir -p "$RUN/ws" "$RUN/artifacts" "$RUN/logs"
# The UI workspace: a .txt report with one wrong total, a markdown report with a planted error, a plain note.
sed '153s/^\t4$/\t7/' test/fixtures/002_3f5e56868c97c344.txt > "$RUN/ws/report.txt"
cp "examples/2022-示例县交通运输局-有错误.md" "$RUN/ws/report.md"
cp test/fixtures/annotated/e2e-variant.md "$RUN/ws/variant.md"
printf 'Shopping list\n\n- rice 2 kg\n- tea\n\n合计 3 items\n' > "$RUN/ws/notes.txt"
# A Word file of the same report with the same wrong number, for "Open as Text Report".
node --import tsx test/e2e/make-docx.ts test/fixtures/002_3f5e56868c97c344.txt 153 7 "$RUN/ws/word-report.docx"
# Issue 11: two consecutive years of one agency (2023 carries in 4 where 2022 carried out 3).
mkdir -p "$RUN/ws/cross" && cp test/fixtures/cross-year/*.md "$RUN/ws/cross/"
timed "install the .vsix into code-server" quiet "$CS_BIN" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" \
  --install-extension dist/xxgk-report.vsix

echo "e2e: start code-server"
t=$(date +%s%N)
. test/e2e/start-server.sh
echo "  [$(secs "$t") s] code-server $CS_VERSION on 127.0.0.1:$CS_PORT"

mkdir -p "$RUN/host-ws"
# E2E_ONLY=host,ui,nvim (a comma list) runs only those steps, for working on one of them.
only() { [ -z "${E2E_ONLY:-}" ] || [[ ",$E2E_ONLY," == *",$1,"* ]]; }
only host && check "extension-host suite in code-server" node test/e2e/host-tests.mjs "$ROOT" "$ROOT/dist/test/suite" "$RUN/host-ws"
only ui && check "UI checks (Playwright, packaged .vsix)" node test/e2e/ui.mjs "$RUN/ws" "$RUN/artifacts"
stop_server
only nvim && check "Neovim as a second LSP client" bash test/e2e/nvim/run.sh

rm -rf "$E2E/artifacts" && mv "$RUN/artifacts" "$E2E/artifacts"
echo "e2e: $(secs "$T0" | tr -d ' ') s in all; screenshots in .e2e/artifacts/"
[ $failed = 0 ] || echo "failed in: ${failures[*]}"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
