#!/usr/bin/env bash
# Extraction throughput: `healthflow extract --mode full` (CSV) against `psql -c "\copy (SELECT ...) to ..."`
# of the same queries (same columns, same audit columns, same order), on a throwaway private cluster
# filled with generate_series; then the same extraction to Parquet. Prints a markdown table (rows/s, MB/s,
# peak RSS; MB are the bytes written: Parquet files are smaller).
#   usage: bench/extract/run.sh [ROWS]      ROWS patients and ROWS admissions (default 500000)
#   env:   HF_BINARY (default build/src/cli/healthflow)
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-500000}"
bin="${HF_BINARY:-${root_dir}/build/src/cli/healthflow}"
work="$(mktemp -d /tmp/hf-bench-extract.XXXXXX)"
chmod 755 "${work}"

cleanup() {
    "${bin}" -q --data-dir "${work}/data" db stop >/dev/null 2>&1 || true
    rm -rf "${work}"
}
trap cleanup EXIT

# Runs a command; prints "<seconds> <peak RSS in KiB>".
measure() {
    /usr/bin/time -f "%e %M" -o "${work}/time.txt" "$@" >/dev/null 2>"${work}/stderr.txt" || {
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
VACUUM ANALYZE;
SQL

tables="services patients admissions stocks_medicaments"
# Warm the cache once, so that both contenders read from memory.
"${bin}" -q --data-dir "${work}/data" extract --mode full >/dev/null

read -r hf_seconds hf_rss < <(measure "${bin}" -q --data-dir "${work}/data" extract --mode full)
manifest="$(ls "${work}/data/lake/bronze/_manifests/"*.json | sort | tail -1)"
hf_bytes="$(python3 -c 'import json,sys; print(sum(f["bytes"] for f in json.load(open(sys.argv[1]))["files"]))' "${manifest}")"

read -r pq_seconds pq_rss < <(measure "${bin}" -q --data-dir "${work}/data" extract --mode full --format parquet)
manifest="$(ls "${work}/data/lake/bronze/_manifests/"*.json | sort | tail -1)"
pq_bytes="$(python3 -c 'import json,sys; print(sum(f["bytes"] for f in json.load(open(sys.argv[1]))["files"]))' "${manifest}")"

total_rows=$((50 + rows + rows + 2000))
mkdir -p "${work}/psql"
psql_seconds=0
psql_rss=0
for t in ${tables}; do
    query="SELECT t.*, 'U' AS _op, '2026-01-01T00:00:00.000000Z' AS _extracted_at, 'PostgreSQL_OLTP' AS _source_system, '20260101T000000Z_00000000' AS _extraction_batch_id FROM ${t} AS t ORDER BY t.id"
    read -r s m < <(measure env PGTZ=UTC PGDATESTYLE=ISO psql "${url}" -q -c "\\copy (${query}) to '${work}/psql/${t}.csv' with (format csv, header)")
    psql_seconds="$(python3 -c "print(${psql_seconds} + ${s})")"
    psql_rss=$(( m > psql_rss ? m : psql_rss ))
done
psql_bytes="$(cat "${work}/psql/"*.csv | wc -c)"

python3 - "${total_rows}" "${hf_seconds}" "${hf_bytes}" "${hf_rss}" "${psql_seconds}" "${psql_bytes}" "${psql_rss}" \
    "${pq_seconds}" "${pq_bytes}" "${pq_rss}" <<'PY'
import sys
rows = int(sys.argv[1])
def line(name, seconds, size, rss):
    seconds = float(seconds); size = int(size)
    print(f"| {name} | {rows:,} | {size / 1e6:.1f} | {seconds:.2f} | {rows / seconds:,.0f} | {size / 1e6 / seconds:.1f} | {int(rss) / 1024:.1f} |")
print("| contender | rows | MB | seconds | rows/s | MB/s | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|---:|---:|")
line("healthflow extract --mode full (CSV)", sys.argv[2], sys.argv[3], sys.argv[4])
line("healthflow extract --mode full --format parquet", sys.argv[8], sys.argv[9], sys.argv[10])
line("psql \\copy, one table after another (CSV)", sys.argv[5], sys.argv[6], sys.argv[7])
PY
