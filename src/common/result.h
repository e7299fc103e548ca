#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "common/error.h"

namespace hf {

// A value or the Error that prevented it: returned by functions that touch the outside
// world (PostgreSQL, files, S3, HTTP). Value() throws the Error when there is no value,
// so a caller that cannot handle the failure just lets it propagate.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool Ok() const noexcept { return std::holds_alternative<T>(state_); }
    explicit operator bool() const noexcept { return Ok(); }

    T& Value() & {
        ThrowIfError();
        return std::get<T>(state_);
    }
    T&& Value() && {
        ThrowIfError();
        return std::get<T>(std::move(state_));
    }
    const T& Value() const& {
        ThrowIfError();
        return std::get<T>(state_);
    }
    // The error; only valid when !Ok().
    const Error& Err() const { return std::get<Error>(state_); }

private:
    void ThrowIfError() const {
        if (!Ok()) {
            throw std::get<Error>(state_);
        }
    }
    std::variant<T, Error> state_;
};

// Success or the Error that prevented it.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}
    static Status Success() { return {}; }

    bool Ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return Ok(); }
    const Error& Err() const { return *error_; }
    // Throws the error, if any.
    void Check() const {
        if (error_) {
            throw *error_;
        }
    }

private:
    std::optional<Error> error_;
};

}  // namespace hf
