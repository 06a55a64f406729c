#!/usr/bin/env bash
# Throwaway PostGIS server for tests and development: installs Debian's postgresql + postgis if missing,
# creates a cluster in a temporary folder owned by an unprivileged user, starts it on a free local port,
# waits until it accepts connections and creates the postgis extension.
#
#   eval "$(bash scripts/start-test-postgis.sh)"     # prints export lines: PARKMAP_TEST_DATABASE_URL, PARKMAP_TEST_PGDATA
#   bash scripts/start-test-postgis.sh --stop DIR     # stops the cluster in DIR and removes DIR
#
# Progress goes to stderr, the export lines to stdout.
set -euo pipefail
log() { echo "[postgis] $*" >&2; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
RUN_AS="${PARKMAP_PG_USER:-postgres}"   # the cluster never runs as root

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && echo "$d"
}

as_user() {  # run a command as the cluster's user (or as ourselves when not root)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?usage: --stop DIR}"
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ]; then
    as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
  exit 0
fi

# --- packages (Debian): the server and the PostGIS extension for its major version
bin=$(pg_bin)
major=""
[ -n "$bin" ] && major=$(basename "$(dirname "$bin")")
if [ -z "$bin" ] || [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
  log "installing postgresql and postgis from Debian"
  $SUDO apt-get update -qq >&2
  if [ -z "$major" ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(pg_bin); major=$(basename "$(dirname "$bin")")
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "postgresql-$major-postgis-3" postgis >&2
  bin=$(pg_bin)
fi

if [ "$(id -u)" -eq 0 ] && ! id "$RUN_AS" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
fi

# --- cluster in a fresh temporary folder, on a free port of 127.0.0.1
dir=$(mktemp -d "${TMPDIR:-/tmp}/parkmap-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown "$RUN_AS" "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_user "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=100" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
for _ in $(seq 1 120); do  # pg_ctl -w already waited; pg_isready confirms TCP connections are accepted
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { log "server did not become ready"; cat "$dir/server.log" >&2; exit 1; }
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE parkmap_test" -c "\\c parkmap_test" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
log "PostGIS ready on 127.0.0.1:$port (cluster in $dir)"
echo "export PARKMAP_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/parkmap_test"
echo "export PARKMAP_TEST_PGDATA=$dir"
