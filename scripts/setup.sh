#!/usr/bin/env bash
# Set up crosswire on a fresh machine; safe to run again (it only does what is missing).
#   - as root: Debian's chromium (browser tests) and postgresql (PostgreSQL tests)
#   - .venv with Python 3.11 and crosswire installed editable with its test extras
# Playwright is a test dependency but must never download a browser of its own:
# the tests drive Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

missing_debian_packages() {
  local pkg
  for pkg in chromium postgresql; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_debian_packages() {
  local missing
  missing=$(missing_debian_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: not root, so not installing Debian packages: $missing" \
         "(browser/PostgreSQL tests will skip)" >&2
    return 0
  fi
  echo "setup: installing Debian packages: $missing" >&2
  apt-get update -q
  # shellcheck disable=SC2086  # one word per package
  apt-get install -y -q --no-install-recommends $missing
}

find_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      command -v "$candidate"; return 0
    fi
  done
  echo "setup: Python 3.11 is required (python3.11 not found)" >&2
  return 1
}

install_python_packages() {
  if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
  fi
  # Skip the (slow) resolver run when nothing changed since the last install.
  local stamp=.venv/.crosswire-installed
  if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && .venv/bin/python -c 'import crosswire' 2>/dev/null; then
    return 0
  fi
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
}

install_debian_packages
install_python_packages
echo "setup: ready (.venv/bin/crosswire)" >&2
