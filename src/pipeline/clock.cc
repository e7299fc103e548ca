#include "pipeline/clock.h"

#include <condition_variable>
#include <ctime>
#include <mutex>

#include "common/error.h"

namespace hf::pipeline {

namespace {

class RealClock final : public Clock {
public:
    Instant Now() override { return std::chrono::system_clock::now(); }

    bool SleepUntil(Instant deadline, std::stop_token stop) override {
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        return !wake.wait_until(lock, stop, deadline, [] { return false; }) && !stop.stop_requested();
    }
};

}  // namespace

Clock& SystemClock() {
    static RealClock clock;
    return clock;
}

std::string FormatInstant(Instant instant) {
    std::time_t t = std::chrono::system_clock::to_time_t(instant);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Instant ParseInstant(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (end == nullptr || *end != '\0') {
        throw Error(ErrorKind::INVALID_INPUT, "'" + text + "' is not an instant like 2026-12-04T18:22:14Z");
    }
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace hf::pipeline
