# Sourced by scripts/dev and scripts/test: install the desk console's npm
# packages when node_modules does not match package-lock.json (npm ci), and
# build it when its sources changed since the last build (npm run build).
# Both are skipped when nothing changed, so a second ./scripts/dev is quick.
CONSOLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/console"
NPM_QUIET=(--no-audit --no-fund --loglevel=error)

_console_sha() { sha256sum "$@" | sha256sum | cut -c1-64; }

console_have_npm() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1
}

console_install() {
  local stamp="$CONSOLE_DIR/node_modules/.jusha-lock-sha" want
  want="$(_console_sha "$CONSOLE_DIR/package-lock.json")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo ">> installing the console's npm packages (npm ci)"
  (cd "$CONSOLE_DIR" && npm ci "${NPM_QUIET[@]}" >/dev/null) || return 1
  echo "$want" > "$stamp"
}

console_build() {
  console_install || return 1
  local stamp="$CONSOLE_DIR/dist/.jusha-build-sha" want
  want="$(cd "$CONSOLE_DIR" && find src index.html vite.config.js package-lock.json -type f | LC_ALL=C sort \
          | xargs sha256sum | sha256sum | cut -c1-64)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo ">> building the console (npm run build)"
  local log
  if ! log="$(cd "$CONSOLE_DIR" && npm run build --silent 2>&1)"; then
    echo "$log" >&2
    return 1
  fi
  echo "$want" > "$stamp"
}
