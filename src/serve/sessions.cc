#include "serve/sessions.h"

#include "common/fs.h"
#include "common/strings.h"

namespace hf::serve {

std::string SessionStore::Open(const Identity& identity) {
    std::string token = RandomToken(43);
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        it = it->second.expires < now ? sessions_.erase(it) : std::next(it);
    }
    sessions_[token] = {identity, now + lifetime_};
    return token;
}

std::optional<Identity> SessionStore::Find(const std::string& token) {
    if (token.empty()) {
        return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) {
        return std::nullopt;
    }
    if (it->second.expires < std::chrono::steady_clock::now()) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return it->second.identity;
}

void SessionStore::Close(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

std::string CookieValue(const std::string& header, const std::string& name) {
    for (const auto& part : Split(header, ';')) {
        std::string_view item = Trim(part);
        if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=') {
            return std::string(item.substr(name.size() + 1));
        }
    }
    return "";
}

} // namespace hf::serve
