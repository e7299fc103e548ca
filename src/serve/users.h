#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace hf::serve {

// One dashboard user: name, role and a salted PBKDF2-HMAC-SHA256 hash of the password.
struct UserRecord {
    std::string name;
    std::string role;
    std::string salt_hex; // 16 random bytes
    int iterations = 0;   // PBKDF2 iterations used for this user's hash
    std::string hash_hex; // 32-byte derived key
};

// The users of the dashboards, kept in <data_dir>/secrets/users.json (mode 0600, folder 0700).
// Load, change, Save; the file is replaced atomically. Not thread-safe: the server loads it
// once at start and reads it only.
class UserStore {
public:
    // The store's file under `data_dir`.
    static std::filesystem::path FileIn(const std::filesystem::path& data_dir);
    // Reads the file; a missing file is an empty store. Errors: unreadable or malformed file.
    static Result<UserStore> Load(const std::filesystem::path& file);

    // Adds or replaces `name` with `role` and a fresh salt and hash of `password`.
    // Throws INVALID_INPUT for an unknown role, a bad name or a password under 8 characters.
    void Upsert(const std::string& name, const std::string& role, const std::string& password);
    // Removes `name`; false when there was no such user.
    bool Remove(const std::string& name);
    // Writes the file (0600) atomically.
    Status Save() const;

    const std::vector<UserRecord>& Users() const { return users_; }
    // The user when `password` matches (constant-time comparison), else nullopt.
    std::optional<UserRecord> Verify(const std::string& name, const std::string& password) const;

private:
    std::filesystem::path file_;
    std::vector<UserRecord> users_;
};

// PBKDF2-HMAC-SHA256 of `password` with `salt` (raw bytes), 32 bytes, as hex.
std::string Pbkdf2Sha256Hex(const std::string& password, const std::string& salt, int iterations);

} // namespace hf::serve
