#!/usr/bin/env bash
# End-to-end daily pipeline on the synthetic hospital (extract -> load -> transform -> test):
#   healthflow generate --scale S (once per scale), then RUNS times for each extraction shape
#   (pipeline.extract_tasks per_table and one_batch), on a fresh copy of the hospital and empty lake and warehouse:
#     first run: `healthflow run` on the freshly generated hospital (full extraction, every model built);
#     `healthflow simulate --days 1`;
#     incremental run: `healthflow run` again (the day's changes only).
# Prints a markdown table of medians (seconds, records processed, tests, warehouse size).
#   usage: bench/pipeline_daily.sh [--runs N] SCALE...      (default: --runs 3, scales 1 10)
#      or: bench/pipeline_daily.sh [--runs N] --from-data-dir DIR
#   --from-data-dir DIR: the incremental day on a prepared data folder (generated, with a first run
#     done, its PostgreSQL cluster stopped; DIR itself is never written). DIR is copied once and its
#     models rebuilt with `transform run --full-refresh` (the project's current models) and one
#     `healthflow run` absorbs what the source changed since; then RUNS
#     times, on a fresh copy of that: `simulate --days 1`, then `healthflow run`, timed (wall, user+sys
#     CPU, load average) with the time of each task. Prints medians and each run.
#   env:   HF_BINARY (default build/src/cli/healthflow), HF_PROJECT_DIR (default <repo>/warehouse)
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${HF_BINARY:-${root_dir}/build/src/cli/healthflow}"
export HEALTHFLOW_PIPELINE_PROJECT_DIR="${HF_PROJECT_DIR:-${root_dir}/warehouse}"
export HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS=0
runs=3
if [ "${1:-}" = "--runs" ]; then runs=$2; shift 2; fi
if [ "${1:-}" = "--from-data-dir" ]; then
    exec "${root_dir}/bench/pipeline_incremental_day.sh" "${runs}" "${2:?--from-data-dir needs a folder}"
fi
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 10)
results="$(mktemp /tmp/hf-bench-daily.XXXXXX.tsv)"

work=""
cleanup() {
    [ -n "${work}" ] && "${bin}" -q --data-dir "${work}/data" db stop >/dev/null 2>&1 || true
    [ -n "${work}" ] && rm -rf "${work}"
    return 0
}
trap cleanup EXIT

# run_pipeline KIND SCALE DATE: one `healthflow run`, appends "kind scale seconds records tests bytes".
run_pipeline() {
    local kind=$1 scale=$2 date=$3
    local start end
    start=$(date +%s.%N)
    "${bin}" -q --data-dir "${data}" run --date "${date}" >"${work}/out.txt" 2>"${work}/err.txt" || {
        cat "${work}/out.txt" "${work}/err.txt" >&2
        exit 1
    }
    end=$(date +%s.%N)
    "${bin}" --data-dir "${data}" runs --last 1 --json >"${work}/run.json"
    python3 - "${work}/run.json" "${kind}" "${scale}" "$(echo "${end} - ${start}" | bc)" >>"${results}" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
m = run["metrics"]
tests = "%s/%s" % (m["tests_passed"], m["tests_total"])
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], str(m["records_processed"]), tests,
                 str(m["warehouse_bytes"]), str(m["transform_seconds"])]))
PY
    echo "  ${kind}: $(tail -1 "${results}" | cut -f3) s" >&2
}

for scale in "${scales[@]}"; do
    work="$(mktemp -d /tmp/hf-bench-daily.XXXXXX)"
    chmod 755 "${work}"
    data="${work}/data"
    echo "== scale ${scale}" >&2
    "${bin}" -q --data-dir "${data}" db start >/dev/null
    "${bin}" -q --data-dir "${data}" generate --scale "${scale}" --seed 42
    url="$("${bin}" --data-dir "${data}" db url 2>/dev/null)"
    export PGPASSWORD
    PGPASSWORD="$(cat "${data}/secrets/source_password")"
    psql "${url}" -q -c "DROP DATABASE IF EXISTS bench_template WITH (FORCE)"
    psql "${url}" -q -c "CREATE DATABASE bench_template TEMPLATE healthflow"
    for run in $(seq 1 "${runs}"); do
      for shape in per_table one_batch; do
        export HEALTHFLOW_PIPELINE_EXTRACT_TASKS="${shape}"
        # Same hospital every time: the source is reset from the template, the lake and warehouse emptied.
        psql "${url%/healthflow}/postgres" -q -c "DROP DATABASE IF EXISTS healthflow WITH (FORCE)" \
            -c "CREATE DATABASE healthflow TEMPLATE bench_template"
        rm -rf "${data}/lake" "${data}/runs" "${data}"/warehouse.duckdb*
        run_pipeline "first_run_${shape}" "${scale}" 2026-12-01
        "${bin}" -q --data-dir "${data}" simulate --days 1 >/dev/null
        run_pipeline "incremental_run_${shape}" "${scale}" 2026-12-02
      done
    done
    "${bin}" -q --data-dir "${data}" db stop >/dev/null
    rm -rf "${work}"
    work=""
done

python3 - "${results}" <<'PY'
import collections, statistics, sys
groups = collections.OrderedDict()
for line in open(sys.argv[1]):
    kind, scale, secs, records, tests, size, transform = line.rstrip("\n").split("\t")
    groups.setdefault((scale, kind), []).append((float(secs), records, tests, size, transform))
print("| scale | run | median s | runs | records processed | transform.run s | tests passed/total | warehouse MB |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for (scale, kind), rows in groups.items():
    med = statistics.median(r[0] for r in rows)
    last = rows[-1]
    transform = statistics.median(float(r[4]) for r in rows if r[4] != "None") if last[4] != "None" else float("nan")
    size = "%.1f" % (int(last[3]) / 1e6) if last[3] != "None" else "-"
    print("| %s | %s | %.2f | %d | %s | %.2f | %s | %s |" % (scale, kind.replace("_run_", " run, ").replace("_", " "), med, len(rows), last[1],
                                                        transform, last[2], size))
PY
rm -f "${results}"
