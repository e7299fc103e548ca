#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hf {

// Small string helpers shared by every module. All pure functions, thread-safe.

std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string ToLower(std::string_view s);
// True when `text` is valid UTF-8 (no overlong form, surrogate or code point past U+10FFFF);
// otherwise `bad_offset` is the first invalid byte's offset.
bool IsValidUtf8(std::string_view text, size_t& bad_offset);
std::string ToUpper(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Replaces every occurrence of `from` (non-empty) with `to`.
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);
// Percent-encodes per RFC 3986: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, every other
// byte becomes %XY (upper-case hex); '/' stays too when `keep_slash`.
std::string UriEncode(std::string_view s, bool keep_slash = false);
// Human-readable byte count: "512 B", "3.4 MiB".
std::string FormatBytes(double bytes);
// Parses a whole string as a number; nullopt-like false return on any trailing garbage.
bool ParseInt64(std::string_view s, long long& out);
bool ParseDouble(std::string_view s, double& out);

}  // namespace hf
