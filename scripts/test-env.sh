#!/usr/bin/env bash
# Makes this machine ready for the test suite, idempotently:
#  - Debian packages the tests use: PostgreSQL 15, chromium (browser tests), snmp (net-snmp
#    tools, an independent SNMP client);
#  - the PostgreSQL cluster "15 main" running, trusting user postgres on loopback, with a
#    database "test".
# Needs root (or sudo) only for what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v snmpget >/dev/null 2>&1 || need+=(snmp)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-env: installing ${need[*]} from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -q "${need[@]}" >/tmp/openrps-apt.log 2>&1; then
    $SUDO apt-get update -q >>/tmp/openrps-apt.log 2>&1
    $SUDO apt-get install -y -q "${need[@]}" >>/tmp/openrps-apt.log 2>&1 \
      || { cat /tmp/openrps-apt.log; echo "test-env: apt-get install failed" >&2; exit 1; }
  fi
fi

# PostgreSQL 15, cluster "15 main".
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  $SUDO pg_createcluster 15 main >/dev/null
fi
HBA=/etc/postgresql/15/main/pg_hba.conf
if ! $SUDO grep -qE '^host\s+all\s+postgres\s+127\.0\.0\.1/32\s+trust' "$HBA"; then
  $SUDO sed -i '1i host    all    postgres    127.0.0.1/32    trust\nhost    all    postgres    ::1/128         trust' "$HBA"
fi
$SUDO pg_ctlcluster 15 main start >/dev/null 2>&1 || $SUDO pg_ctlcluster 15 main reload
for _ in $(seq 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -q || { echo "test-env: PostgreSQL did not come up" >&2; exit 1; }
if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -qc 'create database test'
fi
echo "test-env: PostgreSQL 15 up (database test), chromium and net-snmp present"
