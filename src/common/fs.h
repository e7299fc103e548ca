#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.h"

namespace hf {

// File-system helpers. Every write that others may read is atomic: readers see the old
// content or the new one, never half a file.

// Reads a whole file.
Result<std::string> ReadFile(const std::filesystem::path& path);
// Writes `content` to a temporary file beside `path`, fsyncs it, then renames it over `path`.
// `mode` sets the permission bits of the new file (e.g. 0600 for secrets).
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);
// Creates `path` and its parents when missing.
Status EnsureDirectory(const std::filesystem::path& path, unsigned mode = 0755);

// Reads a secret (password, key) from a file that only its owner may read or write.
// Refuses a file readable by group or others, with a hint to chmod 600.
Result<std::string> ReadSecretFile(const std::filesystem::path& path);
// Writes a secret with mode 0600, atomically.
Status WriteSecretFile(const std::filesystem::path& path, std::string_view secret);

// Random alphanumeric string from the OS's entropy source, for generated passwords.
std::string RandomToken(size_t length);

}  // namespace hf
