#!/usr/bin/env bash
# Generates a dbt project of N models (default 200; the shape of bench/transform_compile.sh, with
# staging models that generate their rows with generate_series instead of reading sources), then
# times `healthflow transform run` on DuckDB and on PostgreSQL (a private cluster started for the
# bench). Reports, per engine and run: parse+compile (from `transform compile`), the run's wall
# time, the time spent inside the engine, and the runner's overhead = run time - engine time.
# Usage: bench/transform_run.sh [build/src/cli/healthflow] [N] [runs] [threads] [rows]
set -euo pipefail
bin=$(realpath "${1:-build/src/cli/healthflow}")
n=${2:-200}
runs=${3:-3}
threads=${4:-1}
rows=${5:-1000}
work=$(mktemp -d /tmp/hf-bench-transform-run.XXXXXX)
chmod 755 "$work"
dir="$work/project"
cleanup() {
    "$bin" -q --data-dir "$work/data" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$dir/models/staging" "$dir/models/core" "$dir/models/marts" "$dir/macros"
cat > "$dir/dbt_project.yml" <<YAML
name: bench
profile: bench
vars: {seuil: 0.9}
models:
  bench:
    staging: {+materialized: view, +schema: staging, +tags: [stg]}
    core: {+materialized: table, +schema: core}
    marts: {+materialized: table, +schema: marts, +tags: [marts]}
YAML
cat > "$dir/macros/m.sql" <<'SQL'
{% macro montant(col, precision=2) -%}round(cast({{ col }} as {{ type_numeric() }}), {{ precision }}){%- endmacro %}
SQL
printf 'version: 2\nmodels:\n' > "$dir/models/schema.yml"
for ((i = 0; i < n; i++)); do
    if ((i < n / 4)); then
        folder=staging
        body="with g as (select id from generate_series(1, $rows) as s(id))
select id, 'nom ' || cast(id as {{ type_string() }}) as nom, {{ montant('id * 1.5') }} as cout,
    {{ datediff('date_entree', 'date_sortie', 'day') }} as duree
from (select id, cast('2024-01-01' as date) as date_entree, cast('2024-01-01' as date) + cast(id % 30 as integer) as date_sortie from g) x"
    else
        if ((i < 3 * n / 4)); then folder=core; else folder=marts; fi
        a=$((i - 1 - i % 7)); b=$((i / 2)); ((a >= 0)) || a=0
        body="{{ config(tags=['m$((i % 5))']) }}
{%- set cols = ['id', 'nom', 'cout', 'duree'] %}
select
{%- for c in cols %}
    x.{{ c }}{{ ',' if not loop.last }}
{%- endfor %}
from {{ ref('m$a') }} x
join {{ ref('m$b') }} y on x.id = y.id
where x.cout > {{ var('seuil') * 100 }}"
    fi
    printf '%s\n' "$body" > "$dir/models/$folder/m$i.sql"
    printf '  - name: m%d\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n' "$i" >> "$dir/models/schema.yml"
done

"$bin" -q --data-dir "$work/data" db start >/dev/null
url=$("$bin" --data-dir "$work/data" db url 2>/dev/null)
export PGPASSWORD
PGPASSWORD=$(cat "$work/data/secrets/source_password")
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
