#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace hf::serve {

// Who is making a request.
struct Identity {
    std::string user; // "" when login is not required (loopback)
    std::string role;
};

// Logged-in sessions, keyed by a random 43-character token sent as an HttpOnly, SameSite=Strict
// cookie. Sessions live in memory (a restart logs everyone out) and expire after `lifetime`.
// Thread-safe.
class SessionStore {
public:
    explicit SessionStore(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

    // Opens a session for `identity` and returns its token.
    std::string Open(const Identity& identity);
    // The identity of a live session, or nullopt (unknown or expired token).
    std::optional<Identity> Find(const std::string& token);
    // Ends a session (no-op for an unknown token).
    void Close(const std::string& token);
    std::chrono::seconds Lifetime() const { return lifetime_; }

private:
    struct Entry {
        Identity identity;
        std::chrono::steady_clock::time_point expires;
    };
    std::chrono::seconds lifetime_;
    std::mutex mutex_;
    std::map<std::string, Entry> sessions_; // GUARDED_BY(mutex_)
};

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& header, const std::string& name);

} // namespace hf::serve
