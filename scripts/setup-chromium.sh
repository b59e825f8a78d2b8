#!/usr/bin/env bash
# Makes Debian's Chromium available for the console's browser tests (test/ui/, driven by playwright-core).
# Idempotent: when /usr/bin/chromium answers it returns at once. Installs the `chromium` package with
# apt-get otherwise (as root), since playwright's own browser download cannot reach the network here.
#
# Used by `npm test` (pretest) and `npm run setup`.
#
# Environment overrides:
#   CODEPIPELINE_LOCAL_CHROMIUM  the Chromium binary the tests use (default /usr/bin/chromium)
set -euo pipefail

readonly CHROMIUM="${CODEPIPELINE_LOCAL_CHROMIUM:-/usr/bin/chromium}"
readonly LOCK_FILE="/tmp/codepipeline-local-chromium.lock"
readonly LOCK_WAIT_SECONDS=600

log() { echo "[setup-chromium] $*"; }
die() {
  echo "[setup-chromium] ERROR: $*" >&2
  exit 1
}

chromium_ok() { [[ -x "$CHROMIUM" ]] && timeout 30 "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; }

if chromium_ok; then exit 0; fi

[[ "$CHROMIUM" == "/usr/bin/chromium" ]] ||
  die "CODEPIPELINE_LOCAL_CHROMIUM=$CHROMIUM does not run; point it at a working Chromium or unset it to install Debian's."
[[ "$(id -u)" == "0" ]] ||
  die "Chromium is missing and installing it needs root: run \`sudo apt-get install -y chromium\`, then the tests again."
command -v apt-get >/dev/null 2>&1 ||
  die "Chromium is missing and this machine has no apt-get: install Chromium and set CODEPIPELINE_LOCAL_CHROMIUM to its path."

# Two test runs starting at once must not run apt-get twice.
exec 9>"$LOCK_FILE"
flock -w "$LOCK_WAIT_SECONDS" 9 || die "another setup holds $LOCK_FILE for more than ${LOCK_WAIT_SECONDS}s"
if chromium_ok; then exit 0; fi

export DEBIAN_FRONTEND=noninteractive
out="$(mktemp /tmp/codepipeline-local-chromium-apt.XXXXXX)"
trap 'rm -f "$out"' EXIT
log "apt-get update ..."
apt-get update -qq </dev/null >"$out" 2>&1 9>&- || { tail -n 20 "$out" >&2; die "apt-get update failed (see above)"; }
log "apt-get install -y chromium (this can take a minute) ..."
apt-get install -y -qq --no-install-recommends chromium fonts-liberation </dev/null >"$out" 2>&1 9>&- ||
  { tail -n 20 "$out" >&2; die "apt-get install chromium failed (see above)"; }
chromium_ok || die "chromium was installed but \`$CHROMIUM --headless --version\` does not run"
log "$("$CHROMIUM" --headless --no-sandbox --version 2>/dev/null)"
