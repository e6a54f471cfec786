#!/usr/bin/env bash
# Browser tests against an already built dist/ (`cargo xtask dist`).
# Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium) or $CHROMIUM.
set -euo pipefail
cd "$(dirname "$0")"
# Install when missing or when package-lock.json changed since the last install.
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npm test
