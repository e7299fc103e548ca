#include "support/test_postgres.h"

#include <mutex>

namespace hf::testing {

TestPostgres& TestPostgres::Instance() {
    static TestPostgres instance;
    return instance;
}

TestPostgres::TestPostgres() {
    source::LocalClusterOptions options;
    options.data_dir = dir_.Path();
    cluster_ = std::make_unique<source::LocalCluster>(options);
    cluster_->Start();
}

TestPostgres::~TestPostgres() {
    try {
        cluster_->Stop();
    } catch (const std::exception&) {
        // Already stopped: nothing to clean up but the folder.
    }
    std::error_code ec;
    auto status = cluster_->Status();
    if (!status.cluster_dir.empty()) {
        std::filesystem::remove_all(status.cluster_dir.parent_path(), ec);
    }
}

pg::ConnectionSpec TestPostgres::FreshDatabase(const std::string& name) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    auto admin = pg::Connection::Open(cluster_->Spec("postgres")).Value();
    admin.Exec("DROP DATABASE IF EXISTS " + admin.QuoteIdentifier(name) + " WITH (FORCE)");
    admin.Exec("CREATE DATABASE " + admin.QuoteIdentifier(name));
    return cluster_->Spec(name);
}

}  // namespace hf::testing
