#!/usr/bin/env bash
# Load throughput: `healthflow load` of one full CSV batch into a DuckDB warehouse and into a PostgreSQL
# warehouse (a database of the same private cluster), in the same run. The batch comes from
# `healthflow extract --mode full` of a private cluster filled with generate_series.
# Prints a markdown table (rows/s, MB/s, peak RSS).
#   usage: bench/load/run.sh [ROWS]      ROWS patients and ROWS admissions (default 500000)
#   env:   HF_BINARY (default build/src/cli/healthflow)
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-500000}"
bin="${HF_BINARY:-${root_dir}/build/src/cli/healthflow}"
work="$(mktemp -d /tmp/hf-bench-load.XXXXXX)"
chmod 755 "${work}"

cleanup() {
    "${bin}" -q --data-dir "${work}/data" db stop >/dev/null 2>&1 || true
    rm -rf "${work}"
}
trap cleanup EXIT

# Runs a command; prints "<seconds> <peak RSS in KiB>".
measure() {
    /usr/bin/time -f "%e %M" -o "${work}/time.txt" "$@" >"${work}/stdout.txt" 2>"${work}/stderr.txt" || {
        cat "${work}/stderr.txt" >&2
        exit 1
    }
    cat "${work}/time.txt"
}

"${bin}" -q --data-dir "${work}/data" db start >/dev/null
url="$("${bin}" --data-dir "${work}/data" db url 2>/dev/null)"
export PGPASSWORD="$(cat "${work}/data/secrets/source_password")"
run_psql() { psql "${url}" -q -v ON_ERROR_STOP=1 "$@"; }

echo "filling the source: ${rows} patients, ${rows} admissions ..." >&2
run_psql <<SQL
INSERT INTO services (code, nom_service, capacite_lits)
SELECT 'S' || g, 'Service ' || g, 20 + g FROM generate_series(1, 50) AS g;
INSERT INTO patients (nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email)
SELECT 'Nom' || g, 'Prénom' || (g % 977), CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
       DATE '1930-01-01' + (g % 30000), g || ' rue de la République, 69002 Lyon', 'Mutuelle ' || (g % 40),
       '06' || lpad((g % 100000000)::text, 8, '0'), 'patient' || g || '@exemple.fr'
FROM generate_series(1, ${rows}) AS g;
INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie, mode_entree, score_gravite, motif, cout_total)
SELECT g, 1 + g % 50, TIMESTAMP '2025-01-01' + (g % 500) * INTERVAL '17 hours',
       TIMESTAMP '2025-01-01' + (g % 500) * INTERVAL '17 hours' + INTERVAL '3 days',
       (ARRAY['URGENCES', 'PROGRAMMEE', 'MUTATION'])[1 + g % 3], 1 + g % 10, 'Motif ' || (g % 300),
       round((g % 100000) * 1.37, 2)
FROM generate_series(1, ${rows}) AS g;
INSERT INTO stocks_medicaments (nom_medicament, quantite, seuil_alerte, prix_unitaire)
SELECT 'Médicament ' || g, g % 500, 100, round(g * 0.13, 2) FROM generate_series(1, 2000) AS g;
CREATE DATABASE bench_warehouse;
SQL
"${bin}" -q --data-dir "${work}/data" extract --mode full >/dev/null
manifest="$(ls "${work}/data/lake/bronze/_manifests/"*.json | sort | tail -1)"
bytes="$(python3 -c 'import json,sys; print(sum(f["bytes"] for f in json.load(open(sys.argv[1]))["files"]))' "${manifest}")"
total_rows=$((50 + rows + rows + 2000))

read -r duck_seconds duck_rss < <(measure "${bin}" -q --data-dir "${work}/data" load)
duck_rows="$(grep -o '[0-9]* rows loaded' "${work}/stdout.txt" | cut -d' ' -f1)"
pg_url="${url%/*}/bench_warehouse"
read -r pg_seconds pg_rss < <(measure env HEALTHFLOW_WAREHOUSE_PASSWORD="${PGPASSWORD}" "${bin}" -q --data-dir "${work}/data" load --warehouse-url "${pg_url}")
pg_rows="$(grep -o '[0-9]* rows loaded' "${work}/stdout.txt" | cut -d' ' -f1)"
if [[ "${duck_rows}" != "${total_rows}" || "${pg_rows}" != "${total_rows}" ]]; then
    echo "loaded ${duck_rows} (duckdb) and ${pg_rows} (postgres) rows, expected ${total_rows}" >&2
    exit 1
fi

python3 - "${total_rows}" "${bytes}" "${duck_seconds}" "${duck_rss}" "${pg_seconds}" "${pg_rss}" <<'PY'
import sys
rows, size = int(sys.argv[1]), int(sys.argv[2])
def line(name, seconds, rss):
    seconds = float(seconds)
    print(f"| {name} | {rows:,} | {size / 1e6:.1f} | {seconds:.2f} | {rows / seconds:,.0f} | {size / 1e6 / seconds:.1f} | {int(rss) / 1024:.1f} |")
print("| warehouse | rows | MB of CSV | seconds | rows/s | MB/s | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|---:|---:|")
line("DuckDB file (healthflow load)", sys.argv[3], sys.argv[4])
line("PostgreSQL 15, same machine (healthflow load --warehouse-url)", sys.argv[5], sys.argv[6])
PY
