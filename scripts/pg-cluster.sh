#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks, on a free loopback port.
#   scripts/pg-cluster.sh start DIR   -> prints the connection URL (the cluster lives in DIR)
#   scripts/pg-cluster.sh stop DIR    -> stops it and removes DIR
# initdb refuses to run as root, so the cluster belongs to the `postgres` user.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "$cmd" in
  start)
    if [ ! -x "$bin/initdb" ]; then echo "PostgreSQL binaries not found in $bin (apt-get install -y postgresql)" >&2; exit 3; fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_postgres "$bin/initdb -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    as_postgres "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w start -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_postgres "$bin/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null 2>&1" || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
