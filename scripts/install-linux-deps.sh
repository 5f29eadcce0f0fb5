#!/usr/bin/env bash
# Debian/Ubuntu libraries that Qt WebEngine needs (headless and under Xvfb),
# pdftoppm/pdftotext for PDF checks, a font, and for the app bundle build binutils
# and icu-devtools (packaging/strip_bundle.py, trim_icu.py). Installs only what is missing.
set -euo pipefail
pkgs=(libglib2.0-0 libnss3 libfontconfig1 libdbus-1-3 libegl1 libgl1 libgbm1 libasound2
      libxkbcommon0 libxkbfile1 libx11-xcb1 libxcomposite1 libxdamage1 libxrandr2 libxtst6
      libbrotli1 fonts-dejavu-core libcups2 poppler-utils binutils icu-devtools
      xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
      libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0)
command -v dpkg >/dev/null 2>&1 || { echo "not a Debian system: install the Qt libraries yourself"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
