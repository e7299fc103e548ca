#!/usr/bin/env bash
# Latency of the dashboards' JSON API under 20 concurrent clients (wrk), and the time from
# navigation to charts rendered in headless Chromium, against a running `healthflow serve`.
#
#   bench/serve_bench.sh                  # on the test fixture (tests/serve/fixtures/marts.sql)
#   bench/serve_bench.sh --data-dir DIR   # on the warehouse of DIR (real marts, e.g. scale 1000)
#
# Options: --duration SECONDS per endpoint (default 10), --connections N (default 20),
# --cache-seconds S (serve.cache_seconds, default 5; 0 sends every request to the warehouse),
# --warehouse-threads N (serve.warehouse_threads, default 1; 0 = DuckDB's own), --prepared-statements N
# (serve.prepared_statements, default 64; 0 prepares every query anew), --active-queries N
# (serve.active_queries, default 0: one more than the cores; 4096 for no limit), --patient-id ID (the patient
# of the history, stays and search endpoints, default 1; at scale 100 the first patient's rows sit
# in the tables' first row groups, so measure one from the middle too), --binary PATH (default
# build/src/cli/healthflow). Prints a markdown table and writes bench/results/serve_cache<S>.json.
# Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${HF_ROOT}"

binary=build/src/cli/healthflow
data_dir=""
duration=10
connections=20
cache_seconds=5
warehouse_threads=1
prepared_statements=64
active_queries=0
patient_id=1
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) data_dir="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        --cache-seconds) cache_seconds="$2"; shift 2 ;;
        --warehouse-threads) warehouse_threads="$2"; shift 2 ;;
        --prepared-statements) prepared_statements="$2"; shift 2 ;;
        --active-queries) active_queries="$2"; shift 2 ;;
        --patient-id) patient_id="$2"; shift 2 ;;
        -h|--help) sed -n 2,16p "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/bootstrap.sh" >&2; exit 1; }
[ -x "${binary}" ] || { echo "${binary} is missing: build first (ninja -C build healthflow)" >&2; exit 1; }

hf_workdir hf-bench-serve
server_pid=""
hf_on_exit 'if [ -n "${server_pid}" ]; then kill "${server_pid}"; wait "${server_pid}"; fi'

source_label="${data_dir}"
if [ -z "${data_dir}" ]; then
    data_dir="${work}/data"
    mkdir -p "${data_dir}"
    "${binary}" --data-dir "${data_dir}" -q sql "$(cat tests/serve/fixtures/marts.sql)" >/dev/null
    cp -r tests/serve/fixtures/runs "${data_dir}/runs"
    source_label="fixture (tests/serve/fixtures/marts.sql)"
fi

HEALTHFLOW_SERVE_CACHE_SECONDS="${cache_seconds}" HEALTHFLOW_SERVE_WAREHOUSE_THREADS="${warehouse_threads}" \
    HEALTHFLOW_SERVE_PREPARED_STATEMENTS="${prepared_statements}" HEALTHFLOW_SERVE_ACTIVE_QUERIES="${active_queries}" "${binary}" --data-dir "${data_dir}" serve --port 0 --threads 24 >"${work}/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "${work}/serve.log" | head -n1 | sed 's/.*://') || true
    [ -n "${port:-}" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { cat "${work}/serve.log" >&2; exit 1; }
base="http://127.0.0.1:${port}"
echo "server ${base} on ${source_label}; ${connections} connections, ${duration} s per endpoint, cache ${cache_seconds} s, warehouse threads ${warehouse_threads}, prepared statements kept ${prepared_statements}, active queries ${active_queries}" >&2

# The patient search, by number, by pseudonym and by the patient's surname (a few dozen namesakes
# at scale 100).
read -r pseudo surname < <(curl -s "${base}/api/patients/recherche?q=${patient_id}" | python3 -c '
import json, sys, urllib.parse
rows = json.load(sys.stdin).get("rows") or []
if rows:
    print(rows[0]["patient_pseudo"], urllib.parse.quote(rows[0]["nom"]))
') || true
[ -n "${surname:-}" ] || { echo "patient ${patient_id} is not in the warehouse: choose another --patient-id" >&2; exit 1; }
endpoints=(
    "/api/meta"
    "/api/lits/occupation"
    "/api/lits/historique"
    "/api/lits/critiques"
    "/api/stocks/alertes?limite=100"
    "/api/stocks/deficits"
    "/api/finance/couts"
    "/api/finance/tendance"
    "/api/finance/dms"
    "/api/finance/motifs?service=$(curl -s "${base}/api/meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["code_service"])')"
    "/api/patients/historique?patient_id=${patient_id}"
    "/api/patients/sejours?patient_id=${patient_id}"
    "/api/patients/recherche?q=${patient_id}"
    "/api/patients/recherche?q=${pseudo}"
    "/api/patients/recherche?q=${surname}"
    "/api/pipeline/runs"
)

mkdir -p bench/results
json="["
echo "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
for endpoint in "${endpoints[@]}"; do
    line=$(wrk -t2 -c"${connections}" -d"${duration}s" --timeout 10s -s bench/serve_wrk.lua "${base}${endpoint}" | grep '^RESULT')
    eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/r_/')"
    rps=$(python3 -c "print(round(${r_requests} / ${r_duration_s}))")
    echo "| \`${endpoint}\` | ${r_requests} | ${rps} | ${r_p50_ms} | ${r_p95_ms} | ${r_p99_ms} | ${r_max_ms} | ${r_errors} |"
    json+="{\"endpoint\":\"${endpoint}\",\"requests\":${r_requests},\"p50_ms\":${r_p50_ms},\"p95_ms\":${r_p95_ms},\"p99_ms\":${r_p99_ms},\"max_ms\":${r_max_ms},\"errors\":${r_errors}},"
done
echo
echo "| page | navigation to charts rendered, median of 5 (ms) | max (ms) |"
echo "|---|---|---|"
render_json="["
while read -r _ page median max; do
    echo "| ${page} | ${median#median_ms=} | ${max#max_ms=} |"
    render_json+="{\"page\":\"${page}\",\"median_ms\":${median#median_ms=},\"max_ms\":${max#max_ms=}},"
done < <(node bench/serve_render.mjs "${base}" 5 | grep '^RENDER')
echo "{\"source\":\"${source_label}\",\"cache_seconds\":${cache_seconds},\"warehouse_threads\":${warehouse_threads},\"connections\":${connections},\"duration_s\":${duration},\"api\":${json%,}],\"render\":${render_json%,}]}" > "bench/results/serve_cache${cache_seconds}.json"
echo "written bench/results/serve_cache${cache_seconds}.json" >&2
