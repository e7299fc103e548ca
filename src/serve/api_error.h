#pragma once

#include <string>

namespace hf::serve {

// A request that cannot be answered, with the HTTP status to send and a message + hint written
// for the person reading the dashboard. Thrown by parameter checks and route handlers, caught by
// the server's handler wrapper, which answers {"error": message, "hint": hint}. Immutable.
struct ApiError {
    int status = 400;
    std::string message;
    std::string hint;
};

} // namespace hf::serve
