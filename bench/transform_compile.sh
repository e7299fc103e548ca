#!/usr/bin/env bash
# Generates a dbt project of N models (default 200) with two column tests each, then times
# `healthflow transform compile` on it (load + parse pass + compile of every node).
# Usage: bench/transform_compile.sh [build/src/cli/healthflow] [N] [runs]
set -euo pipefail
bin=${1:-build/src/cli/healthflow}
n=${2:-200}
runs=${3:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

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
cat > "$dir/profiles.yml" <<YAML
bench:
  target: dev
  outputs:
    dev: {type: duckdb, path: bench.duckdb, schema: main}
YAML
cat > "$dir/macros/m.sql" <<'SQL'
{% macro montant(col, precision=2) -%}round(cast({{ col }} as {{ type_numeric() }}), {{ precision }}){%- endmacro %}
SQL
printf 'version: 2\nsources:\n  - name: raw\n    tables:\n' > "$dir/models/staging/sources.yml"
printf 'version: 2\nmodels:\n' > "$dir/models/schema.yml"
for ((i = 0; i < n; i++)); do
    if ((i < n / 4)); then
        folder=staging
        printf '      - name: t%d\n' "$i" >> "$dir/models/staging/sources.yml"
        body="select id, nom, {{ montant('cout') }} as cout, {{ datediff('date_entree', 'date_sortie', 'day') }} as duree from {{ source('raw', 't$i') }}"
    else
        if ((i < 3 * n / 4)); then folder=core; else folder=marts; fi
        a=$((i - 1 - i % 7)); b=$((i / 2))
        body="{{ config(tags=['m$((i % 5))']) }}
{%- set cols = ['id', 'nom', 'cout', 'duree'] %}
select
{%- for c in cols %}
    x.{{ c }}{{ ',' if not loop.last }}
{%- endfor %}
from {{ ref('m$a') }} x
join {{ ref('m$b') }} y on x.id = y.id
where x.cout > {{ var('seuil') * 100 }}
{% if is_incremental() %}and x.id > (select max(id) from {{ this }}){% endif %}"
    fi
    printf '%s\n' "$body" > "$dir/models/$folder/m$i.sql"
    printf '  - name: m%d\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n' "$i" >> "$dir/models/schema.yml"
done

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
