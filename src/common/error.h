#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace hf {

// What kind of failure an Error is. The orchestrator retries only retryable kinds.
enum class ErrorKind {
    INVALID_INPUT,   // bad option, bad configuration, bad data supplied by the user
    NOT_FOUND,       // a file, table, run or object that should exist does not
    CONFLICT,        // the operation collides with existing state (already running, locked)
    IO,              // local file system failure (permissions, disk full)
    UNAVAILABLE,     // a remote service did not answer (retryable)
    TIMEOUT,         // an operation took longer than allowed (retryable)
    DATA,            // data failed a check (constraint, checksum, test)
    INTERNAL,        // a bug: an invariant of HealthFlow itself was broken
};

// Short lower-case name of a kind, for messages and logs.
std::string_view KindName(ErrorKind kind);
// The kind KindName names; INTERNAL for a name it does not give.
ErrorKind KindFromName(std::string_view name);

// The one exception type of HealthFlow. The message says what failed and on what object;
// the hint says what the operator can do. Immutable, safe to copy across threads.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, std::string hint = {});

    ErrorKind Kind() const noexcept { return kind_; }
    const std::string& Message() const noexcept { return message_; }
    const std::string& Hint() const noexcept { return hint_; }
    // True when trying the same operation again may succeed.
    bool Retryable() const noexcept { return kind_ == ErrorKind::UNAVAILABLE || kind_ == ErrorKind::TIMEOUT; }

    // "message (hint: ...)" on one line, for the terminal.
    std::string OneLine() const;

private:
    ErrorKind kind_;
    std::string message_;
    std::string hint_;
};

}  // namespace hf
