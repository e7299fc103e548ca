#include "common/error.h"

namespace hf {

std::string_view KindName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::INVALID_INPUT: return "invalid input";
    case ErrorKind::NOT_FOUND: return "not found";
    case ErrorKind::CONFLICT: return "conflict";
    case ErrorKind::IO: return "i/o error";
    case ErrorKind::UNAVAILABLE: return "unavailable";
    case ErrorKind::TIMEOUT: return "timeout";
    case ErrorKind::DATA: return "data error";
    case ErrorKind::INTERNAL: return "internal error";
    }
    return "error";
}

ErrorKind KindFromName(std::string_view name) {
    for (ErrorKind kind : {ErrorKind::INVALID_INPUT, ErrorKind::NOT_FOUND, ErrorKind::CONFLICT, ErrorKind::IO,
                           ErrorKind::UNAVAILABLE, ErrorKind::TIMEOUT, ErrorKind::DATA, ErrorKind::INTERNAL}) {
        if (KindName(kind) == name) {
            return kind;
        }
    }
    return ErrorKind::INTERNAL;
}

Error::Error(ErrorKind kind, std::string message, std::string hint)
    : std::runtime_error(message), kind_(kind), message_(std::move(message)), hint_(std::move(hint)) {}

std::string Error::OneLine() const {
    if (hint_.empty()) {
        return message_;
    }
    return message_ + " (hint: " + hint_ + ")";
}

}  // namespace hf
