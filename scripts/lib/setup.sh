# Shared set-up for scripts/preview and scripts/test: a Python 3.11+ virtual environment in .venv
# with the pinned requirements, and the Debian packages the tests need. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1 # Material's notice about MkDocs 2; the project pins MkDocs below 2

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Install Debian packages when root; otherwise say exactly what to run, and stop.
apt_install() {
  if is_root; then
    say "Installing Debian packages: $*"
    if [ -z "${APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    die "missing system packages; run: sudo apt-get install -y $*   (then run this command again)"
  fi
}

find_python() {
  local candidate
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# ensure_venv REQUIREMENTS_FILE: create .venv if needed and install the file when it changed.
ensure_venv() {
  local requirements="$ROOT/$1" python stamp digest
  python="$(find_python)" || {
    apt_install python3 python3-venv
    python="$(find_python)" || die "Python 3.11 or newer is required"
  }
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the virtual environment in .venv"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install python3-venv
      "$python" -m venv "$VENV"
    fi
  fi
  stamp="$VENV/.installed-$(basename "$requirements")"
  digest="$(cat "$requirements" "$ROOT/requirements.txt" | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    say "Installing $(basename "$requirements") into .venv"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$digest" >"$stamp"
  fi
}

# Whether Debian's chromium must be installed: prints "chromium" if so. CHROMIUM may name
# another Chromium-based browser binary instead (then it must be an executable).
chromium_package_needed() {
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || die "CHROMIUM is set to '$CHROMIUM', which is not an executable"
  elif ! command -v chromium >/dev/null 2>&1; then
    echo chromium
  fi
}

# Chromium, for scripts/render-diagrams.
ensure_chromium() {
  local needed
  needed="$(chromium_package_needed)"
  if [ -n "$needed" ]; then
    apt_install "$needed"
  fi
}

# The browser, Java (PySpark examples), promtool and amtool (the alerting examples) and Node.js
# (test tools from npm) for the test suite. CHROMIUM may name another Chromium-based browser binary.
ensure_test_system_packages() {
  local missing=() chromium
  # One apt-get line for everything, so that a non-root user is told one command to run.
  chromium="$(chromium_package_needed)"
  if [ -n "$chromium" ]; then
    missing+=("$chromium")
  fi
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# The Node test tools pinned in package-lock.json, installed when the lock file changes.
ensure_node_tools() {
  local stamp="$ROOT/node_modules/.installed-lock" digest
  digest="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    say "Installing the Node test tools (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$digest" >"$stamp"
  fi
}
