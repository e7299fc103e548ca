# Third-party dependencies: Debian packages, plus DuckDB unpacked by scripts/bootstrap.sh.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
# jemalloc replaces the C library's allocator in the whole healthflow process, DuckDB included:
# with many request threads, glibc's malloc spent a fifth of the server's CPU (docs/benchmarks.md).
if(HF_JEMALLOC AND NOT HF_SANITIZE)
    pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
if(HF_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()
if(HF_BUILD_BENCH)
    find_package(benchmark REQUIRED)
endif()

set(HF_DUCKDB_DIR ${CMAKE_SOURCE_DIR}/third_party/duckdb CACHE PATH "Folder holding include/duckdb.h and lib/libduckdb.so")
if(NOT EXISTS ${HF_DUCKDB_DIR}/include/duckdb.h OR NOT EXISTS ${HF_DUCKDB_DIR}/lib/libduckdb.so)
    message(FATAL_ERROR "DuckDB not found in ${HF_DUCKDB_DIR}: run scripts/bootstrap.sh first")
endif()
add_library(duckdb SHARED IMPORTED GLOBAL)
set_target_properties(duckdb PROPERTIES
    IMPORTED_LOCATION ${HF_DUCKDB_DIR}/lib/libduckdb.so
    INTERFACE_INCLUDE_DIRECTORIES ${HF_DUCKDB_DIR}/include)
# Binaries find libduckdb.so through their rpath, wherever the build folder is.
set(CMAKE_BUILD_RPATH ${HF_DUCKDB_DIR}/lib)
set(CMAKE_INSTALL_RPATH ${HF_DUCKDB_DIR}/lib)
