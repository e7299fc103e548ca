#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

namespace hf::serve {

// Reads and checks the query parameters of one request. Every getter throws ApiError (400) with
// a French message naming the parameter when the value is malformed, so that a handler only sees
// values that are safe to pass as SQL parameters. Unknown parameters are refused too, which
// catches typos. Not thread-safe; one per request.
class QueryParams {
public:
    // `allowed`: the parameter names this endpoint accepts ("format" is always accepted).
    QueryParams(const httplib::Request& request, std::vector<std::string> allowed);

    // A date YYYY-MM-DD (a real calendar date), or nullopt when absent.
    std::optional<std::string> Date(const std::string& name) const;
    // A whole number in [min, max], or `fallback` when absent.
    long long Int(const std::string& name, long long min, long long max, long long fallback) const;
    // A whole number in [min, max], or nullopt when absent.
    std::optional<long long> OptionalInt(const std::string& name, long long min, long long max) const;
    // A service code (letters, digits, '_' and '-', 1 to 32 characters), or nullopt.
    std::optional<std::string> ServiceCode(const std::string& name = "service") const;
    // One of `choices`, or nullopt when absent.
    std::optional<std::string> Choice(const std::string& name, const std::vector<std::string>& choices) const;
    // Free text for searches: 1 to 64 characters of letters (accents included), digits, spaces,
    // '-', '\'' and '.'; or nullopt when absent.
    std::optional<std::string> SearchText(const std::string& name) const;
    // "json" (default) or "csv".
    bool WantsCsv() const { return csv_; }

    // The period [du, au] checked together: du <= au when both are given.
    struct Period {
        std::optional<std::string> from;
        std::optional<std::string> to;
    };
    Period GetPeriod() const;

private:
    const std::string* Raw(const std::string& name) const;

    const httplib::Request& request_;
    bool csv_ = false;
};

// True when `text` is a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(const std::string& text);

} // namespace hf::serve
