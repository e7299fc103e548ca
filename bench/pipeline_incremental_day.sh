#!/usr/bin/env bash
# The incremental daily run on a prepared data folder (see bench/pipeline_daily.sh --from-data-dir):
#   usage: bench/pipeline_incremental_day.sh RUNS DIR
#   env:   HF_BINARY (default build/src/cli/healthflow), HF_PROJECT_DIR (default <repo>/warehouse),
#          HF_BENCH_WORK (default /tmp: where the copies go; each is as large as DIR)
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${HF_BINARY:-${root_dir}/build/src/cli/healthflow}"
project="${HF_PROJECT_DIR:-${root_dir}/warehouse}"
export HEALTHFLOW_PIPELINE_PROJECT_DIR="${project}"
export HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS=0
runs=$1
source_dir=$2
[ -d "${source_dir}" ] || { echo "error: ${source_dir} is not a data folder" >&2; exit 2; }
work="$(mktemp -d "${HF_BENCH_WORK:-/tmp}/hf-bench-incremental.XXXXXX")"
chmod 755 "${work}"  # the private cluster runs as its own system user, which must reach the copies
results="${work}/results.tsv"
current=""
cleanup() {
    [ -n "${current}" ] && "${bin}" -q --data-dir "${current}" db stop >/dev/null 2>&1 || true
    rm -rf "${work}"
}
trap cleanup EXIT

echo "== preparing ${work}/base from ${source_dir} (models rebuilt with the current project)" >&2
cp -a "${source_dir}" "${work}/base"
rm -f "${work}/base/runs/run.lock"
current="${work}/base"
"${bin}" -q --data-dir "${current}" db start >/dev/null
"${bin}" -q --data-dir "${current}" transform run --full-refresh --project-dir "${project}" >/dev/null
# Whatever the source changed since DIR's last run is absorbed here, so that each run sees one day.
"${bin}" -q --data-dir "${current}" run >/dev/null
"${bin}" -q --data-dir "${current}" db stop >/dev/null
current=""

for run in $(seq 1 "${runs}"); do
    current="${work}/run${run}"
    cp -a "${work}/base" "${current}"
    "${bin}" -q --data-dir "${current}" db start >/dev/null
    "${bin}" -q --data-dir "${current}" simulate --days 1 >/dev/null
    load_before="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "%e %U %S" -o "${work}/time.txt" \
        "${bin}" -q --data-dir "${current}" run >"${work}/out.txt" 2>&1 || { cat "${work}/out.txt" >&2; exit 1; }
    load_after="$(cut -d' ' -f1 /proc/loadavg)"
    "${bin}" --data-dir "${current}" runs --last 1 --json >"${work}/run.json"
    python3 - "${work}/run.json" "$(cat "${work}/time.txt")" "${load_before}" "${load_after}" >>"${results}" <<'PY'
import datetime, json, sys
run = json.load(open(sys.argv[1]))
wall, user, sys_cpu = (float(x) for x in sys.argv[2].split())
def seconds(t):
    parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return (parse(t["ended_at"]) - parse(t["started_at"])).total_seconds()
tasks = {t["task_id"]: seconds(t) for t in run["tasks"]}
m = run["metrics"]
print(json.dumps({"wall": wall, "cpu": user + sys_cpu, "load": [float(sys.argv[3]), float(sys.argv[4])],
                  "records": m["records_processed"], "tests": "%s/%s" % (m["tests_passed"], m["tests_total"]),
                  "tasks": tasks}))
PY
    echo "  run ${run}: $(tail -1 "${results}")" >&2
    "${bin}" -q --data-dir "${current}" db stop >/dev/null
    rm -rf "${current}"
    current=""
done

python3 - "${results}" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
med = lambda xs: statistics.median(xs)
print("| measure | median of %d | runs |" % len(rows))
print("|---|---:|---|")
print("| wall s | %.1f | %s |" % (med([r["wall"] for r in rows]), " ".join("%.1f" % r["wall"] for r in rows)))
print("| user+sys CPU s | %.1f | %s |" % (med([r["cpu"] for r in rows]), " ".join("%.1f" % r["cpu"] for r in rows)))
print("| load average (1 min) before / after | | %s |" % " ".join("%.1f/%.1f" % tuple(r["load"]) for r in rows))
for task in rows[0]["tasks"]:
    xs = [r["tasks"].get(task, float("nan")) for r in rows]
    print("| %s s | %.2f | %s |" % (task, med(xs), " ".join("%.2f" % x for x in xs)))
print("| records processed | %s | |" % " ".join(str(r["records"]) for r in rows))
print("| tests passed/total | %s | |" % " ".join(r["tests"] for r in rows))
PY
