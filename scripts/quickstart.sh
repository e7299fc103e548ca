#!/usr/bin/env bash
# The main job on the embedded defaults: bootstrap, build, start the private PostgreSQL
# cluster, generate the scale-1 hospital, run the daily pipeline (extract -> load -> transform
# -> test) on it, simulate 3 days with a pipeline run after each, show the runs, their metrics
# and the five answers, then serve the dashboards on http://127.0.0.1:8080 (Ctrl-C stops them;
# HEALTHFLOW_QUICKSTART_SERVE=0 skips that step).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target healthflow
hf=build/src/cli/healthflow
data_dir="${HEALTHFLOW_DATA_DIR:-./.healthflow}"

"${hf}" db status >/dev/null 2>&1 || "${hf}" db start
"${hf}" generate --scale 1 --seed 42 --reset
# The lake, the warehouse and the run history derive from the source: a new hospital starts them afresh.
rm -rf "${data_dir}/lake" "${data_dir}"/warehouse.duckdb* "${data_dir}/runs" "${data_dir}/alerts"
"${hf}" run
for day in 1 2 3; do
    "${hf}" simulate --days 1
    # The incremental extraction takes only changes older than its 2-second safety margin
    # (docs/lake.md): a simulated day takes under a second, so let the margin pass.
    sleep 3
    "${hf}" run
done
"${hf}" runs
"${hf}" runs --stats
"${hf}" db report
"${hf}" ask q1
"${hf}" ask q2 --service CHIR
"${hf}" ask q3
"${hf}" ask q4
# q5: the history of a patient whose address or mutuelle changed, when one did.
patient="$("${hf}" sql --format csv "select patient_id from core.v_historique_patient where numero_version = 2 order by patient_id limit 1" 2>/dev/null | sed -n 2p || true)"
"${hf}" ask q5 --patient "${patient:-1}"
if [[ "${HEALTHFLOW_QUICKSTART_SERVE:-1}" != 0 ]]; then
    echo "Dashboards: http://127.0.0.1:8080 (Ctrl-C to stop)"
    exec "${hf}" serve --port 8080
fi
