#include "cli/handoff.h"

#include <httplib.h>

#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/logging.h"

namespace hf::cli {

namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kPollInterval{200};

std::string Who(const serve::ServerAnnouncement& server) {
    return "the dashboards' server (pid " + std::to_string(server.pid) + ")";
}

// The error a refused request carries: the pipeline's own when the server sent it.
Error RefusalError(const serve::ServerAnnouncement& server, const httplib::Response& res) {
    auto body = json::parse(res.body, nullptr, false);
    if (body.is_object() && body.contains("cause") && body["cause"].is_object()) {
        const auto& cause = body["cause"];
        return Error(KindFromName(cause.value("kind", "")), cause.value("message", ""), cause.value("hint", ""));
    }
    std::string error = body.is_object() ? body.value("error", res.body) : res.body;
    std::string hint = body.is_object() ? body.value("hint", "") : "";
    if (res.status == 403) {
        return Error(ErrorKind::CONFLICT,
                     Who(server) + " refused the control token of " +
                         serve::AnnouncementFile(server.data_dir).string() + ": " + error,
                     "restart `healthflow serve`, or pass --no-handoff");
    }
    if (res.status == 400) {
        return Error(ErrorKind::INVALID_INPUT, Who(server) + " refused the run: " + error, hint);
    }
    return Error(ErrorKind::UNAVAILABLE,
                 Who(server) + " answered " + std::to_string(res.status) + " to the run request: " + error,
                 hint.empty() ? "see the server's output" : hint);
}

std::string PostRun(const serve::ServerAnnouncement& server, const HandOffRequest& request) {
    json body = {{"trigger", std::string(pipeline::TriggerName(request.trigger))},
                 {"full_refresh", request.full_refresh}};
    if (!request.logical_date.empty()) {
        body["logical_date"] = request.logical_date;
    }
    if (!request.task.empty()) {
        body["task"] = request.task;
    }
    httplib::Client client(server.ControlHost(), server.port);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(60, 0);
    httplib::Headers headers = {{serve::kControlHeader, server.token}};
    auto deadline = std::chrono::steady_clock::now() + request.wait;
    while (true) {
        auto res = client.Post("/api/pipeline/runs", headers, body.dump(), "application/json");
        if (!res) {
            throw Error(ErrorKind::UNAVAILABLE,
                        Who(server) + ", announced in " + serve::AnnouncementFile(server.data_dir).string() +
                            ", does not answer on " + server.Url() + " (" + httplib::to_string(res.error()) + ")",
                        "check that the server is running; pass --no-handoff to run here instead (a DuckDB "
                        "warehouse stays refused while the server holds it)");
        }
        if (res->status == 202) {
            auto answer = json::parse(res->body, nullptr, false);
            if (!answer.is_object() || !answer.value("run_id", json()).is_string()) {
                throw Error(ErrorKind::UNAVAILABLE, Who(server) + " gave no run id: " + res->body);
            }
            return answer["run_id"].get<std::string>();
        }
        if (res->status != 409 || std::chrono::steady_clock::now() >= deadline) {
            throw RefusalError(server, *res);
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

} // namespace

std::optional<serve::ServerAnnouncement> HandOffTarget(const Config& config, bool no_handoff) {
    if (no_handoff || !config.GetBool("pipeline.handoff")) {
        return std::nullopt;
    }
    return serve::FindLiveServer(config.DataDir());
}

pipeline::RunRecord HandOffRun(const Config& config, const serve::ServerAnnouncement& server,
                               const HandOffRequest& request) {
    std::string run_id = PostRun(server, request);
    if (CurrentVerbosity() != Verbosity::QUIET) {
        std::fprintf(stderr, "handed to %s at %s: run %s\n", Who(server).c_str(), server.Url().c_str(), run_id.c_str());
    }
    pipeline::RunStore store(config.DataDir());
    std::string last_seen;
    while (true) {
        std::optional<pipeline::RunRecord> run;
        try {
            run = store.Load(run_id);
        } catch (const Error& e) {
            if (e.Kind() != ErrorKind::NOT_FOUND) {
                throw;
            }
        }
        if (run) {
            std::string text = run->ToJson();
            if (text != last_seen) {
                last_seen = text;
                if (request.on_change) {
                    request.on_change(*run);
                }
            }
            if (run->state != pipeline::RunState::RUNNING) {
                return *run;
            }
        }
        if (!serve::ProcessAlive(server.pid)) {
            auto again = store.Load(run_id);
            if (again.state != pipeline::RunState::RUNNING) {
                return again;
            }
            throw Error(ErrorKind::UNAVAILABLE, Who(server) + " stopped during run " + run_id,
                        "the next run marks it failed (`healthflow runs`); start it again with `healthflow run`");
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

} // namespace hf::cli
