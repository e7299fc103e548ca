#include "db/duckdb_binding.h"

#include <charconv>
#include <limits>
#include <optional>
#include <string_view>

#include "db/duckdb_handles.h"

namespace hf::db {

namespace {

// The number made of `text[from, from + length)`, all digits; nullopt otherwise.
std::optional<int32_t> Digits(std::string_view text, size_t from, size_t length) {
    int32_t value = 0;
    if (from + length > text.size()) {
        return std::nullopt;
    }
    auto [end, error] = std::from_chars(text.data() + from, text.data() + from + length, value);
    if (error != std::errc() || end != text.data() + from + length) {
        return std::nullopt;
    }
    return value;
}

// 'YYYY-MM-DD' (the dates the API and the pipeline pass); nullopt for anything else.
std::optional<duckdb_date_struct> ParseDate(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto year = Digits(text, 0, 4);
    auto month = Digits(text, 5, 2);
    auto day = Digits(text, 8, 2);
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31) {
        return std::nullopt;
    }
    return duckdb_date_struct{*year, static_cast<int8_t>(*month), static_cast<int8_t>(*day)};
}

// 'YYYY-MM-DD HH:MM:SS' with an optional 'T' and fraction of up to 6 digits.
std::optional<duckdb_timestamp_struct> ParseTimestamp(std::string_view text) {
    auto date = ParseDate(text);
    if (!date || text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    auto hour = Digits(text, 11, 2);
    auto minute = Digits(text, 14, 2);
    auto second = Digits(text, 17, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    int32_t micros = 0;
    if (text.size() > 19) {
        const size_t digits = text.size() - 20;
        auto fraction = text[19] == '.' && digits >= 1 && digits <= 6 ? Digits(text, 20, digits) : std::nullopt;
        if (!fraction) {
            return std::nullopt;
        }
        micros = *fraction;
        for (size_t i = digits; i < 6; ++i) {
            micros *= 10;
        }
    }
    return duckdb_timestamp_struct{
        *date, {static_cast<int8_t>(*hour), static_cast<int8_t>(*minute), static_cast<int8_t>(*second), micros}};
}

// Whether the calendar has that day (2026-02-31 does not: its text is left to DuckDB, which
// refuses it as it always did; duckdb_to_date would not).
bool Exists(const duckdb_date_struct& date) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int y = date.year;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int days = date.month == 2 && leap ? 29 : kDays[date.month - 1];
    return y >= 1 && date.day <= days;
}

template <typename T>
bool Fits(int64_t v) {
    return v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max();
}

duckdb_state BindInteger(duckdb_prepared_statement p, idx_t i, duckdb_type type, int64_t v) {
    switch (type) {
        case DUCKDB_TYPE_TINYINT:
            if (Fits<int8_t>(v)) {
                return duckdb_bind_int8(p, i, static_cast<int8_t>(v));
            }
            break;
        case DUCKDB_TYPE_SMALLINT:
            if (Fits<int16_t>(v)) {
                return duckdb_bind_int16(p, i, static_cast<int16_t>(v));
            }
            break;
        case DUCKDB_TYPE_INTEGER:
            if (Fits<int32_t>(v)) {
                return duckdb_bind_int32(p, i, static_cast<int32_t>(v));
            }
            break;
        case DUCKDB_TYPE_DOUBLE:
            if (v >= -(int64_t{1} << 53) && v <= (int64_t{1} << 53)) {
                return duckdb_bind_double(p, i, static_cast<double>(v));
            }
            break;
        default: break;
    }
    return duckdb_bind_int64(p, i, v);
}

duckdb_state BindText(duckdb_prepared_statement p, idx_t i, duckdb_type type, const std::string& text) {
    if (type == DUCKDB_TYPE_DATE) {
        if (auto date = ParseDate(text); date && text.size() == 10 && Exists(*date)) {
            return duckdb_bind_date(p, i, duckdb_to_date(*date));
        }
    } else if (type == DUCKDB_TYPE_TIMESTAMP) {
        if (auto ts = text.size() == 10 ? std::nullopt : ParseTimestamp(text); ts && Exists(ts->date)) {
            return duckdb_bind_timestamp(p, i, duckdb_to_timestamp(*ts));
        }
    }
    return duckdb_bind_varchar_length(p, i, text.data(), text.size());
}

// Binds NULL with the type of its placeholder. DuckDB's plain NULL has a type of its own, which
// differs from every placeholder's and so makes the statement bound and planned again; the C API
// has no typed NULL, but the one element of a list of that type, made from a NULL, is one.
duckdb_state BindNull(duckdb_prepared_statement p, idx_t i) {
    DuckLogicalType type;
    *type.Out() = duckdb_param_logical_type(p, i);
    const duckdb_type id = type ? duckdb_get_type_id(type.Get()) : DUCKDB_TYPE_INVALID;
    if (id == DUCKDB_TYPE_INVALID || id == DUCKDB_TYPE_ANY || id == DUCKDB_TYPE_SQLNULL) {
        return duckdb_bind_null(p, i);
    }
    DuckValue null;
    *null.Out() = duckdb_create_null_value();
    duckdb_value element = null.Get();
    DuckValue list;
    *list.Out() = duckdb_create_list_value(type.Get(), &element, 1);
    DuckValue typed;
    if (list) {
        *typed.Out() = duckdb_get_list_child(list.Get(), 0);
    }
    return typed ? duckdb_bind_value(p, i, typed.Get()) : duckdb_bind_null(p, i);
}

}  // namespace

idx_t BindParameters(duckdb_prepared_statement prepared, const std::vector<Value>& params) {
    for (idx_t i = 0; i < params.size(); ++i) {
        const Value& v = params[i];
        const idx_t index = i + 1;
        const duckdb_type type = duckdb_param_type(prepared, index);
        duckdb_state st = DuckDBSuccess;
        if (v.IsNull()) {
            st = BindNull(prepared, index);
        } else if (v.IsBool()) {
            st = duckdb_bind_boolean(prepared, index, v.AsBool());
        } else if (v.IsInt()) {
            st = BindInteger(prepared, index, type, v.AsInt());
        } else if (v.IsDouble()) {
            st = type == DUCKDB_TYPE_FLOAT ? duckdb_bind_float(prepared, index, static_cast<float>(v.AsDouble()))
                                           : duckdb_bind_double(prepared, index, v.AsDouble());
        } else {
            st = BindText(prepared, index, type, v.AsText());
        }
        if (st != DuckDBSuccess) {
            return index;
        }
    }
    return 0;
}

}  // namespace hf::db
