#!/usr/bin/env bash
# Bootstraps, builds and runs every test suite, then the unit tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
jobs=$(nproc)

echo "== build (warnings are errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHF_WERROR=ON >/dev/null
cmake --build build -j "${jobs}"

echo "== test servers (npm ci, skipped when the lock file has not changed)"
s3server=tests/lake/s3server
if [ ! -f "${s3server}/node_modules/.package-lock.json" ] ||
    ! cmp -s "${s3server}/package-lock.json" "${s3server}/node_modules/.healthflow-lock"; then
    (cd "${s3server}" && npm ci --no-audit --no-fund --loglevel=error)
    cp "${s3server}/package-lock.json" "${s3server}/node_modules/.healthflow-lock"
fi
e2e=tests/e2e
if [ ! -f "${e2e}/node_modules/.package-lock.json" ] ||
    ! cmp -s "${e2e}/package-lock.json" "${e2e}/node_modules/.healthflow-lock"; then
    (cd "${e2e}" && npm ci --no-audit --no-fund --loglevel=error)
    cp "${e2e}/package-lock.json" "${e2e}/node_modules/.healthflow-lock"
fi

echo "== tests"
ctest --test-dir build --output-on-failure -j "${jobs}" -LE bench

echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHF_SANITIZE=ON -DHF_WERROR=ON -DHF_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j "${jobs}"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "${jobs}" -L unit
