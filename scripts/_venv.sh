# Sourced by the scripts: create or reuse .venv and install the project.
# Reinstalls only when setup.cfg or pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${JUSHA_VENV:-$ROOT/.venv}"
PYTHON_BIN="${PYTHON:-python3}"
EXTRAS="${1:-dev}"
[ "$EXTRAS" = base ] && SPEC="$ROOT" || SPEC="$ROOT[$EXTRAS]"

if [ ! -x "$VENV/bin/python" ]; then
  echo ">> creating virtualenv $VENV"
  "$PYTHON_BIN" -m venv "$VENV"
fi
STAMP="$VENV/.jusha-installed-$EXTRAS"
WANT="$(cat "$ROOT/setup.cfg" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
# A dev install holds everything a base one does: scripts/serve and
# scripts/scheduler started next to the test suite (tests/deploy) must not
# reinstall the virtualenv under it.
if [ "$EXTRAS" = base ] && [ -f "$VENV/.jusha-installed-dev" ] && [ "$(cat "$VENV/.jusha-installed-dev")" = "$WANT" ]; then
  STAMP="$VENV/.jusha-installed-dev"
fi
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  echo ">> installing jusha[$EXTRAS] into $VENV"
  LOG="$VENV/install.log"
  if ! { "$VENV/bin/python" -m pip install --upgrade pip &&
         "$VENV/bin/python" -m pip install -e "$SPEC"; } >"$LOG" 2>&1; then
    tail -40 "$LOG"; echo "!! install failed; full log in $LOG" >&2; exit 1
  fi
  echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export FLASK_APP="app:create_app"
cd "$ROOT"
