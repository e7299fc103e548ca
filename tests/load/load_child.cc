// A process that loads a lake into a warehouse and reports progress on stdout, for tests that
// kill it midway: load_child duckdb <file> <lake> | load_child postgres <url> <lake>
// (password in HF_TEST_PG_PASSWORD).
#include <cstdio>
#include <cstdlib>

#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"
#include "load/loader.h"
#include "support/test_lake.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: load_child duckdb|postgres <file|url> <lake folder>\n");
        return 2;
    }
    try {
        std::unique_ptr<hf::db::Warehouse> wh;
        if (std::string(argv[1]) == "duckdb") {
            wh = hf::db::DuckDbWarehouse::Open(argv[2]).Value();
        } else {
            hf::pg::ConnectionSpec spec;
            spec.url = argv[2];
            if (const char* pw = std::getenv("HF_TEST_PG_PASSWORD")) {
                spec.password = pw;
            }
            wh = hf::db::PostgresWarehouse::Open(spec).Value();
        }
        hf::testing::TestLake lake(argv[3]);
        hf::load::LoadOptions options;
        options.progress_interval_seconds = 0.01;
        options.on_progress = [](const hf::load::LoadProgress& p) {
            std::printf("progress %lld\n", static_cast<long long>(p.rows));
            std::fflush(stdout);
        };
        auto report = hf::load::LoadLake(lake, *wh, options);
        std::printf("done %lld\n", static_cast<long long>(report.RowsLoaded()));
        return report.failure ? 1 : 0;
    } catch (const hf::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.OneLine().c_str());
        return 1;
    }
}
