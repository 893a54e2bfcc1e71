#!/usr/bin/env bash
# Neovim as a second LSP client, headless: test.lua drives dist/server.js --stdio through Neovim's own
# client (diagnostics equal the CLI's, hover, outline, the quick fix through vim.lsp.buf.code_action, a
# plain .txt stays silent). Works from any directory; prints test.lua's PASS/FAIL lines and its summary;
# exits 0 only when every check passed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
command -v nvim >/dev/null || { echo "FAIL nvim: Neovim is not installed (run test/e2e/setup.sh)"; exit 1; }
[ -s "$ROOT/dist/server.js" ] && [ -s "$ROOT/dist/cli.js" ] || (cd "$ROOT" && node esbuild.mjs --quiet)

work=$(mktemp -d "$TMPDIR/nvim-XXXXXX")
trap 'rm -rf "$work"' EXIT
seed=$ROOT/test/fixtures/002_3f5e56868c97c344.txt
# Seed 002 with line 153 (table 三, （一）予以公开 × 自然人) changed from 4 to 7.
[ "$(sed -n 153p "$seed")" = $'\t4' ] || { echo "FAIL nvim: fixture changed, line 153 of $seed is not a tab and 4"; exit 1; }
sed '153s/^\t4$/\t7/' "$seed" > "$work/report.txt"
printf 'Shopping list\n\n- rice 2 kg\n- tea\n\n合计 3 items\n' > "$work/notes.txt"
# What the command line finds is what Neovim must show (exit 1 = it found errors, as planted).
node "$ROOT/dist/cli.js" check --format json "$work/report.txt" > "$work/expected.json" || [ $? = 1 ]

export XXGK_REPORT_SERVER=$ROOT/dist/server.js XXGK_EXPECTED=$work/expected.json XXGK_ORIGINAL=$seed XXGK_PLAIN=$work/notes.txt
cd "$work"
timeout 60 nvim --headless -n -i NONE --noplugin -u "$ROOT/test/e2e/nvim/init.lua" \
  -c "luafile $ROOT/test/e2e/nvim/test.lua" report.txt
