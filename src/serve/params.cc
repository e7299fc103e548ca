#include "serve/params.h"

#include <algorithm>
#include <chrono>

#include "common/strings.h"
#include "serve/api_error.h"

namespace hf::serve {

namespace {

[[noreturn]] void Bad(const std::string& name, const std::string& what) {
    throw ApiError{400, "paramètre « " + name + " » invalide : " + what,
                   "corrigez la valeur dans l'adresse ou utilisez les filtres de la page"};
}

bool IsDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

bool IsIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !IsDigits(text.substr(0, 4)) ||
        !IsDigits(text.substr(5, 2)) || !IsDigits(text.substr(8, 2))) {
        return false;
    }
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(text.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    return ymd.ok() && ymd.year() >= std::chrono::year{1900} && ymd.year() <= std::chrono::year{2200};
}

QueryParams::QueryParams(const httplib::Request& request, std::vector<std::string> allowed) : request_(request) {
    allowed.emplace_back("format");
    for (const auto& [name, value] : request.params) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            throw ApiError{400, "paramètre inconnu « " + name + " »",
                           "paramètres acceptés ici : " + Join(allowed, ", ")};
        }
        if (request.get_param_value_count(name) > 1) {
            Bad(name, "donné plusieurs fois");
        }
    }
    if (const auto* format = Raw("format")) {
        if (*format != "json" && *format != "csv") {
            Bad("format", "attendu json ou csv");
        }
        csv_ = *format == "csv";
    }
    // The filters every page shares are checked here, even where an endpoint ignores them.
    GetPeriod();
    ServiceCode();
}

const std::string* QueryParams::Raw(const std::string& name) const {
    auto it = request_.params.find(name);
    return it == request_.params.end() ? nullptr : &it->second;
}

std::optional<std::string> QueryParams::Date(const std::string& name) const {
    const auto* raw = Raw(name);
    if (raw == nullptr || raw->empty()) {
        return std::nullopt;
    }
    if (!IsIsoDate(*raw)) {
        Bad(name, "attendu une date AAAA-MM-JJ");
    }
    return *raw;
}

std::optional<long long> QueryParams::OptionalInt(const std::string& name, long long min, long long max) const {
    const auto* raw = Raw(name);
    if (raw == nullptr || raw->empty()) {
        return std::nullopt;
    }
    long long value = 0;
    if (raw->size() > 18 || !IsDigits(*raw) || !ParseInt64(*raw, value) || value < min || value > max) {
        Bad(name, "attendu un entier entre " + std::to_string(min) + " et " + std::to_string(max));
    }
    return value;
}

long long QueryParams::Int(const std::string& name, long long min, long long max, long long fallback) const {
    return OptionalInt(name, min, max).value_or(fallback);
}

std::optional<std::string> QueryParams::ServiceCode(const std::string& name) const {
    const auto* raw = Raw(name);
    if (raw == nullptr || raw->empty()) {
        return std::nullopt;
    }
    bool ok =
        raw->size() <= 32 && std::all_of(raw->begin(), raw->end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
    if (!ok) {
        Bad(name, "attendu un code de service (lettres, chiffres, _ et -)");
    }
    return *raw;
}

std::optional<std::string> QueryParams::Choice(const std::string& name, const std::vector<std::string>& choices) const {
    const auto* raw = Raw(name);
    if (raw == nullptr || raw->empty()) {
        return std::nullopt;
    }
    if (std::find(choices.begin(), choices.end(), *raw) == choices.end()) {
        Bad(name, "valeurs possibles : " + Join(choices, ", "));
    }
    return *raw;
}

std::optional<std::string> QueryParams::SearchText(const std::string& name) const {
    const auto* raw = Raw(name);
    if (raw == nullptr || std::string(Trim(*raw)).empty()) {
        return std::nullopt;
    }
    std::string text(Trim(*raw));
    bool ok = text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
                  auto u = static_cast<unsigned char>(c);
                  return u >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                         c == ' ' || c == '-' || c == '\'' || c == '.';
              });
    size_t bad_offset = 0;
    if (!ok || !IsValidUtf8(text, bad_offset)) {
        Bad(name, "lettres, chiffres, espaces, tirets, apostrophes et points seulement (64 au plus)");
    }
    return text;
}

QueryParams::Period QueryParams::GetPeriod() const {
    Period period{Date("du"), Date("au")};
    if (period.from && period.to && *period.from > *period.to) {
        throw ApiError{400, "période invalide : « du » (" + *period.from + ") est après « au » (" + *period.to + ")",
                       "choisissez une date de début antérieure à la date de fin"};
    }
    return period;
}

} // namespace hf::serve
