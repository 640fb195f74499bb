#!/usr/bin/env bash
# `make test`: the whole suite on SQLite (the embedded default, browser tests included), then
# again on a throwaway PostgreSQL cluster. Says plainly which halves ran. Extra arguments go to
# pytest. In CI (CI=true) a missing PostgreSQL or Chromium is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
bin=.venv/bin
mkdir -p test-output

bash scripts/ensure-system-packages.sh postgresql chromium
ensured=$?
if ((ensured == 1)) || ( ((ensured != 0)) && [[ ${CI:-} == true ]] ); then
    echo "make test: required system packages are missing (see above)" >&2
    exit 1
fi

echo "== Tests on SQLite =="
"$bin/pytest" "$@"
sqlite_status=$?

if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "== Tests on PostgreSQL =="
    bash scripts/with-postgres.sh "$bin/pytest" -m "not browser" "$@"
    postgres_status=$?
    postgres_result=$([[ $postgres_status == 0 ]] && echo passed || echo FAILED)
else
    postgres_status=0
    postgres_result="NOT RUN: PostgreSQL is absent and could not be installed on this machine"
fi

echo "== Summary =="
echo "SQLite:     $([[ $sqlite_status == 0 ]] && echo passed || echo FAILED)"
echo "PostgreSQL: $postgres_result"
((sqlite_status == 0 && postgres_status == 0))
