#include "common/utc_time.h"

#include <cstdio>
#include <ctime>

namespace hf {

std::string FormatUtc(std::chrono::system_clock::time_point when, const char* format) {
    std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    size_t written = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, written);
}

std::string FormatUtcMicros(std::chrono::system_clock::time_point when, bool iso) {
    auto seconds = std::chrono::floor<std::chrono::seconds>(when);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(when - seconds).count();
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, ".%06lld", static_cast<long long>(micros));
    return FormatUtc(seconds, iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S") + fraction;
}

} // namespace hf
