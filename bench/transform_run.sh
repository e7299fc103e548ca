#!/usr/bin/env bash
# Generates a dbt project of N models (default 200; the shape of bench/transform_compile.sh, with
# staging models that generate their rows with generate_series instead of reading sources), then
# times `healthflow transform run` on DuckDB and on PostgreSQL (a private cluster started for the
# bench). Reports, per engine and run: parse+compile (from `transform compile`), the run's wall
# time, the time spent inside the engine, and the runner's overhead = run time - engine time.
# Usage: bench/transform_run.sh [build/src/cli/healthflow] [N] [runs] [threads] [rows]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin=$(hf_binary "${1:-}")
n=${2:-200}
runs=${3:-3}
threads=${4:-1}
rows=${5:-1000}
hf_workdir hf-bench-transform-run
dir="$work/project"
hf_load_stamp

hf_bench_project "$dir" "$n" series "$rows"

hf_cluster_start "$bin" "$work/data"
psql "$url" -q -c "CREATE DATABASE bench_wh"
hostport=${url#*@}; hostport=${hostport%%/*}
cat > "$dir/profiles.yml" <<YAML
bench:
  target: duckdb
  outputs:
    duckdb: {type: duckdb, path: "$work/bench.duckdb", schema: main, threads: $threads}
    postgres: {type: postgres, host: "${hostport%:*}", port: ${hostport##*:}, user: healthflow,
               password: "{{ env_var('PGPASSWORD') }}", dbname: bench_wh, schema: analytics, threads: $threads}
YAML

echo "models=$n rows_per_staging_model=$rows threads=$threads runs=$runs"
for target in duckdb postgres; do
    for ((r = 1; r <= runs; r++)); do
        compile_ms=$("$bin" transform compile --project-dir "$dir" --profiles-dir "$dir" -t "$target" 2>&1 >/dev/null |
            sed -n 's/.* in \([0-9]*\) ms$/\1/p')
        out=$("$bin" transform run --project-dir "$dir" --profiles-dir "$dir" -t "$target" --full-refresh)
        line=$(grep '^Finished running' <<<"$out")
        total=$(sed -n 's/.* in \([0-9.]*\)s with.*/\1/p' <<<"$line")
        engine=$(sed -n 's/.*; \([0-9.]*\)s inside the engine.*/\1/p' <<<"$line")
        overhead=$(echo "$total - $engine" | bc -l)
        ratio=$(echo "scale=3; $overhead / $total" | bc -l)
        grep -q '^Done. PASS=.* ERROR=0 ' <<<"$out" || { echo "$out" >&2; exit 1; }
        printf '%s run %d: parse+compile %s ms, run %s s, engine %s s, overhead %.3f s (ratio %s)\n' \
            "$target" "$r" "$compile_ms" "$total" "$engine" "$overhead" "$ratio"
    done
done
