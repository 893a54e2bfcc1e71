# Sourced by every e2e script: versions, the git-ignored cache folder, and private XDG/TMPDIR folders so
# that code-server, Chromium and Neovim write nothing outside it. See ../../README.md "In a real editor".
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E=${E2E:-$ROOT/.e2e}
CS_VERSION=4.100.3                # VS Code 1.100.3; >= 4.103 needs Node 22, >= 4.133 ignores the URL payload
CS_DIR=$E2E/cs
CS_BIN=$CS_DIR/node_modules/.bin/code-server
RG_VERSION=1.15.11                # @vscode/ripgrep inside code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
PW_VERSION=$(node -p "require('$ROOT/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
export ROOT E2E CHROMIUM
export TMPDIR=$E2E/tmp XDG_CONFIG_HOME=$E2E/xdg/config XDG_DATA_HOME=$E2E/xdg/data XDG_CACHE_HOME=$E2E/xdg/cache
export XDG_STATE_HOME=$E2E/xdg/state
export EXTENSIONS_GALLERY='{}'    # no open-vsx gallery: nothing reaches the network
mkdir -p "$TMPDIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
