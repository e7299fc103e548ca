#include "db/postgres_warehouse.h"

#include "common/error.h"
#include "common/strings.h"

namespace hf::db {

namespace {

ColumnInfo DescribePgColumn(std::string name, unsigned oid, int typmod) {
    ColumnInfo col;
    col.name = std::move(name);
    switch (oid) {
        case 16: col.type = LogicalType::BOOLEAN; col.type_name = "boolean"; break;
        case 20: col.type = LogicalType::INTEGER; col.type_name = "bigint"; break;
        case 21: col.type = LogicalType::INTEGER; col.type_name = "smallint"; break;
        case 23: col.type = LogicalType::INTEGER; col.type_name = "integer"; break;
        case 26: col.type = LogicalType::INTEGER; col.type_name = "oid"; break;
        case 700: col.type = LogicalType::DOUBLE; col.type_name = "real"; break;
        case 701: col.type = LogicalType::DOUBLE; col.type_name = "double precision"; break;
        case 1700:
            col.type = LogicalType::DECIMAL;
            col.type_name = typmod >= 4 ? "numeric(" + std::to_string(((typmod - 4) >> 16) & 0xffff) + "," +
                                              std::to_string((typmod - 4) & 0xffff) + ")"
                                        : "numeric";
            break;
        case 18: case 19: case 25: case 1042: case 1043:
            col.type = LogicalType::VARCHAR;
            col.type_name = oid == 1043 ? "character varying" : oid == 1042 ? "character" : "text";
            break;
        case 1082: col.type = LogicalType::DATE; col.type_name = "date"; break;
        case 1114: col.type = LogicalType::TIMESTAMP; col.type_name = "timestamp without time zone"; break;
        case 1184: col.type = LogicalType::TIMESTAMPTZ; col.type_name = "timestamp with time zone"; break;
        default: col.type = LogicalType::OTHER; col.type_name = "oid " + std::to_string(oid); break;
    }
    return col;
}

std::vector<std::optional<std::string>> TextParams(const std::vector<Value>& params) {
    std::vector<std::optional<std::string>> out;
    out.reserve(params.size());
    for (const auto& p : params) {
        out.push_back(p.ToText());
    }
    return out;
}

std::string StripTrailingSemicolons(std::string_view sql) {
    std::string s(Trim(sql));
    while (!s.empty() && (s.back() == ';' || s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) {
        s.pop_back();
    }
    return s;
}

// COPY text format: backslash escapes, \N for NULL.
void AppendCopyField(std::string& out, const Value& v) {
    if (v.IsNull()) {
        out += "\\N";
        return;
    }
    if (!v.IsText()) {
        out += *v.ToText();
        return;
    }
    for (char c : v.AsText()) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += c; break;
        }
    }
}

// Buffers rows in COPY text format and sends them with one COPY per few megabytes.
class PgBulkAppender final : public BulkAppender {
public:
    PgBulkAppender(pg::Connection& conn, std::string table, size_t columns)
        : conn_(conn), table_(std::move(table)), columns_(columns) {}

    void AppendRow(const std::vector<Value>& row) override {
        if (row.size() != columns_) {
            throw Error(ErrorKind::INTERNAL, "row of " + std::to_string(row.size()) + " values appended to " + table_ +
                                                 " which has " + std::to_string(columns_) + " columns");
        }
        for (size_t i = 0; i < row.size(); ++i) {
            if (i > 0) {
                buffer_ += '\t';
            }
            AppendCopyField(buffer_, row[i]);
        }
        buffer_ += '\n';
        ++rows_;
        if (buffer_.size() >= kFlushBytes) {
            Flush();
        }
    }

    void Close() override { Flush(); }
    int64_t RowsAppended() const override { return rows_; }

private:
    static constexpr size_t kFlushBytes = 4 << 20;

    void Flush() {
        if (buffer_.empty()) {
            return;
        }
        bool sent = false;
        conn_.CopyIn("COPY " + table_ + " FROM STDIN", [&](std::string& chunk) {
            if (sent) {
                return false;
            }
            chunk.swap(buffer_);
            sent = true;
            return true;
        });
        buffer_.clear();
    }

    pg::Connection& conn_;
    std::string table_;
    size_t columns_;
    std::string buffer_;
    int64_t rows_ = 0;
};

}  // namespace

