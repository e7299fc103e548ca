#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/config.h"
#include "pipeline/clock.h"
#include "support/temp_dir.h"

namespace hf::pipeline::testing {

// A clock that never waits: SleepUntil jumps to the deadline at once. Records every wait.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : now_(start) {}

    Instant Now() override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    bool SleepUntil(Instant deadline, std::stop_token stop) override {
        std::lock_guard lock(mutex_);
        if (stop.stop_requested()) {
            return false;
        }
        sleeps_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now_));
        if (deadline > now_) {
            now_ = deadline;
        }
        return true;
    }
    std::vector<std::chrono::milliseconds> Sleeps() {
        std::lock_guard lock(mutex_);
        return sleeps_;
    }

private:
    std::mutex mutex_;
    Instant now_;
    std::vector<std::chrono::milliseconds> sleeps_;
};

// A webhook receiver on 127.0.0.1 (a free port): records every POST's path and body and answers
// with `status` (200 by default). Stops on destruction.
class WebhookReceiver {
public:
    WebhookReceiver() {
        server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            requests_.push_back({req.path, req.body});
            res.status = status_;
            res.set_content("ok", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~WebhookReceiver() {
        server_.stop();
        thread_.join();
    }
    std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    void SetStatus(int status) {
        std::lock_guard lock(mutex_);
        status_ = status;
    }
    std::vector<std::pair<std::string, std::string>> Requests() {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    int status_ = 200;
    std::vector<std::pair<std::string, std::string>> requests_;
};

// Configuration with the data folder in `dir` plus `settings`.
inline Config TestConfig(const hf::testing::TempDir& dir, const std::map<std::string, std::string>& settings = {}) {
    Config config = Config::Defaults().With("data_dir", dir.Path().string());
    for (const auto& [k, v] : settings) {
        config = config.With(k, v);
    }
    return config;
}

}  // namespace hf::pipeline::testing
