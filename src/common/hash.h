#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace hf {

// Incremental SHA-256 (OpenSSL). Move-only; one instance per stream, not thread-safe.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void Update(std::string_view data);
    // Lower-case hex digest; the object must not be updated afterwards.
    std::string FinishHex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// SHA-256 of `data` as lower-case hex.
std::string Sha256Hex(std::string_view data);

// Lower-case hex of raw bytes.
std::string ToHex(std::string_view bytes);

}  // namespace hf
