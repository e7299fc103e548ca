#pragma once

#include <chrono>
#include <stop_token>
#include <string>

namespace hf::pipeline {

// Wall-clock instants of the pipeline (run start and end, retry times, schedule).
using Instant = std::chrono::system_clock::time_point;

// Where the pipeline reads the time and how it waits. Injected so that tests of retries,
// timeouts and the scheduler do not wait for real. Implementations are thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    // The current instant.
    virtual Instant Now() = 0;
    // Waits until `deadline` or until `stop` is requested; returns false when stopped.
    virtual bool SleepUntil(Instant deadline, std::stop_token stop) = 0;
    // Waits for `delay` (see SleepUntil).
    bool SleepFor(std::chrono::milliseconds delay, std::stop_token stop) { return SleepUntil(Now() + delay, stop); }
};

// The system clock; waits wake up as soon as a stop is requested. Shared, stateless.
Clock& SystemClock();

// "2026-12-04T18:22:14Z" (UTC, whole seconds), for messages.
std::string FormatInstant(Instant instant);
// "2026-12-04T18:22:14.123Z" (UTC, milliseconds), for the run history.
std::string FormatInstantMillis(Instant instant);
// Parses either form; throws INVALID_INPUT otherwise.
Instant ParseInstant(const std::string& text);

}  // namespace hf::pipeline
