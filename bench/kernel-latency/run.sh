#!/usr/bin/env bash
# Kernel latency benchmark: lazylab vs. tslab vs. Deno (see bench.py's docstring).
# Usage: bash bench/kernel-latency/run.sh [--launches 3] [--iters 50] [--kernels lazylab,tslab,deno] [--json out.json]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peers="$here/../.peers"   # bench/.peers: local npm prefix for the peer kernels (gitignored)
TSLAB_VERSION=1.0.22
DENO_VERSION=2.9.6

if [[ ! -f "$peers/node_modules/tslab/bin/tslab" || ! -f "$peers/node_modules/deno/package.json" ]]; then
  echo "installing peers into $peers: tslab@$TSLAB_VERSION deno@$DENO_VERSION" >&2
  mkdir -p "$peers"
  npm install --prefix "$peers" --no-audit --no-fund --loglevel=error \
    "tslab@$TSLAB_VERSION" "deno@$DENO_VERSION" >&2
fi
# Sanity check: the npm deno package must have placed a runnable binary.
"$peers/node_modules/.bin/deno" --version >/dev/null

# Debian's python has jupyter_client; the python3 first on PATH does not.
exec /usr/bin/python3 "$here/bench.py" "$@"
