#!/usr/bin/env bash
# Browser tests against an already built dist/ (`cargo xtask dist`).
# Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium) or $CHROMIUM.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
npm test
