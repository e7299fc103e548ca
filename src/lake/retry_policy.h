#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace hf::lake {

// How many times a remote call is tried and how long to wait between tries: exponential
// backoff (base * 2^(n-1), capped) with "equal jitter" (a uniform draw in [backoff/2, backoff]),
// so that many clients retrying at once spread out while each wait stays at least half the
// backoff. Copyable value; thread-safe to read.
struct RetryPolicy {
    int max_retries = 4;                           // tries after the first one
    std::chrono::milliseconds base_delay{200};
    std::chrono::milliseconds max_delay{20000};

    // Upper bound of the wait before retry number `retry` (1-based).
    std::chrono::milliseconds Ceiling(int retry) const;
    // The wait before retry number `retry`, drawn from `rng` in [Ceiling/2, Ceiling].
    std::chrono::milliseconds Delay(int retry, std::mt19937_64& rng) const;
};

// Whether an HTTP status may succeed when sent again: 5xx and 429 (throttling) yes; 4xx no.
bool IsRetryableStatus(long status);

}  // namespace hf::lake
