#!/usr/bin/env bash
# Regenerates the staff desk screenshots in docs/ (queue, live queue, order, cancel step, pick
# list on screen and on paper, ILL pages) with the browser tests' Chromium. A normal test run
# writes them under data/test/screenshots instead, so the checkout stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
UPDATE_SCREENSHOTS=1 npx vitest run test/staff/staff-pages.browser.test.ts test/staff/staff-desk.browser.test.ts test/staff/ill-staff-pages.browser.test.ts
