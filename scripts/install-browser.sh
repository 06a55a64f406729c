#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages: Chromium, a CJK font
# (so screenshots show Chinese text) and Node.js (runs the map's pop-up JavaScript against the Python builder). Skips what is already there; refreshes the package
# lists only when a missing package has no install candidate in them.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
# read fc-list whole: `fc-list | grep -q` under pipefail fails with 141 when grep stops reading early
fonts="$(fc-list 2>/dev/null || true)"
case "$fonts" in
  *"Noto Sans CJK"*|*"noto sans cjk"*|*"NotoSansCJK"*) ;;
  *) need+=(fonts-noto-cjk) ;;
esac
if [ ${#need[@]} -eq 0 ]; then
  echo "browser test dependencies present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
has_candidate() {
  local policy
  policy="$(apt-cache policy "$1" 2>/dev/null || true)"
  case "$policy" in
    ""|*"Candidate: (none)"*) return 1 ;;
    *) return 0 ;;
  esac
}
for pkg in "${need[@]}"; do
  if ! has_candidate "$pkg"; then
    $SUDO apt-get update -qq
    break
  fi
done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
