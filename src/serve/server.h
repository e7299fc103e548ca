#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "serve/warehouse_pool.h"

namespace hf::serve {

// Work that lives as long as the server (e.g. the pipeline scheduler): started on its own
// std::jthread when the server starts listening, asked to stop through its stop token when the
// server stops, and joined before Run() returns. Exceptions it throws are logged.
struct BackgroundService {
    std::string name;
    std::function<void(std::stop_token)> run;
};

// Starts a pipeline run on behalf of `POST /api/pipeline/runs` (admin role, or a `healthflow`
// process of this machine presenting the control token). Receives the request body, checked:
// {"logical_date": "YYYY-MM-DD", "full_refresh": bool, "task": "...", "trigger": "manual" |
// "schedule" | "backfill"}, every key optional. Returns what to answer (e.g. the run id); throws
// hf::Error CONFLICT when a run is already going (answered 409), INVALID_INPUT for a request the
// pipeline refuses (400). Called on a request thread; must return quickly (start the run elsewhere).
using PipelineStarter = std::function<nlohmann::json(const nlohmann::json& request)>;

// Describes the scheduler the server hosts, for the Pipeline page: {"cron", "fuseau",
// "prochaine_execution"}. Called on request threads; must be thread-safe.
using SchedulerStatus = std::function<nlohmann::json()>;

// How to run the dashboards' server.
struct ServerOptions {
    std::string bind = "127.0.0.1";  // address to listen on
    int port = 8080;                 // 0 picks a free port (see Server::Port)
    bool require_login = false;      // forced on when `bind` is not a loopback address
    std::filesystem::path data_dir;  // users file, pipeline run history
    WarehouseFactory open_warehouse; // one connection per call (pooled by the server)
    int threads = 24;                // request threads (HTTP keep-alive holds one per client)
    int active_queries = 0;          // requests querying the warehouse at once (0: no limit)
    double cache_seconds = 0;        // GET answers reused this long (0: no cache); see InvalidateCache
    std::vector<BackgroundService> services;
    PipelineStarter start_pipeline_run; // unset: the endpoint answers 503
    SchedulerStatus scheduler_status;   // unset: the server hosts no scheduler
    // Non-empty: a request from this machine (loopback, or to itself) carrying this token in the
    // X-HealthFlow-Control header acts as admin, whatever the login rule; a wrong token is 403.
    std::string control_token;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& address);

// The HTTP server of the dashboards and JSON API. Bind() then Run() (blocking) on one thread;
// Stop() from any thread (or a signal-watching thread) makes Run() return. Not copyable.
class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the socket; throws hf::Error (CONFLICT when the port is taken). Returns the port.
    int Bind();
    // Port the server is bound to (after Bind()).
    int Port() const;
    // True when a login is required (bound off loopback, or asked for).
    bool LoginRequired() const;
    // Serves until Stop(); starts the background services first and stops them after.
    void Run();
    // Forgets every cached answer; the process hosting the pipeline calls it right after a run
    // has swapped the marts, so that the next requests read the new tables. Thread-safe.
    void InvalidateCache();
    // Asks Run() to return. Thread-safe, idempotent.
    void Stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace hf::serve
