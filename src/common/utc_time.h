#pragma once

#include <chrono>
#include <string>

namespace hf {

// `when` in UTC, written by strftime's `format` (e.g. "%Y-%m-%dT%H:%M:%SZ"); at most 63
// characters come out.
std::string FormatUtc(std::chrono::system_clock::time_point when, const char* format);

// `when` in UTC to the microsecond: "2026-11-28 18:00:05.123456", or with a 'T' between the
// date and the time when `iso`. No zone suffix: callers add the one their reader expects.
std::string FormatUtcMicros(std::chrono::system_clock::time_point when, bool iso = false);

} // namespace hf
