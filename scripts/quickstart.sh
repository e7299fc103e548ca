#!/usr/bin/env bash
# The main job on the embedded defaults: bootstrap, build, start the private PostgreSQL
# cluster, generate the scale-1 hospital, simulate 7 days and show what is in the database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target healthflow
hf=build/src/cli/healthflow

"${hf}" db status >/dev/null 2>&1 || "${hf}" db start
"${hf}" generate --scale 1 --seed 42 --reset
"${hf}" simulate --days 7
"${hf}" db report
