#!/usr/bin/env bash
# PoT Console quick start for Debian 12 (run as root, or with sudo available).
#   bash scripts/quickstart.sh run    install what is missing, build, start the console
#   bash scripts/quickstart.sh test   install what is missing, build, run every test
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
build=${POT_BUILD_DIR:-$here/build}

case "$mode" in
  run|test|deps|build) ;;
  *) echo "usage: $0 run|test|deps|build" >&2; exit 2 ;;
esac

bash "$here/scripts/install-deps.sh"

werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi

if [ "$mode" = deps ]; then exit 0; fi

cmake -S "$here" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE="${POT_BUILD_TYPE:-RelWithDebInfo}" \
  -DPOT_WERROR="$werror" >/dev/null
cmake --build "$build" --parallel "$(nproc)"

case "$mode" in
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): start the console from a desktop" >&2
      echo "session, or set QT_QPA_PLATFORM (for example QT_QPA_PLATFORM=vnc)." >&2
      exit 1
    fi
    exec "$build/app/pot-console"
    ;;
  test)
    cd "$build"
    exec ctest --output-on-failure --parallel "$(nproc)" --timeout 300
    ;;
esac
