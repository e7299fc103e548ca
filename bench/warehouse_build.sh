#!/usr/bin/env bash
# Full build time of the warehouse project (`healthflow transform build`: staging views, the
# patient snapshot, core, marts and every data test) on DuckDB and on PostgreSQL, same project,
# same run, from the same lake, at each scale given. Each figure is the median of 3 builds;
# the first build of a warehouse (snapshot created) is timed apart from the rebuilds.
# Usage: bench/warehouse_build.sh [build/src/cli/healthflow] [scales, default "1 10"] [threads, default 1]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin=$(hf_binary "${1:-}")
scales=${2:-"1 10"}
threads=${3:-1}
project="$HF_ROOT/warehouse"
hf_workdir hf-bench-warehouse-build
export HEALTHFLOW_DATA_DIR="$work/data"
cp -r "$project" "$work/project"
rm -rf "$work/project/target"
hf_load_stamp

hf_cluster_start "$bin" "$HEALTHFLOW_DATA_DIR"
export HEALTHFLOW_SOURCE_PASSWORD=$PGPASSWORD

build_once() {  # prints the runner's seconds for one `transform build` (its "Finished running" line)
    "$@" transform build --project-dir "$work/project" --threads "$threads" >"$work/build.log" 2>&1 ||
        { cat "$work/build.log" >&2; exit 1; }
    sed -n 's/^Finished running .* in \([0-9.]*\)s.*/\1/p' "$work/build.log"
}

printf '| scale | stays | engine | first build (s) | rebuild, median of 3 (s) |\n|---|---|---|---|---|\n'
for scale in $scales; do
    rm -rf "$HEALTHFLOW_DATA_DIR/lake" "$HEALTHFLOW_DATA_DIR/warehouse.duckdb"
    hf_generate "$bin" "$HEALTHFLOW_DATA_DIR" "$scale" --as-of 2026-02-15 --reset >/dev/null 2>&1
    "$bin" extract --mode full >/dev/null 2>&1
    stays=$(psql "$url" -Atc "SELECT count(*) FROM admissions")
    # DuckDB warehouse (the data folder's file).
    "$bin" load >/dev/null 2>&1
    first=$(build_once "$bin")
    duck=$(for i in 1 2 3; do build_once "$bin"; done | hf_median)
    printf '| %s | %s | duckdb | %.2f | %.2f |\n' "$scale" "${stays:-?}" "$first" "$duck"
    # PostgreSQL warehouse: a database of the same private cluster.
    db="warehouse_bench_${scale//./_}"
    psql "$url" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    pg_url="${url%/*}/$db"
    HEALTHFLOW_WAREHOUSE_ENGINE=postgres HEALTHFLOW_WAREHOUSE_URL=$pg_url HEALTHFLOW_WAREHOUSE_PASSWORD=$PGPASSWORD "$bin" load >/dev/null 2>&1
    first=$(HEALTHFLOW_WAREHOUSE_ENGINE=postgres HEALTHFLOW_WAREHOUSE_URL=$pg_url HEALTHFLOW_WAREHOUSE_PASSWORD=$PGPASSWORD build_once "$bin")
    pg=$(for i in 1 2 3; do HEALTHFLOW_WAREHOUSE_ENGINE=postgres HEALTHFLOW_WAREHOUSE_URL=$pg_url HEALTHFLOW_WAREHOUSE_PASSWORD=$PGPASSWORD build_once "$bin"; done | hf_median)
    printf '| %s | %s | postgres | %.2f | %.2f |\n' "$scale" "${stays:-?}" "$first" "$pg"
done
