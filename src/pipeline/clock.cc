#include "pipeline/clock.h"

#include <condition_variable>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "common/error.h"
#include "common/utc_time.h"

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
    return FormatUtc(instant, "%Y-%m-%dT%H:%M:%SZ");
}

std::string FormatInstantMillis(Instant instant) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count() % 1000;
    if (ms < 0) {
        ms += 1000;
    }
    std::string text = FormatInstant(std::chrono::floor<std::chrono::seconds>(instant));
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03lldZ", static_cast<long long>(ms));
    return text.substr(0, text.size() - 1) + frac;
}

Instant ParseInstant(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    long long ms = 0;
    if (end != nullptr && *end == '.' && std::isdigit(static_cast<unsigned char>(end[1])) &&
        std::isdigit(static_cast<unsigned char>(end[2])) && std::isdigit(static_cast<unsigned char>(end[3]))) {
        ms = (end[1] - '0') * 100 + (end[2] - '0') * 10 + (end[3] - '0');
        end += 4;
    }
    if (end == nullptr || std::string(end) != "Z") {
        throw Error(ErrorKind::INVALID_INPUT, "'" + text + "' is not an instant like 2026-12-04T18:22:14Z");
    }
    return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
}

}  // namespace hf::pipeline
