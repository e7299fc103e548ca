# Shared set-up of the benchmark scripts; source it, it runs nothing by itself:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# What it gives: the repository root (HF_ROOT), the binary (hf_binary), cleanup at exit (hf_on_exit),
# work folders (hf_workdir), the private PostgreSQL cluster (hf_cluster_start / hf_cluster_stop),
# the synthetic hospital (hf_generate), the generated dbt project of the transform benchmarks
# (hf_bench_project), `--runs N SCALE...` arguments (hf_runs_and_scales), the median of timings
# (hf_median) and a load-average stamp (hf_load_stamp).

HF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HF_SEED=42
_hf_exit_commands=()

# hf_binary [PATH]: prints the absolute path of the healthflow binary: PATH, else $HF_BINARY, else
# <repo>/build/src/cli/healthflow. Exits when it is not an executable file.
hf_binary() {
    local bin="${1:-${HF_BINARY:-${HF_ROOT}/build/src/cli/healthflow}}"
    if [ ! -x "${bin}" ] || [ -d "${bin}" ]; then
        echo "${bin} is not an executable: build first (ninja -C build healthflow) or pass its path" >&2
        exit 1
    fi
    realpath "${bin}"
}

# hf_on_exit COMMAND: runs COMMAND (a string, evaluated) when the script exits, however it exits;
# the last registered runs first. Failures of COMMAND are ignored.
hf_on_exit() {
    _hf_exit_commands+=("$1")
    trap _hf_run_exit_commands EXIT
}

_hf_run_exit_commands() {
    local i
    for ((i = ${#_hf_exit_commands[@]} - 1; i >= 0; i--)); do
        eval "${_hf_exit_commands[i]}" >/dev/null 2>&1 || true
    done
    return 0
}

# hf_workdir PREFIX: sets `work` to a new folder /tmp/PREFIX.XXXXXX, removed at exit. It is made
# readable by all (0755): the private cluster's system user must reach a data folder inside it.
hf_workdir() {
    work="$(mktemp -d "/tmp/$1.XXXXXX")"
    chmod 755 "${work}"
    hf_on_exit "rm -rf '${work}'"
}

# hf_cluster_start BIN DATA: starts the private PostgreSQL cluster of data folder DATA (stopped at
# exit), sets `url` to its database URL and exports PGPASSWORD for psql.
hf_cluster_start() {
    local bin=$1 data=$2
    hf_on_exit "'${bin}' -q --data-dir '${data}' db stop"
    "${bin}" -q --data-dir "${data}" db start >/dev/null
    url="$("${bin}" --data-dir "${data}" db url 2>/dev/null)"
    PGPASSWORD="$(cat "${data}/secrets/source_password")"
    export PGPASSWORD
}

# hf_cluster_stop BIN DATA: stops the private cluster of DATA now (the exit handler tries again).
hf_cluster_stop() {
    "$1" -q --data-dir "$2" db stop >/dev/null
}

# hf_generate BIN DATA SCALE [ARGS...]: generates the synthetic hospital at SCALE into the source of
# DATA (fixed seed, so every run measures the same hospital); ARGS go to `healthflow generate`.
hf_generate() {
    local bin=$1 data=$2 scale=$3
    shift 3
    "${bin}" -q --data-dir "${data}" generate --scale "${scale}" --seed "${HF_SEED}" "$@"
}

# hf_runs_and_scales DEFAULT_SCALES [--runs N] [SCALE...]: sets `runs` (default 3) and the array
# `scales` (default: the words of DEFAULT_SCALES) from a script's arguments.
hf_runs_and_scales() {
    local defaults=$1
    shift
    runs=3
    if [ "${1:-}" = "--runs" ]; then runs=$2; shift 2; fi
    scales=("$@")
    [ ${#scales[@]} -gt 0 ] || read -r -a scales <<<"${defaults}"
}

# hf_median: the median of the numbers read one per line (the mean of the two middle ones for an
# even count).
hf_median() {
    sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# hf_load_stamp: prints the time and the machine's load average on stderr, so that figures taken on
# a busy machine can be told apart.
hf_load_stamp() {
    local one five fifteen _
    read -r one five fifteen _ </proc/loadavg
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) load average ${one} ${five} ${fifteen} on $(nproc) cores" >&2
}

# hf_bench_project DIR N KIND [ROWS]: writes a dbt project of N models into DIR (without
# profiles.yml): the first quarter staging views, then core and marts tables that join two earlier
# models, each model with unique and not_null tests on id. KIND `sources` makes the staging models
# read declared sources (raw.t<i>) and the others carry an is_incremental() clause (enough to
# compile); KIND `series` makes the staging models generate ROWS rows each (default 1000) with
# generate_series, so that the project runs on an empty warehouse.
hf_bench_project() {
    local dir=$1 n=$2 kind=$3 rows=${4:-1000}
    local i a b folder body
    mkdir -p "${dir}/models/staging" "${dir}/models/core" "${dir}/models/marts" "${dir}/macros"
    cat >"${dir}/dbt_project.yml" <<YAML
name: bench
profile: bench
vars: {seuil: 0.9}
models:
  bench:
    staging: {+materialized: view, +schema: staging, +tags: [stg]}
    core: {+materialized: table, +schema: core}
    marts: {+materialized: table, +schema: marts, +tags: [marts]}
YAML
    cat >"${dir}/macros/m.sql" <<'SQL'
{% macro montant(col, precision=2) -%}round(cast({{ col }} as {{ type_numeric() }}), {{ precision }}){%- endmacro %}
SQL
    if [ "${kind}" = sources ]; then
        printf 'version: 2\nsources:\n  - name: raw\n    tables:\n' >"${dir}/models/staging/sources.yml"
    fi
    printf 'version: 2\nmodels:\n' >"${dir}/models/schema.yml"
    for ((i = 0; i < n; i++)); do
        if ((i < n / 4)); then
            folder=staging
            if [ "${kind}" = sources ]; then
                printf '      - name: t%d\n' "${i}" >>"${dir}/models/staging/sources.yml"
                body="select id, nom, {{ montant('cout') }} as cout, {{ datediff('date_entree', 'date_sortie', 'day') }} as duree from {{ source('raw', 't$i') }}"
            else
                body="with g as (select id from generate_series(1, ${rows}) as s(id))
select id, 'nom ' || cast(id as {{ type_string() }}) as nom, {{ montant('id * 1.5') }} as cout,
    {{ datediff('date_entree', 'date_sortie', 'day') }} as duree
from (select id, cast('2024-01-01' as date) as date_entree, cast('2024-01-01' as date) + cast(id % 30 as integer) as date_sortie from g) x"
            fi
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
            if [ "${kind}" = sources ]; then
                body+="
{% if is_incremental() %}and x.id > (select max(id) from {{ this }}){% endif %}"
            fi
        fi
        printf '%s\n' "${body}" >"${dir}/models/${folder}/m${i}.sql"
        printf '  - name: m%d\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n' "${i}" >>"${dir}/models/schema.yml"
    done
}
