#!/usr/bin/env bash
# The main job on the embedded defaults: bootstrap, build, start the private PostgreSQL
# cluster, generate the scale-1 hospital, run the daily pipeline (extract -> load -> transform
# -> test) on it, simulate 3 days with a pipeline run after each, then show the runs, their
# metrics and what is in the database.
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
    "${hf}" run
done
"${hf}" runs
"${hf}" runs --stats
"${hf}" db report
