#!/usr/bin/env bash
# Installs the Debian 12 packages PoT Console needs to build, run and test; only what is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config dpkg-dev file fonts-dejavu-core openssl ca-certificates
  qt6-base-dev qt6-declarative-dev qt6-networkauth-dev qt6-tools-dev qt6-l10n-tools qt6-qpa-plugins
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-dialogs qml6-module-qtquick-window
  qml6-module-qt-labs-platform qml6-module-qt-labs-folderlistmodel qml6-module-qttest
  qt6-declarative-dev-tools
  libyaml-cpp-dev libsodium-dev libssl-dev qtkeychain-qt6-dev libsecret-1-0 libsimdjson-dev libzstd-dev libical-dev
  python3-icalendar
  nats-server
  help2man lintian desktop-file-utils appstream
  gnome-keyring dbus
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "Missing packages: ${missing[*]}; run this script as root to install them." >&2
    exit 1
  fi
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
