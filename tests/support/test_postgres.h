#pragma once

#include <memory>
#include <string>

#include "pg/connection.h"
#include "source/local_cluster.h"
#include "support/temp_dir.h"

namespace hf::testing {

// A throwaway PostgreSQL cluster for one test binary: created in a temporary folder on first
// use (initdb + pg_ctl, free port on 127.0.0.1 and a Unix socket), stopped and deleted at exit.
// Each test asks for its own empty database. Thread-safe.
class TestPostgres {
public:
    // The process-wide instance, started on first call.
    static TestPostgres& Instance();

    // Creates a fresh, empty database (dropping any of the same name) and returns how to reach it.
    pg::ConnectionSpec FreshDatabase(const std::string& name);
    // The HealthFlow data folder that owns the cluster (for CLI tests with --data-dir).
    const std::filesystem::path& DataDir() const { return dir_.Path(); }
    source::LocalCluster& Cluster() { return *cluster_; }

    ~TestPostgres();

private:
    TestPostgres();
    TempDir dir_;
    std::unique_ptr<source::LocalCluster> cluster_;
};

}  // namespace hf::testing
