#!/usr/bin/env bash
# Generates a dbt project of N models (default 200) with two column tests each, then times
# `healthflow transform compile` on it (load + parse pass + compile of every node).
# Usage: bench/transform_compile.sh [build/src/cli/healthflow] [N] [runs]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin=$(hf_binary "${1:-}")
n=${2:-200}
runs=${3:-5}
hf_workdir hf-bench-transform-compile
dir="$work"
hf_load_stamp

hf_bench_project "$dir" "$n" sources
cat > "$dir/profiles.yml" <<YAML
bench:
  target: dev
  outputs:
    dev: {type: duckdb, path: bench.duckdb, schema: main}
YAML

best=""
for ((r = 0; r < runs; r++)); do
    start=$(date +%s.%N)
    inside=$("$bin" transform compile --project-dir "$dir" --profiles-dir "$dir" 2>&1 >/dev/null | sed -n 's/.* in \([0-9]*\) ms$/\1/p')
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    echo "run $((r + 1)): ${t} s wall (process start included), ${inside} ms load+parse+compile+write"
    if [[ -z "$best" ]] || (($(echo "$t < $best" | bc))); then best=$t; fi
done
nodes=$(find "$dir/target/compiled" -name '*.sql' | wc -l)
echo "models=$n compiled_files=$nodes best=${best} s"
