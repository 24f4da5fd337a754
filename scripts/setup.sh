#!/usr/bin/env bash
# Sets up lazylab on Debian/Ubuntu with Node 20+; safe to run again (each step is skipped when done).
#   1. Jupyter, redis-server and Chromium from apt (only the packages that are missing; `apt-get update` only if something is)
#   2. npm dependencies (`npm ci`, or `npm install` without a lockfile)
#   3. `npm run build`
#   4. the `lazylab` kernelspec for this user (`node dist/kernel/main.js install --user`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# What the kernel, the tests and scripts/run-notebooks.mjs use from Jupyter (all from Debian's archive),
# redis-server for the MapReduce redis runner (its tests start their own on a free port), and the
# browser the browser test drives.
APT_PACKAGES=(
  jupyter-core            # /usr/bin/jupyter
  jupyter-client          # kernelspecs, jupyter_client
  jupyter-nbconvert       # jupyter nbconvert --execute
  jupyter-console         # jupyter console
  jupyter-notebook        # jupyter notebook, to open the notebooks
  python3-nbclient
  python3-nbformat
  python3-jupyter-kernel-test
  python3-pexpect
  redis-server            # the redis runner's job queue; the package's own service is not used
  openssl                 # a self-signed certificate for the test of rediss:// (Redis over TLS)
  iproute2                # `ip netns`, for the test that runs the redis runner across network namespaces
  chromium                # the browser tests (test/browser) drive it with playwright-core
  jupyter-server          # serves the JupyterLab 4 test page (test/jupyterlab/lab_page.py)
  python3-jupyter-server
  python3-jupyterlab-server
)

# --- Node ---------------------------------------------------------------------------------------
command -v node >/dev/null || die "Node.js 20 or later is required (https://nodejs.org or your distribution's nodejs package)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js 20 or later is required; found $(node --version)"
command -v npm >/dev/null || die "npm is required (it comes with Node.js)"
say "Node $(node --version), npm $(npm --version)"

# --- Jupyter from apt -----------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for package in "${APT_PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "Jupyter packages already installed (${APT_PACKAGES[*]})"
else
  command -v apt-get >/dev/null || die "apt-get not found; install these Jupyter packages by hand: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install as root: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  say "apt-get update"
  "${sudo[@]}" apt-get update
  say "apt-get install ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian's redis-server package may start a system Redis on 6379. Nothing here depends on it
# (tests and the README's how-to start their own, without persistence); it is left as the system has it.
[ -x /usr/bin/jupyter ] || die "/usr/bin/jupyter is missing after installing jupyter-core"

# --- npm dependencies --------------------------------------------------------------------------------
# npm records what it installed in node_modules/.package-lock.json; when that is newer than the
# lockfile and package.json, the tree is current and a reinstall would only cost time.
if [ -f package-lock.json ]; then
  if [ -z "${CI:-}" ] && [ node_modules/.package-lock.json -nt package-lock.json ] && [ node_modules/.package-lock.json -nt package.json ]; then
    say "npm dependencies up to date (node_modules matches package-lock.json)"
  else
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
else
  say "npm install (no package-lock.json)"
  npm install --no-audit --no-fund
fi

# --- build and kernelspec ----------------------------------------------------------------------------
say "npm run build"
npm run build --silent

say "node dist/kernel/main.js install --user"
node dist/kernel/main.js install --user

# Jupyter must see the kernelspec; retried because a busy machine can make the first listing fail.
visible=""
for attempt in 1 2 3; do
  if listing=$(/usr/bin/jupyter kernelspec list 2>&1) && grep -qE '^\s*lazylab\s' <<<"$listing"; then visible=yes; break; fi
  sleep 2
done
[ -n "$visible" ] || { printf '%s\n' "$listing" >&2; die "the lazylab kernelspec is not visible to /usr/bin/jupyter"; }
say "Done: the kernel \"TypeScript (lazylab)\" is installed. Run the notebooks with \`npm start\`, the tests with \`npm test\`."
