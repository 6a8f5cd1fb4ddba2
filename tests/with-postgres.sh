#!/usr/bin/env bash
# Run a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server: initialised
# in a temporary folder, listening only on a Unix socket there, stopped and removed on exit.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found (Debian package postgresql)" >&2
  exit 1
fi

folder=$(mktemp -d "${TMPDIR:-/tmp}/claimline-pg.XXXXXX")
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root; the Debian package creates the postgres user.
  chown postgres "$folder"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
# Durability settings off: this server lives for one test run.
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -w -l "$folder/server.log" \
  -o "-k $folder -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

export TEST_DATABASE_URL="postgresql+psycopg://postgres@/postgres?host=$folder"
"$@"
