#include "lake/retry_policy.h"

#include <algorithm>

namespace hf::lake {

std::chrono::milliseconds RetryPolicy::Ceiling(int retry) const {
    int exponent = std::clamp(retry - 1, 0, 30);
    long long ceiling = base_delay.count() << exponent;
    if (ceiling > max_delay.count() || ceiling < 0) {
        ceiling = max_delay.count();
    }
    return std::chrono::milliseconds(ceiling);
}

std::chrono::milliseconds RetryPolicy::Delay(int retry, std::mt19937_64& rng) const {
    long long ceiling = Ceiling(retry).count();
    if (ceiling <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::uniform_int_distribution<long long> draw(ceiling / 2, ceiling);
    return std::chrono::milliseconds(draw(rng));
}

bool IsRetryableStatus(long status) { return status == 429 || (status >= 500 && status <= 599); }

}  // namespace hf::lake
