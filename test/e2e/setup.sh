#!/usr/bin/env bash
# Installs what the e2e run needs, idempotently: Debian packages when missing (only as root), and
# code-server into the git-ignored $E2E/cs (reused when its version matches). Takes 0 s when cached.
set -euo pipefail
. "$(dirname "$0")/env.sh"

need=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
command -v nvim >/dev/null || need+=(neovim)
command -v curl >/dev/null || need+=(curl)                    # start-server.sh polls /healthz
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)   # kerberos (in code-server) builds from source
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "e2e setup: apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "e2e setup: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
    exit 1
  fi
fi

if [ "$(cat "$CS_DIR/.installed" 2>/dev/null)" != "$CS_VERSION" ]; then
  echo "e2e setup: installing code-server $CS_VERSION into $CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from api.github.com unless its cache already holds the
  # asset; seed that cache (os.tmpdir()/vscode-ripgrep-cache-<version>, so it follows TMPDIR) from npm.
  rgc=$TMPDIR/vscode-ripgrep-cache-$RG_VERSION
  if [ ! -s "$rgc/$RG_ASSET" ]; then
    t=$(mktemp -d)
    (cd "$t" && npm pack -s @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$rgc" && tar czf "$rgc/$RG_ASSET" -C "$t/package/bin" rg && rm -rf "$t"
  fi
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR" && echo '{"private":true}' > "$CS_DIR/package.json"
  # unsafe_perm: as root, code-server's postinstall.sh quits without it; yes: node-pty runs `npx node-gyp`.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
  "$CS_BIN" --version >/dev/null
  echo "$CS_VERSION" > "$CS_DIR/.installed"
fi
