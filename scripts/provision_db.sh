#!/usr/bin/env bash
# Provision PostgreSQL + PostGIS for mapapp. Safe to run again: it only creates
# what is missing and never drops or rewrites anything.
#
#   DATABASE_URL set      -> use it (and TEST_DATABASE_URL, or "<db>_test" beside it)
#   server on 127.0.0.1   -> create role/databases/extensions there
#   nothing running       -> install PostgreSQL + PostGIS with apt (root, Debian/Ubuntu)
set -euo pipefail

APP_DB=mapapp
TEST_DB=mapapp_test
BENCH_DB=mapapp_bench
APP_ROLE=mapapp
APP_PASSWORD=mapapp

say() { printf 'provision: %s\n' "$*" >&2; }
die() { printf 'provision: ERROR: %s\n' "$*" >&2; exit 1; }

# psql as an administrator, whichever way this machine allows.
ADMIN=()
find_admin() {
    if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        ADMIN=(psql -h 127.0.0.1 -U postgres)
    elif command -v runuser >/dev/null && id postgres >/dev/null 2>&1 &&
        runuser -u postgres -- psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        ADMIN=(runuser -u postgres -- psql)
    else
        return 1
    fi
}

admin() { PGOPTIONS="-c client_min_messages=warning" "${ADMIN[@]}" -v ON_ERROR_STOP=1 -Atq "$@"; }

install_postgres() {
    [[ $(id -u) -eq 0 ]] || die "no PostgreSQL server found. Install one with:
    sudo apt-get install -y postgresql postgresql-postgis && sudo pg_ctlcluster 15 main start
or set DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/DB"
    command -v apt-get >/dev/null || die "no PostgreSQL server found and no apt-get; set DATABASE_URL"
    say "installing PostgreSQL and PostGIS with apt-get"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgresql-postgis >/dev/null
    start_clusters
}

start_clusters() {
    command -v pg_lsclusters >/dev/null || return 0
    pg_lsclusters --no-header | while read -r version cluster _port status _rest; do
        if [[ $status != online ]]; then
            say "starting cluster $version/$cluster"
            pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
        fi
    done
    for _ in $(seq 1 30); do find_admin && return 0; sleep 1; done
}

ensure_postgis_available() {
    local have
    have=$(admin -d postgres -c "select count(*) from pg_available_extensions where name='postgis'")
    [[ $have == 1 ]] && return 0
    local major
    major=$(admin -d postgres -c "show server_version_num" | cut -c1-2)
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null ||
        die "PostGIS is not installed for PostgreSQL $major. Install it with:
    sudo apt-get install -y postgresql-$major-postgis-3"
    say "installing PostGIS for PostgreSQL $major with apt-get"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$major-postgis-3" >/dev/null
}

create_database() {
    local db=$1
    if [[ $(admin -d postgres -c "select count(*) from pg_database where datname='$db'") == 0 ]]; then
        say "creating database $db (UTF-8)"
        # template0 + a UTF-8 ctype so that pg_trgm treats Cyrillic letters as letters.
        admin -d postgres -c "CREATE DATABASE $db OWNER $APP_ROLE ENCODING 'UTF8'
            LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
    fi
    admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis;
        CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;"
}

provision_local() {
    find_admin || start_clusters || true
    find_admin || install_postgres
    find_admin || die "PostgreSQL is installed but not reachable. Start it with:
    sudo pg_ctlcluster --skip-systemctl-redirect 15 main start"
    ensure_postgis_available
    if [[ $(admin -d postgres -c "select count(*) from pg_roles where rolname='$APP_ROLE'") == 0 ]]; then
        say "creating role $APP_ROLE"
        admin -d postgres -c "CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD'"
    fi
    create_database "$APP_DB"
    create_database "$TEST_DB"
    create_database "$BENCH_DB"
    say "ready: postgresql://$APP_ROLE:***@127.0.0.1:5432/$APP_DB (tests: $TEST_DB)"
}

# With DATABASE_URL the server is someone else's: check it, create extensions if allowed.
provision_url() {
    local url=${1/postgresql+psycopg:/postgresql:}
    psql "$url" -Atqc 'select 1' >/dev/null 2>&1 || die "cannot connect to DATABASE_URL ($url)"
    PGOPTIONS="-c client_min_messages=warning" psql "$url" -v ON_ERROR_STOP=1 -Atqc "CREATE EXTENSION IF NOT EXISTS postgis;
        CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;" \
        >/dev/null || die "the database at DATABASE_URL lacks postgis/pg_trgm/unaccent/fuzzystrmatch and this
role cannot create them; ask its administrator to run CREATE EXTENSION for each"
    say "ready: the database at this URL is reachable and has PostGIS"
}

command -v psql >/dev/null || {
    find_admin 2>/dev/null || install_postgres
}

if [[ -n ${DATABASE_URL:-} ]]; then
    provision_url "$DATABASE_URL"
    [[ -n ${TEST_DATABASE_URL:-} ]] && provision_url "$TEST_DATABASE_URL"
else
    provision_local
fi
