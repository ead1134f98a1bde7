#!/usr/bin/env bash
# The suite runs a second time against PostgreSQL (issue 7). The team's machines and CI start
# PostgreSQL 15 on 127.0.0.1:5432 with trust auth; start the cluster if it has stopped.
set -euo pipefail
if [ -n "${TEST_POSTGRES_URL:-}" ] || pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable on 127.0.0.1:5432 (needed by 'npm run test:postgres'; set TEST_POSTGRES_URL for another server)." >&2
exit 1
