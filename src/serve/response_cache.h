#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hf::serve {

// One cached answer: what to send again.
struct CachedResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // e.g. Content-Disposition
};

// Answers of GET endpoints kept for a few seconds, so that many screens showing the same page
// cost one set of queries. Each entry came from one consistent snapshot; entries expire after
// `ttl` and Clear() drops them all (the process hosting the pipeline calls it when the marts are
// swapped). At most `max_entries` are kept (the cache is emptied when full). Thread-safe.
class ResponseCache {
public:
    ResponseCache(std::chrono::milliseconds ttl, size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    bool Enabled() const { return ttl_.count() > 0; }
    // The live entry for `key`, if any.
    std::optional<CachedResponse> Find(const std::string& key);
    // Stores `response` under `key`.
    void Put(const std::string& key, CachedResponse response);
    // Drops every entry.
    void Clear();

private:
    struct Entry {
        CachedResponse response;
        std::chrono::steady_clock::time_point expires;
    };
    std::chrono::milliseconds ttl_;
    size_t max_entries_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_; // GUARDED_BY(mutex_)
};

} // namespace hf::serve