ResultSet ToResultSet(const pg::QueryResult& result) {
    std::vector<ColumnInfo> columns;
    for (int c = 0; c < result.Columns(); ++c) {
        columns.push_back(DescribePgColumn(std::string(result.ColumnName(c)), result.ColumnTypeOid(c),
                                           result.ColumnTypeModifier(c)));
    }
    ResultSet out(columns);
    for (int r = 0; r < result.Rows(); ++r) {
        for (int c = 0; c < result.Columns(); ++c) {
            if (result.IsNull(r, c)) {
                out.AddCell(std::nullopt);
            } else if (columns[c].type == LogicalType::BOOLEAN) {
                out.AddCell(std::string(result.Get(r, c) == "t" ? "true" : "false"));
            } else {
                out.AddCell(std::string(result.Get(r, c)));
            }
        }
    }
    return out;
}

Result<std::unique_ptr<PostgresWarehouse>> PostgresWarehouse::Open(const pg::ConnectionSpec& spec) {
    auto conn = pg::Connection::Open(spec);
    if (!conn) {
        return conn.Err();
    }
    conn.Value().Exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_min_messages = warning");
    return std::unique_ptr<PostgresWarehouse>(new PostgresWarehouse(std::move(conn).Value(), spec.Redacted()));
}

const Dialect& PostgresWarehouse::GetDialect() const {
    static const Dialect kDialect{"postgres", true, false, true};
    return kDialect;
}

void PostgresWarehouse::Execute(std::string_view sql) { conn_.Exec(sql); }

ResultSet PostgresWarehouse::Query(std::string_view sql, const std::vector<Value>& params) {
    auto result = params.empty() ? conn_.Exec(sql) : conn_.ExecParams(sql, TextParams(params));
    auto out = ToResultSet(result);
    if (result.Columns() == 0) {
        out.affected_rows = result.AffectedRows();
    }
    return out;
}

int64_t PostgresWarehouse::QueryChunks(std::string_view sql, const std::vector<Value>& params,
                                       const ChunkCallback& on_chunk, size_t chunk_rows) {
    const bool own_transaction = !in_transaction_;
    const std::string cursor = "hf_cursor_" + std::to_string(++cursor_serial_);
    if (own_transaction) {
        Begin();
    }
    int64_t total = 0;
    try {
        conn_.ExecParams("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + StripTrailingSemicolons(sql),
                         TextParams(params));
        const std::string fetch = "FETCH FORWARD " + std::to_string(chunk_rows == 0 ? 1 : chunk_rows) + " FROM " + cursor;
        while (true) {
            auto rs = ToResultSet(conn_.Exec(fetch));
            if (rs.RowCount() == 0) {
                break;
            }
            total += static_cast<int64_t>(rs.RowCount());
            if (!on_chunk(rs)) {
                break;
            }
        }
        conn_.Exec("CLOSE " + cursor);
    } catch (const Error&) {
        if (own_transaction) {
            Rollback();
        }
        throw;
    }
    if (own_transaction) {
        Commit();
    }
    return total;
}

void PostgresWarehouse::Begin() {
    conn_.Exec("BEGIN");
    in_transaction_ = true;
}

void PostgresWarehouse::Commit() {
    in_transaction_ = false;
    conn_.Exec("COMMIT");
}

void PostgresWarehouse::Rollback() {
    if (!in_transaction_) {
        return;
    }
    in_transaction_ = false;
    conn_.Exec("ROLLBACK");
}

std::unique_ptr<BulkAppender> PostgresWarehouse::OpenAppender(const std::string& schema, const std::string& table) {
    auto columns = ListColumns(schema, table);
    if (columns.empty()) {
        throw Error(ErrorKind::NOT_FOUND, "cannot append to " + schema + "." + table + " in " + Describe() +
                                              ": no such table",
                    "create the table first");
    }
    return std::make_unique<PgBulkAppender>(conn_, QualifiedName(schema, table), columns.size());
}

std::vector<ColumnInfo> PostgresWarehouse::ListColumns(const std::string& schema, const std::string& name) {
    auto rs = Query(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        {schema, name});
    std::vector<ColumnInfo> out;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        out.push_back({rs.Text(r, 0), LogicalTypeFromName(rs.Text(r, 1)), rs.Text(r, 1), rs.Text(r, 2) == "true"});
    }
    return out;
}

}  // namespace hf::db
