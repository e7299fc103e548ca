#include "serve/response_cache.h"

namespace hf::serve {

std::optional<CachedResponse> ResponseCache::Find(const std::string& key) {
    if (!Enabled()) {
        return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::nullopt;
    }
    if (it->second.expires < std::chrono::steady_clock::now()) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.response;
}

void ResponseCache::Put(const std::string& key, CachedResponse response) {
    if (!Enabled()) {
        return;
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_) {
        entries_.clear();
    }
    entries_[key] = {std::move(response), std::chrono::steady_clock::now() + ttl_};
}

void ResponseCache::Clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

} // namespace hf::serve
