#!/usr/bin/env bash
# Runs a command with a supported Node.js (22 or 24): the machine's own when it is one, otherwise Node 24 from the
# npm registry (scripts/supported-node.sh). `npm start` and `npm test` go through it, so the README's two commands
# work on a machine that still has an older Node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/supported-node.sh >&2
exec "$@"
