#include "serve/users.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/fs.h"
#include "common/hash.h"
#include "serve/roles.h"

namespace hf::serve {

namespace {

constexpr int kIterations = 210000; // OWASP's floor for PBKDF2-HMAC-SHA256 at the time of writing

std::string FromHex(const std::string& hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

bool ValidName(const std::string& name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

} // namespace

std::string Pbkdf2Sha256Hex(const std::string& password, const std::string& salt, int iterations) {
    unsigned char key[32];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                          iterations, EVP_sha256(), sizeof key, key) != 1) {
        throw Error(ErrorKind::INTERNAL, "OpenSSL could not derive a password hash (PBKDF2-HMAC-SHA256)");
    }
    return ToHex(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
}

std::filesystem::path UserStore::FileIn(const std::filesystem::path& data_dir) {
    return data_dir / "secrets" / "users.json";
}

Result<UserStore> UserStore::Load(const std::filesystem::path& file) {
    UserStore store;
    store.file_ = file;
    if (!std::filesystem::exists(file)) {
        return store;
    }
    auto text = ReadFile(file);
    if (!text) {
        return text.Err();
    }
    try {
        auto doc = nlohmann::json::parse(text.Value());
        for (const auto& u : doc.at("users")) {
            store.users_.push_back({u.at("name").get<std::string>(), u.at("role").get<std::string>(),
                                    u.at("salt").get<std::string>(), u.at("iterations").get<int>(),
                                    u.at("hash").get<std::string>()});
        }
    } catch (const nlohmann::json::exception& e) {
        return Error(ErrorKind::DATA, "the users file " + file.string() + " is not valid: " + e.what(),
                     "fix it by hand or remove it and add the users again with `healthflow users add`");
    }
    return store;
}

void UserStore::Upsert(const std::string& name, const std::string& role, const std::string& password) {
    if (!ValidName(name)) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid user name '" + name + "'",
                    "use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    const auto& roles = KnownRoles();
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
        throw Error(ErrorKind::INVALID_INPUT, "unknown role '" + role + "'",
                    "roles: direction, pharmacie, finance, admin");
    }
    if (password.size() < 8) {
        throw Error(ErrorKind::INVALID_INPUT, "the password of '" + name + "' is too short",
                    "give at least 8 characters (on standard input or in HEALTHFLOW_USER_PASSWORD)");
    }
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1) {
        throw Error(ErrorKind::INTERNAL, "OpenSSL could not draw a random salt");
    }
    std::string salt_raw(reinterpret_cast<const char*>(salt), sizeof salt);
    UserRecord record{name, role, ToHex(salt_raw), kIterations, Pbkdf2Sha256Hex(password, salt_raw, kIterations)};
    Remove(name);
    users_.push_back(std::move(record));
    std::sort(users_.begin(), users_.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

bool UserStore::Remove(const std::string& name) {
    auto it = std::find_if(users_.begin(), users_.end(), [&](const auto& u) { return u.name == name; });
    if (it == users_.end()) {
        return false;
    }
    users_.erase(it);
    return true;
}

Status UserStore::Save() const {
    if (auto st = EnsureDirectory(file_.parent_path(), 0700); !st) {
        return st;
    }
    ::chmod(file_.parent_path().c_str(), 0700);
    nlohmann::json users = nlohmann::json::array();
    for (const auto& u : users_) {
        users.push_back({{"name", u.name},
                         {"role", u.role},
                         {"salt", u.salt_hex},
                         {"iterations", u.iterations},
                         {"hash", u.hash_hex}});
    }
    nlohmann::json doc = {{"users", users}};
    return WriteFileAtomic(file_, doc.dump(2) + "\n", 0600);
}

std::optional<UserRecord> UserStore::Verify(const std::string& name, const std::string& password) const {
    auto it = std::find_if(users_.begin(), users_.end(), [&](const auto& u) { return u.name == name; });
    if (it == users_.end() || it->iterations <= 0) {
        return std::nullopt;
    }
    std::string actual = Pbkdf2Sha256Hex(password, FromHex(it->salt_hex), it->iterations);
    if (actual.size() != it->hash_hex.size() || CRYPTO_memcmp(actual.data(), it->hash_hex.data(), actual.size()) != 0) {
        return std::nullopt;
    }
    return *it;
}

} // namespace hf::serve
