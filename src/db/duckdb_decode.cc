#include "db/duckdb_decode.h"

#include <cinttypes>
#include <cstdio>
#include <limits>

#include "db/duckdb_handles.h"

namespace hf::db {

namespace {

using Int128 = __int128;

std::string Int128ToString(Int128 v) {
    if (v == 0) {
        return "0";
    }
    bool negative = v < 0;
    unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
    std::string digits;
    while (u > 0) {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return negative ? "-" + digits : digits;
}

std::string DecimalToString(Int128 v, uint8_t scale) {
    bool negative = v < 0;
    std::string digits = Int128ToString(v);
    if (negative) {
        digits.erase(0, 1);
    }
    if (scale > 0) {
        if (digits.size() <= scale) {
            digits.insert(0, scale - digits.size() + 1, '0');
        }
        digits.insert(digits.size() - scale, ".");
    }
    return negative ? "-" + digits : digits;
}

// "HH:MM:SS" plus ".ffffff" without trailing zeros, as PostgreSQL prints times.
std::string FormatTime(int hour, int min, int sec, int micros) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hour, min, sec);
    std::string out = buf;
    if (micros != 0) {
        std::snprintf(buf, sizeof buf, ".%06d", micros);
        std::string frac = buf;
        while (frac.back() == '0') {
            frac.pop_back();
        }
        out += frac;
    }
    return out;
}

std::string FormatDate(duckdb_date_struct d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string FormatTimestampMicros(int64_t micros) {
    if (micros == std::numeric_limits<int64_t>::max()) {
        return "infinity";
    }
    if (micros == -std::numeric_limits<int64_t>::max()) {
        return "-infinity";
    }
    auto ts = duckdb_from_timestamp(duckdb_timestamp{micros});
    return FormatDate(ts.date) + " " + FormatTime(ts.time.hour, ts.time.min, ts.time.sec, ts.time.micros);
}

std::string FormatUuid(duckdb_hugeint h) {
    uint64_t upper = static_cast<uint64_t>(h.upper) ^ (uint64_t{1} << 63);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64, upper >> 32,
                  (upper >> 16) & 0xffff, upper & 0xffff, h.lower >> 48, h.lower & uint64_t{0xffffffffffff});
    return buf;
}

std::string FormatBlob(const char* data, uint32_t len) {
    static const char* kHex = "0123456789abcdef";
    std::string out = "\\x";
    for (uint32_t i = 0; i < len; ++i) {
        auto b = static_cast<unsigned char>(data[i]);
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

std::string StringAt(void* data, idx_t row) {
    auto* s = &static_cast<duckdb_string_t*>(data)[row];
    return std::string(duckdb_string_t_data(s), duckdb_string_t_length(*s));
}

Int128 DecimalAt(void* data, idx_t row, duckdb_type internal) {
    switch (internal) {
        case DUCKDB_TYPE_SMALLINT: return static_cast<int16_t*>(data)[row];
        case DUCKDB_TYPE_INTEGER: return static_cast<int32_t*>(data)[row];
        case DUCKDB_TYPE_BIGINT: return static_cast<int64_t*>(data)[row];
        default: {
            auto h = static_cast<duckdb_hugeint*>(data)[row];
            return (static_cast<Int128>(h.upper) << 64) + static_cast<Int128>(h.lower);
        }
    }
}

// Renders the value at `row` of a vector whose type IsDecodable.
std::string RenderCell(duckdb_vector vec, duckdb_logical_type type, void* data, idx_t row) {
    switch (duckdb_get_type_id(type)) {
        case DUCKDB_TYPE_BOOLEAN: return static_cast<bool*>(data)[row] ? "true" : "false";
        case DUCKDB_TYPE_TINYINT: return std::to_string(static_cast<int8_t*>(data)[row]);
        case DUCKDB_TYPE_SMALLINT: return std::to_string(static_cast<int16_t*>(data)[row]);
        case DUCKDB_TYPE_INTEGER: return std::to_string(static_cast<int32_t*>(data)[row]);
        case DUCKDB_TYPE_BIGINT: return std::to_string(static_cast<int64_t*>(data)[row]);
        case DUCKDB_TYPE_UTINYINT: return std::to_string(static_cast<uint8_t*>(data)[row]);
        case DUCKDB_TYPE_USMALLINT: return std::to_string(static_cast<uint16_t*>(data)[row]);
        case DUCKDB_TYPE_UINTEGER: return std::to_string(static_cast<uint32_t*>(data)[row]);
        case DUCKDB_TYPE_UBIGINT: return std::to_string(static_cast<uint64_t*>(data)[row]);
        case DUCKDB_TYPE_HUGEINT: return Int128ToString(DecimalAt(data, row, DUCKDB_TYPE_HUGEINT));
        case DUCKDB_TYPE_FLOAT: return FormatDouble(static_cast<double>(static_cast<float*>(data)[row]));
        case DUCKDB_TYPE_DOUBLE: return FormatDouble(static_cast<double*>(data)[row]);
        case DUCKDB_TYPE_DECIMAL:
            return DecimalToString(DecimalAt(data, row, duckdb_decimal_internal_type(type)), duckdb_decimal_scale(type));
        case DUCKDB_TYPE_VARCHAR: return StringAt(data, row);
        case DUCKDB_TYPE_BLOB: {
            auto* s = &static_cast<duckdb_string_t*>(data)[row];
            return FormatBlob(duckdb_string_t_data(s), duckdb_string_t_length(*s));
        }
        case DUCKDB_TYPE_DATE: {
            int32_t days = static_cast<duckdb_date*>(data)[row].days;
            if (days == std::numeric_limits<int32_t>::max()) {
                return "infinity";
            }
            if (days == -std::numeric_limits<int32_t>::max()) {
                return "-infinity";
            }
            return FormatDate(duckdb_from_date(duckdb_date{days}));
        }
        case DUCKDB_TYPE_TIME: {
            auto t = duckdb_from_time(static_cast<duckdb_time*>(data)[row]);
            return FormatTime(t.hour, t.min, t.sec, t.micros);
        }
        case DUCKDB_TYPE_TIMESTAMP: return FormatTimestampMicros(static_cast<int64_t*>(data)[row]);
        case DUCKDB_TYPE_TIMESTAMP_TZ: return FormatTimestampMicros(static_cast<int64_t*>(data)[row]) + "+00";
        case DUCKDB_TYPE_TIMESTAMP_S: return FormatTimestampMicros(static_cast<int64_t*>(data)[row] * 1000000);
        case DUCKDB_TYPE_TIMESTAMP_MS: return FormatTimestampMicros(static_cast<int64_t*>(data)[row] * 1000);
        case DUCKDB_TYPE_TIMESTAMP_NS: return FormatTimestampMicros(static_cast<int64_t*>(data)[row] / 1000);
        case DUCKDB_TYPE_UUID: return FormatUuid(static_cast<duckdb_hugeint*>(data)[row]);
        case DUCKDB_TYPE_ENUM: {
            idx_t index = 0;
            switch (duckdb_enum_internal_type(type)) {
                case DUCKDB_TYPE_UTINYINT: index = static_cast<uint8_t*>(data)[row]; break;
                case DUCKDB_TYPE_USMALLINT: index = static_cast<uint16_t*>(data)[row]; break;
                default: index = static_cast<uint32_t*>(data)[row]; break;
            }
            char* text = duckdb_enum_dictionary_value(type, index);
            std::string out = text != nullptr ? text : "";
            duckdb_free(text);
            return out;
        }
        default: (void)vec; return "";
    }
}

}  // namespace

bool IsDecodable(duckdb_type type) {
    switch (type) {
        case DUCKDB_TYPE_BOOLEAN: case DUCKDB_TYPE_TINYINT: case DUCKDB_TYPE_SMALLINT: case DUCKDB_TYPE_INTEGER:
        case DUCKDB_TYPE_BIGINT: case DUCKDB_TYPE_UTINYINT: case DUCKDB_TYPE_USMALLINT: case DUCKDB_TYPE_UINTEGER:
        case DUCKDB_TYPE_UBIGINT: case DUCKDB_TYPE_HUGEINT: case DUCKDB_TYPE_FLOAT: case DUCKDB_TYPE_DOUBLE:
        case DUCKDB_TYPE_DECIMAL: case DUCKDB_TYPE_VARCHAR: case DUCKDB_TYPE_BLOB: case DUCKDB_TYPE_DATE:
        case DUCKDB_TYPE_TIME: case DUCKDB_TYPE_TIMESTAMP: case DUCKDB_TYPE_TIMESTAMP_TZ: case DUCKDB_TYPE_TIMESTAMP_S:
        case DUCKDB_TYPE_TIMESTAMP_MS: case DUCKDB_TYPE_TIMESTAMP_NS: case DUCKDB_TYPE_UUID: case DUCKDB_TYPE_ENUM:
            return true;
        default: return false;
    }
}

ColumnInfo DescribeColumn(const char* name, duckdb_logical_type type) {
    ColumnInfo col;
    col.name = name != nullptr ? name : "";
    switch (duckdb_get_type_id(type)) {
        case DUCKDB_TYPE_BOOLEAN: col.type = LogicalType::BOOLEAN; col.type_name = "BOOLEAN"; break;
        case DUCKDB_TYPE_TINYINT: col.type = LogicalType::INTEGER; col.type_name = "TINYINT"; break;
        case DUCKDB_TYPE_SMALLINT: col.type = LogicalType::INTEGER; col.type_name = "SMALLINT"; break;
        case DUCKDB_TYPE_INTEGER: col.type = LogicalType::INTEGER; col.type_name = "INTEGER"; break;
        case DUCKDB_TYPE_BIGINT: col.type = LogicalType::INTEGER; col.type_name = "BIGINT"; break;
        case DUCKDB_TYPE_UTINYINT: col.type = LogicalType::INTEGER; col.type_name = "UTINYINT"; break;
        case DUCKDB_TYPE_USMALLINT: col.type = LogicalType::INTEGER; col.type_name = "USMALLINT"; break;
        case DUCKDB_TYPE_UINTEGER: col.type = LogicalType::INTEGER; col.type_name = "UINTEGER"; break;
        case DUCKDB_TYPE_UBIGINT: col.type = LogicalType::OTHER; col.type_name = "UBIGINT"; break;
        case DUCKDB_TYPE_HUGEINT: col.type = LogicalType::OTHER; col.type_name = "HUGEINT"; break;
        case DUCKDB_TYPE_FLOAT: col.type = LogicalType::DOUBLE; col.type_name = "FLOAT"; break;
        case DUCKDB_TYPE_DOUBLE: col.type = LogicalType::DOUBLE; col.type_name = "DOUBLE"; break;
        case DUCKDB_TYPE_DECIMAL:
            col.type = LogicalType::DECIMAL;
            col.type_name = "DECIMAL(" + std::to_string(duckdb_decimal_width(type)) + "," +
                            std::to_string(duckdb_decimal_scale(type)) + ")";
            break;
        case DUCKDB_TYPE_VARCHAR: col.type = LogicalType::VARCHAR; col.type_name = "VARCHAR"; break;
        case DUCKDB_TYPE_DATE: col.type = LogicalType::DATE; col.type_name = "DATE"; break;
        case DUCKDB_TYPE_TIMESTAMP: col.type = LogicalType::TIMESTAMP; col.type_name = "TIMESTAMP"; break;
        case DUCKDB_TYPE_TIMESTAMP_S: col.type = LogicalType::TIMESTAMP; col.type_name = "TIMESTAMP_S"; break;
        case DUCKDB_TYPE_TIMESTAMP_MS: col.type = LogicalType::TIMESTAMP; col.type_name = "TIMESTAMP_MS"; break;
        case DUCKDB_TYPE_TIMESTAMP_NS: col.type = LogicalType::TIMESTAMP; col.type_name = "TIMESTAMP_NS"; break;
        case DUCKDB_TYPE_TIMESTAMP_TZ: col.type = LogicalType::TIMESTAMPTZ; col.type_name = "TIMESTAMPTZ"; break;
        case DUCKDB_TYPE_TIME: col.type = LogicalType::OTHER; col.type_name = "TIME"; break;
        case DUCKDB_TYPE_BLOB: col.type = LogicalType::OTHER; col.type_name = "BLOB"; break;
        case DUCKDB_TYPE_UUID: col.type = LogicalType::OTHER; col.type_name = "UUID"; break;
        case DUCKDB_TYPE_ENUM: col.type = LogicalType::VARCHAR; col.type_name = "ENUM"; break;
        case DUCKDB_TYPE_INTERVAL: col.type = LogicalType::OTHER; col.type_name = "INTERVAL"; break;
        case DUCKDB_TYPE_LIST: col.type = LogicalType::OTHER; col.type_name = "LIST"; break;
        case DUCKDB_TYPE_STRUCT: col.type = LogicalType::OTHER; col.type_name = "STRUCT"; break;
        case DUCKDB_TYPE_MAP: col.type = LogicalType::OTHER; col.type_name = "MAP"; break;
        default: col.type = LogicalType::OTHER; col.type_name = "OTHER"; break;
    }
    return col;
}

void DecodeChunk(duckdb_data_chunk chunk, ResultSet& out) {
    idx_t rows = duckdb_data_chunk_get_size(chunk);
    idx_t cols = duckdb_data_chunk_get_column_count(chunk);
    std::vector<duckdb_vector> vectors(cols);
    std::vector<DuckLogicalType> types(cols);
    std::vector<void*> data(cols);
    std::vector<uint64_t*> validity(cols);
    for (idx_t c = 0; c < cols; ++c) {
        vectors[c] = duckdb_data_chunk_get_vector(chunk, c);
        *types[c].Out() = duckdb_vector_get_column_type(vectors[c]);
        data[c] = duckdb_vector_get_data(vectors[c]);
        validity[c] = duckdb_vector_get_validity(vectors[c]);
    }
    for (idx_t r = 0; r < rows; ++r) {
        for (idx_t c = 0; c < cols; ++c) {
            if (validity[c] != nullptr && !duckdb_validity_row_is_valid(validity[c], r)) {
                out.AddCell(std::nullopt);
            } else {
                out.AddCell(RenderCell(vectors[c], types[c].Get(), data[c], r));
            }
        }
    }
}

}  // namespace hf::db
