#!/usr/bin/env bash
# Installs everything HealthFlow needs to build and test on Debian 12.
# Idempotent: a second run only checks and returns quickly.
#   - Debian packages listed in scripts/packages.txt
#   - Node.js + npm (for DuckDB's npm packages and the web assets)
#   - DuckDB 1.4.4: libduckdb.so and duckdb.h from the npm registry, integrity-checked,
#     unpacked into third_party/duckdb (ignored by git)
#   - the dashboards' npm packages (ECharts) in web/node_modules, from web/package-lock.json
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
third_party="${root_dir}/third_party"
duckdb_dir="${third_party}/duckdb"

DUCKDB_VERSION="1.4.4"
BINDINGS_PACKAGE="@duckdb/node-bindings-linux-x64@1.4.4-r.4"
BINDINGS_INTEGRITY="sha512-jBTL/WvfwxLToFa/pVHfT6elMtltJGnc3wSuxZD9OfMltit9YUdVFS37vBFQzXMT1Z8OWjtSjMh+zPKxOwHLHA=="
HEADER_PACKAGE="duckdb@1.4.4"
HEADER_INTEGRITY="sha512-hEJJ5hyVF0VLj3dmOLpsWrQR0b3d4Ykqtygm6iUXjHJDDnSqg/USKxcb5qvNrOhFYPgktayU6dXCtgPqcmmpog=="

log() { echo "[bootstrap] $*"; }
die() { echo "[bootstrap] error: $*" >&2; exit 1; }

install_debian_packages() {
    local wanted missing=()
    wanted=$(grep -v '^\s*#' "${root_dir}/scripts/packages.txt" | grep -v '^\s*$')
    for pkg in ${wanted}; do
        dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q "install ok installed" || missing+=("${pkg}")
    done
    if ! command -v npm >/dev/null 2>&1; then
        missing+=(nodejs npm)
    fi
    if [ ${#missing[@]} -eq 0 ]; then
        log "Debian packages: all present"
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root or install them with apt-get"
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# sha512 of a file in npm's SRI form ("sha512-<base64>").
sri_of() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# Fetches one pinned npm package into $2, checks it against the pinned hash and the
# hash the registry publishes, and prints the tarball path.
fetch_checked() {
    local spec="$1" pinned="$2" workdir="$3" published tarball actual
    published=$(npm view "${spec}" dist.integrity 2>/dev/null) ||
        die "cannot reach the npm registry to read ${spec}'s published integrity"
    [ "${published}" = "${pinned}" ] ||
        die "${spec}: the registry publishes ${published}, this script pins ${pinned}; refusing to continue"
    tarball=$(cd "${workdir}" && npm pack --silent "${spec}" | tail -n1)
    actual=$(sri_of "${workdir}/${tarball}")
    [ "${actual}" = "${pinned}" ] ||
        die "${spec}: downloaded tarball hash ${actual} differs from ${pinned}; refusing to unpack"
    echo "${workdir}/${tarball}"
}

install_duckdb() {
    local stamp="${duckdb_dir}/.installed-${DUCKDB_VERSION}"
    if [ -f "${stamp}" ] && [ -f "${duckdb_dir}/lib/libduckdb.so" ] && [ -f "${duckdb_dir}/include/duckdb.h" ]; then
        log "DuckDB ${DUCKDB_VERSION}: present"
        return
    fi
    log "fetching DuckDB ${DUCKDB_VERSION} from the npm registry"
    local work
    work=$(mktemp -d)
    trap 'rm -rf "${work}"' RETURN
    local bindings header
    bindings=$(fetch_checked "${BINDINGS_PACKAGE}" "${BINDINGS_INTEGRITY}" "${work}")
    header=$(fetch_checked "${HEADER_PACKAGE}" "${HEADER_INTEGRITY}" "${work}")
    rm -rf "${duckdb_dir}"
    mkdir -p "${duckdb_dir}/lib" "${duckdb_dir}/include"
    tar -xzf "${bindings}" -C "${work}" package/libduckdb.so
    tar -xzf "${header}" -C "${work}" package/src/duckdb/src/include/duckdb.h
    mv "${work}/package/libduckdb.so" "${duckdb_dir}/lib/libduckdb.so"
    mv "${work}/package/src/duckdb/src/include/duckdb.h" "${duckdb_dir}/include/duckdb.h"
    touch "${stamp}"
    log "DuckDB ${DUCKDB_VERSION} installed in ${duckdb_dir}"
}

# `npm ci` in web/ when its lock file changed since the last install (the build embeds ECharts from there).
install_web_packages() {
    local web="${root_dir}/web"
    if [ -f "${web}/node_modules/.healthflow-lock" ] && cmp -s "${web}/package-lock.json" "${web}/node_modules/.healthflow-lock"; then
        log "web packages: present"
        return
    fi
    log "installing the dashboards' npm packages (npm ci in web/)"
    (cd "${web}" && npm ci --no-audit --no-fund --loglevel=error)
    cp "${web}/package-lock.json" "${web}/node_modules/.healthflow-lock"
}

install_debian_packages
install_duckdb
install_web_packages
