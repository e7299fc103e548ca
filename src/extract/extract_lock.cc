#include "extract/extract_lock.h"

#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <thread>

#include "common/fs.h"
#include "lake/layout.h"

namespace hf::extract {

namespace {

using Clock = std::chrono::steady_clock;

// Advisory lock key shared by every HealthFlow extraction ("HFEXTRCT").
constexpr const char* kAdvisoryKey = "5207069538434237268";
constexpr auto kPollInterval = std::chrono::milliseconds(200);

std::string HostName() {
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return buf;
}

std::string AdvisoryHolder(pg::Connection& source) {
    auto r = source.ExecParams(
        "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local') "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint",
        {kAdvisoryKey});
    if (r.Rows() == 0) {
        return "another session";
    }
    return fmt::format("server process {} ({} from {})", r.Get(0, 0), r.Get(0, 1), r.Get(0, 2));
}

// The lake lock's holder when it is still alive, else nullopt (free or stale).
std::optional<std::string> LiveLakeHolder(lake::ObjectStore& lake) {
    auto current = lake.Get(lake::ExtractLockKey());
    if (!current.Ok()) {
        if (current.Err().Kind() == ErrorKind::NOT_FOUND) {
            return std::nullopt;
        }
        throw current.Err();
    }
    try {
        auto json = nlohmann::json::parse(current.Value());
        std::string host = json.at("host").get<std::string>();
        long long pid = json.at("pid").get<long long>();
        std::string since = json.value("since", "");
        if (host == HostName() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            spdlog::warn("taking over the lake's extraction lock left by process {} (no longer running)", pid);
            return std::nullopt;
        }
        return fmt::format("process {} on {} since {}", pid, host, since);
    } catch (const nlohmann::json::exception&) {
        return std::string("an unreadable lock object");
    }
}

}  // namespace

ExtractLock ExtractLock::Acquire(pg::Connection& source, lake::ObjectStore& lake, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (source.ExecParams("SELECT pg_try_advisory_lock($1::bigint)", {kAdvisoryKey}).Get(0, 0) != "t") {
        if (Clock::now() >= deadline) {
            throw Error(ErrorKind::CONFLICT,
                        "another extraction is running on this source database (" + AdvisoryHolder(source) + ")",
                        "wait for it to finish, or raise extract.lock_timeout_seconds / --lock-timeout to wait longer");
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    ExtractLock lock(&source, nullptr, {});
    for (;;) {
        auto holder = LiveLakeHolder(lake);
        if (!holder) {
            break;
        }
        if (Clock::now() >= deadline) {
            throw Error(ErrorKind::CONFLICT,
                        "another extraction is writing to the lake " + lake.Describe() + " (" + *holder + ")",
                        "wait for it to finish; if that process is gone for good, delete " + lake::ExtractLockKey() +
                            " in the lake");
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    nlohmann::json owner = {{"host", HostName()},
                            {"pid", static_cast<long long>(::getpid())},
                            {"since", lake::FormatIsoMicros(std::chrono::time_point_cast<std::chrono::microseconds>(
                                          std::chrono::system_clock::now()))},
                            {"token", RandomToken(16)}};
    std::string token = owner.dump() + "\n";
    lake.Put(lake::ExtractLockKey(), token).Check();
    lock.lake_ = &lake;
    lock.token_ = std::move(token);
    return lock;
}

ExtractLock::ExtractLock(ExtractLock&& other) noexcept
    : source_(std::exchange(other.source_, nullptr)),
      lake_(std::exchange(other.lake_, nullptr)),
      token_(std::move(other.token_)) {}

ExtractLock::~ExtractLock() { Release(); }

void ExtractLock::Release() noexcept {
    try {
        if (lake_ != nullptr) {
            auto current = lake_->Get(lake::ExtractLockKey());
            if (current.Ok() && current.Value() == token_) {
                lake_->Delete(lake::ExtractLockKey()).Check();
            }
            lake_ = nullptr;
        }
        if (source_ != nullptr) {
            source_->ExecParams("SELECT pg_advisory_unlock($1::bigint)", {kAdvisoryKey});
            source_ = nullptr;
        }
    } catch (const Error& e) {
        spdlog::warn("could not release the extraction lock cleanly: {}", e.OneLine());
    }
}

}  // namespace hf::extract
