#!/usr/bin/env bash
# Extraction and load throughput on the synthetic hospital, all contenders side by side in one run:
#   healthflow generate --scale S (once per scale), then RUNS times each:
#     psql \copy of the same SELECTs (the ceiling), healthflow extract (CSV), healthflow extract (Parquet),
#     healthflow load of the CSV batch into a fresh DuckDB file and into a fresh PostgreSQL warehouse.
# Prints a markdown table of medians (seconds, rows/s, MB/s, peak RSS).
#   usage: bench/pipeline/run.sh [--runs N] SCALE...      (default: --runs 3, scales 10 100)
#   env:   HF_BINARY (default build/src/cli/healthflow)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bin="$(hf_binary)"
hf_runs_and_scales "10 100" "$@"
tables=(services patients admissions stocks_medicaments)
results="$(mktemp /tmp/hf-bench-pipeline.XXXXXX.tsv)"
hf_on_exit "rm -f '${results}'"
hf_load_stamp

# measure STEP SCALE ROWS OUTPUT CMD...: runs CMD, appends "step scale rows seconds rss_kib bytes" to the
# results, bytes being the size of the folder OUTPUT afterwards ("-": none).
measure() {
    local step=$1 scale=$2 rows=$3 output=$4 bytes=0
    shift 4
    /usr/bin/time -f "%e %M" -o "${work}/time.txt" "$@" >"${work}/out.txt" 2>"${work}/err.txt" || {
        cat "${work}/err.txt" >&2
        exit 1
    }
    read -r secs rss <"${work}/time.txt"
    [ "${output}" = "-" ] || bytes=$(du -sb "${output}" | cut -f1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${step}" "${scale}" "${rows}" "${secs}" "${rss}" "${bytes}" >>"${results}"
    echo "  ${step}: ${secs} s, peak RSS ${rss} KiB" >&2
}

for scale in "${scales[@]}"; do
    hf_workdir hf-bench-pipeline
    data="${work}/data"
    echo "== scale ${scale}" >&2
    hf_cluster_start "${bin}" "${data}"
    hf_generate "${bin}" "${data}" "${scale}"
    rows=$(psql "${url}" -Atc "SELECT (SELECT count(*) FROM services) + (SELECT count(*) FROM patients)
                                + (SELECT count(*) FROM admissions) + (SELECT count(*) FROM stocks_medicaments)")
    echo "  ${rows} rows in the source" >&2
    copy_script="${work}/copy.sql"
    : >"${copy_script}"
    for t in "${tables[@]}"; do
        echo "\\copy (SELECT t.*, 'U' AS _op, '2026-01-01T00:00:00Z' AS _extracted_at, 'PostgreSQL_OLTP' AS _source_system, 'bench' AS _extraction_batch_id FROM ${t} t ORDER BY t.id) TO '${work}/psql/${t}.csv' WITH (FORMAT csv, HEADER)" >>"${copy_script}"
    done
    for run in $(seq 1 "${runs}"); do
        rm -rf "${work}/psql" "${data}/lake" "${work}/lake_parquet" && mkdir -p "${work}/psql"
        measure psql_copy_csv "${scale}" "${rows}" "${work}/psql" psql "${url}" -q -v ON_ERROR_STOP=1 -f "${copy_script}"
        measure extract_csv "${scale}" "${rows}" "${data}/lake/bronze" \
            "${bin}" -q --data-dir "${data}" extract --mode full --format csv
        measure extract_parquet "${scale}" "${rows}" "${work}/lake_parquet/bronze" env HEALTHFLOW_LAKE_URI="${work}/lake_parquet" \
            "${bin}" -q --data-dir "${data}" extract --mode full --format parquet
        rm -f "${data}"/warehouse.duckdb*
        measure load_duckdb "${scale}" "${rows}" - "${bin}" -q --data-dir "${data}" load
        psql "${url}" -q -c "DROP DATABASE IF EXISTS warehouse_bench WITH (FORCE)" -c "CREATE DATABASE warehouse_bench"
        measure load_postgres "${scale}" "${rows}" - env HEALTHFLOW_WAREHOUSE_PASSWORD="${PGPASSWORD}" \
            "${bin}" -q --data-dir "${data}" load --warehouse-url "${url%/healthflow}/warehouse_bench"
    done
    hf_cluster_stop "${bin}" "${data}"
    rm -rf "${work}"
done

python3 - "${results}" <<'PY'
import collections, statistics, sys
groups = collections.OrderedDict()
for line in open(sys.argv[1]):
    step, scale, rows, secs, rss, nbytes = line.rstrip("\n").split("\t")
    groups.setdefault((int(scale), step), []).append((float(secs), int(rss), int(nbytes), int(rows)))
print("| scale | step | rows | median s | rows/s | MB/s | peak RSS MiB | runs |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for (scale, step), rs in groups.items():
    secs = statistics.median(r[0] for r in rs)
    rss = max(r[1] for r in rs) / 1024
    mb = statistics.median(r[2] for r in rs) / 1e6
    rows = rs[0][3]
    mbs = f"{mb / secs:.1f}" if mb else "-"
    print(f"| {scale} | {step} | {rows:,} | {secs:.2f} | {rows / secs:,.0f} | {mbs} | {rss:.0f} | {len(rs)} |")
PY
rm -f "${results}"
