# Shared set-up for scripts/run and scripts/test: a virtualenv with the pinned dependencies.
# Re-running is cheap: packages are only (re)installed when a requirements file changed.

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$PROJECT_ROOT/.venv"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 or newer is needed (on Debian: apt-get install python3 python3-venv)." >&2
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to run: $*" >&2
    return 1
  fi
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" >/dev/null ||
    { as_root apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" >/dev/null; }
}

# ensure_venv REQUIREMENTS_FILE: create .venv if needed and install the file when it changed.
ensure_venv() {
  local requirements="$PROJECT_ROOT/${1:-requirements.txt}"
  local python
  python="$(find_python)" || return 1
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install python3-venv
      "$python" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  local stamp="$VENV/.installed-$(basename "$requirements")"
  local digest
  digest="$(cat "$PROJECT_ROOT"/requirements*.txt | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    echo "Installing dependencies from $(basename "$requirements") ..."
    "$VENV/bin/python" -m pip install -q -r "$requirements"
    echo "$digest" >"$stamp"
  fi
}

# ensure_node_packages: the NL Design System CSS and axe-core, from the npm registry (package-lock.json).
ensure_node_packages() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Node.js and npm for the front-end packages ..."
    apt_install nodejs npm
  fi
  local stamp="$PROJECT_ROOT/node_modules/.installed-lock"
  local digest
  digest="$(sha256sum "$PROJECT_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    echo "Installing front-end packages (npm ci) ..."
    (cd "$PROJECT_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$digest" >"$stamp"
  fi
}
