#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/config.h"
#include "db/duckdb_warehouse.h"
#include "db/warehouse.h"
#include "serve/server.h"
#include "support/temp_dir.h"

namespace hf::testing {

// The fixture warehouse (tests/serve/fixtures/marts.sql) written into `dir`/warehouse.duckdb,
// with the pipeline's run history copied into `dir`/runs. Returns the warehouse file.
inline std::filesystem::path MakeFixtureWarehouse(const std::filesystem::path& dir, bool with_marts = true) {
    std::filesystem::path source = std::getenv("HF_SOURCE_DIR");
    auto file = dir / "warehouse.duckdb";
    auto warehouse = db::DuckDbWarehouse::Open(file).Value();
    if (with_marts) {
        std::ifstream in(source / "tests/serve/fixtures/marts.sql");
        std::stringstream sql;
        sql << in.rdbuf();
        warehouse->Execute(sql.str());
        std::filesystem::copy(source / "tests/serve/fixtures/runs", dir / "runs",
                              std::filesystem::copy_options::recursive);
    }
    return file;
}

// A real server on a free 127.0.0.1 port, run on its own thread, over a DuckDB file. Stops on
// destruction.
class RunningServer {
public:
    RunningServer(const std::filesystem::path& data_dir, const std::filesystem::path& warehouse_file,
                  bool require_login = false, serve::PipelineStarter starter = {}, double cache_seconds = 0)
        : RunningServer(data_dir, DuckDbFactory(warehouse_file), require_login, std::move(starter), cache_seconds) {}

    RunningServer(const std::filesystem::path& data_dir, serve::WarehouseFactory factory, bool require_login = false,
                  serve::PipelineStarter starter = {}, double cache_seconds = 0) {
        serve::ServerOptions options;
        options.port = 0;
        options.require_login = require_login;
        options.data_dir = data_dir;
        options.threads = 4;
        options.open_warehouse = std::move(factory);
        options.start_pipeline_run = std::move(starter);
        options.cache_seconds = cache_seconds;
        server_ = std::make_unique<serve::Server>(std::move(options));
        port_ = server_->Bind();
        thread_ = std::thread([this] { server_->Run(); });
    }
    // Connections to the DuckDB file `file`.
    static serve::WarehouseFactory DuckDbFactory(const std::filesystem::path& file) {
        Config config = Config::Defaults().With("warehouse.path", file.string());
        return [config] { return db::OpenWarehouse(config); };
    }
    ~RunningServer() {
        server_->Stop();
        thread_.join();
    }

    int Port() const { return port_; }
    serve::Server& Get() { return *server_; }
    // A client of this server (keep-alive off, 10 s timeouts).
    std::unique_ptr<httplib::Client> Client() const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
        client->set_read_timeout(10, 0);
        return client;
    }

private:
    std::unique_ptr<serve::Server> server_;
    int port_ = 0;
    std::thread thread_;
};

// GET `path` and parse the JSON body; the status goes to `status`.
inline nlohmann::json GetJson(httplib::Client& client, const std::string& path, int* status = nullptr,
                              const httplib::Headers& headers = {}) {
    auto res = client.Get(path, headers);
    EXPECT_TRUE(res) << "no answer for " << path;
    if (!res) {
        return nullptr;
    }
    if (status != nullptr) {
        *status = res->status;
    }
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << path << ": " << res->body;
    return body;
}

} // namespace hf::testing
