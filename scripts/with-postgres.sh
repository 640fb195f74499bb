#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/with-postgres.sh CMD [ARG...]
#
# Starts the newest PostgreSQL found under /usr/lib/postgresql/*/bin on 127.0.0.1 at a free
# port, with its data in a fresh temporary directory, creates the database "caravan", runs
# CMD with CARAVAN_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/caravan exported, then
# always stops the cluster and deletes the directory. Exits with CMD's status; 3 if
# PostgreSQL is not installed; 1 if the cluster could not be set up.
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user.
set -euo pipefail

me=$(basename "$0")

if (($# == 0)); then
    echo "usage: $me CMD [ARG...]" >&2
    exit 2
fi

initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
if [[ -z $initdb ]]; then
    echo "$me: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb);" \
        "install it with: bash scripts/ensure-system-packages.sh postgresql" >&2
    exit 3
fi
bin=$(dirname "$initdb")

if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "$me: running as root but there is no 'postgres' user to run PostgreSQL as" >&2
        exit 1
    fi
    # runuser lives in /usr/sbin, which a root shell's PATH may lack.
    runuser=$(PATH=$PATH:/usr/sbin:/sbin command -v runuser) || {
        echo "$me: runuser (util-linux) is needed to run PostgreSQL as 'postgres'" >&2
        exit 1
    }
    # The postgres user must be able to reach the directory, so not under $TMPDIR (which
    # may be inside root's home).
    tmp=$(mktemp -d /tmp/caravan-pg.XXXXXX)
    chown postgres:postgres "$tmp"
    as_cluster_user() { (cd "$tmp" && "$runuser" -u postgres -- "$@"); }
else
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/caravan-pg.XXXXXX")
    as_cluster_user() { "$@"; }
fi
data=$tmp/data
sock=$tmp/sock
log=$tmp/server.log  # written by the server, so it must not exist beforehand
initdb_log=$tmp/initdb.log
started=0

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    if ((started)); then
        as_cluster_user "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp" || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "$me: $1" >&2
    [[ -z ${2:-} || ! -s $2 ]] || tail -n 20 "$2" >&2
    exit 1
}

as_cluster_user mkdir -m 700 "$sock"

initdb_args=(-D "$data" -A trust -U postgres --encoding=UTF8)
if ! as_cluster_user "$bin/initdb" "${initdb_args[@]}" --locale=C.UTF-8 >"$initdb_log" 2>&1; then
    # The C.UTF-8 locale is missing on this machine.
    as_cluster_user rm -rf "$data"
    as_cluster_user "$bin/initdb" "${initdb_args[@]}" --no-locale >"$initdb_log" 2>&1 ||
        fail "initdb failed" "$initdb_log"
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Another process may grab the port between choosing it and the server binding it: retry.
for attempt in 1 2 3; do
    port=$(free_port)
    if as_cluster_user "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 -o "-p $port -k '$sock' \
-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
        started=1
        break
    fi
    # A server that failed to come up in time may still be starting: make sure it is gone.
    as_cluster_user "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
done
((started)) || fail "PostgreSQL did not start (tried $attempt ports)" "$log"

"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres caravan || fail "createdb failed"
version=$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d caravan -X -A -t \
    -c 'show server_version') || fail "cannot connect to PostgreSQL"
echo "PostgreSQL ${version%% *} on 127.0.0.1:$port (throwaway cluster)" >&2

export CARAVAN_DATABASE_URL="postgres://postgres@127.0.0.1:$port/caravan"
status=0
"$@" || status=$?
exit "$status"
