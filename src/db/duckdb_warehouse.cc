#include "db/duckdb_warehouse.h"

#include <limits>

#include "common/error.h"
#include "common/fs.h"
#include "common/strings.h"
#include "db/duckdb_binding.h"
#include "db/duckdb_decode.h"

namespace hf::db {

namespace {

// Classifies DuckDB's "<Kind> Error: ..." messages.
ErrorKind KindOfMessage(std::string_view message) {
    if (StartsWith(message, "Catalog Error")) {
        return ErrorKind::NOT_FOUND;
    }
    if (StartsWith(message, "Constraint Error") || StartsWith(message, "Conversion Error") ||
        StartsWith(message, "Out of Range Error") || StartsWith(message, "Invalid Input Error")) {
        return ErrorKind::DATA;
    }
    if (StartsWith(message, "TransactionContext Error") || StartsWith(message, "Transaction Error")) {
        return ErrorKind::CONFLICT;
    }
    if (StartsWith(message, "IO Error")) {
        return ErrorKind::IO;
    }
    if (StartsWith(message, "INTERRUPT Error") || StartsWith(message, "Interrupt Error")) {
        return ErrorKind::TIMEOUT;
    }
    if (StartsWith(message, "INTERNAL Error") || StartsWith(message, "FATAL Error")) {
        return ErrorKind::INTERNAL;
    }
    return ErrorKind::INVALID_INPUT;
}

std::string HintFor(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::NOT_FOUND: return "check the schema and table names (`.tables` in `healthflow shell` lists them)";
        case ErrorKind::DATA: return "a value does not fit its column or breaks a constraint; fix the data";
        case ErrorKind::CONFLICT: return "another transaction changed the same rows; run the operation again";
        case ErrorKind::INVALID_INPUT: return "check the SQL statement";
        default: return "";
    }
}

std::string Abbreviate(std::string_view sql) {
    std::string s(Trim(sql));
    return s.size() > 160 ? s.substr(0, 160) + "..." : s;
}

std::string StripTrailingSemicolons(std::string_view sql) {
    std::string s(Trim(sql));
    while (!s.empty() && (s.back() == ';' || s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) {
        s.pop_back();
    }
    return s;
}

// Appends rows through DuckDB's appender; values are converted to the column types by DuckDB.
class DuckBulkAppender final : public BulkAppender {
public:
    DuckBulkAppender(DuckAppender appender, std::string table)
        : appender_(std::move(appender)), table_(std::move(table)),
          columns_(duckdb_appender_column_count(appender_.Get())) {}

    void AppendRow(const std::vector<Value>& row) override {
        if (row.size() != columns_) {
            throw Error(ErrorKind::INTERNAL, "row of " + std::to_string(row.size()) + " values appended to " + table_ +
                                                 " which has " + std::to_string(columns_) + " columns");
        }
        for (const auto& v : row) {
            duckdb_state st = DuckDBSuccess;
            if (v.IsNull()) {
                st = duckdb_append_null(appender_.Get());
            } else if (v.IsBool()) {
                st = duckdb_append_bool(appender_.Get(), v.AsBool());
            } else if (v.IsInt()) {
                st = duckdb_append_int64(appender_.Get(), v.AsInt());
            } else if (v.IsDouble()) {
                st = duckdb_append_double(appender_.Get(), v.AsDouble());
            } else {
                st = duckdb_append_varchar_length(appender_.Get(), v.AsText().data(), v.AsText().size());
            }
            Check(st, "append a value to");
        }
        Check(duckdb_appender_end_row(appender_.Get()), "end a row of");
        ++rows_;
    }

    void Close() override {
        if (closed_) {
            return;
        }
        closed_ = true;
        Check(duckdb_appender_close(appender_.Get()), "flush rows into");
    }

    int64_t RowsAppended() const override { return rows_; }

private:
    void Check(duckdb_state st, std::string_view what) {
        if (st == DuckDBSuccess) {
            return;
        }
        const char* err = duckdb_appender_error(appender_.Get());
        std::string message = err != nullptr ? err : "unknown error";
        throw Error(ErrorKind::DATA, "cannot " + std::string(what) + " " + table_ + " (row " +
                                         std::to_string(rows_ + 1) + "): " + message,
                    "the value does not fit the column's type; roll back the transaction and fix the data");
    }

    DuckAppender appender_;
    std::string table_;
    idx_t columns_;
    int64_t rows_ = 0;
    bool closed_ = false;
};

}  // namespace

Result<std::unique_ptr<DuckDbWarehouse>> DuckDbWarehouse::Open(const std::filesystem::path& path,
                                                               const OpenOptions& options) {
    std::string where = path.string();
    if (where != ":memory:") {
        if (options.read_only && !std::filesystem::exists(path)) {
            return Error(ErrorKind::NOT_FOUND, "the warehouse file " + where + " does not exist",
                         "run `healthflow load` first, or check warehouse.path");
        }
        if (path.has_parent_path()) {
            if (auto st = EnsureDirectory(path.parent_path()); !st) {
                return st.Err();
            }
        }
    }
    auto instance = where == ":memory:" ? PrivateDuckInstance() : SharedDuckInstance(path, options.read_only);
    if (!instance) {
        return instance.Err();
    }
    auto connection = ConnectDuckInstance(*instance.Value(), where);
    if (!connection) {
        return connection.Err();
    }
    return std::unique_ptr<DuckDbWarehouse>(
        new DuckDbWarehouse(where, std::move(instance).Value(), std::move(connection).Value()));
}

const Dialect& DuckDbWarehouse::GetDialect() const {
    static const Dialect kDialect{"duckdb", true, true, true};
    return kDialect;
}

void DuckDbWarehouse::Fail(std::string_view what, std::string_view message, duckdb_error_type type,
                           std::string_view sql) {
    ErrorKind kind = KindOfMessage(message);
    if (type == DUCKDB_ERROR_CONSTRAINT || type == DUCKDB_ERROR_CONVERSION || type == DUCKDB_ERROR_OUT_OF_RANGE) {
        kind = ErrorKind::DATA;
    }
    throw Error(kind, std::string(what) + " failed on " + Describe() + ": " + std::string(message) + "\n  in: " +
                          Abbreviate(sql),
                HintFor(kind));
}

void DuckDbWarehouse::Execute(std::string_view sql) {
    DuckResult result;
    std::string text(sql);
    if (duckdb_query(connection_.Get(), text.c_str(), result.Out()) != DuckDBSuccess) {
        const char* err = duckdb_result_error(result.Get());
        Fail("statement", err != nullptr ? err : "unknown error", duckdb_result_error_type(result.Get()), sql);
    }
}

DuckPrepared DuckDbWarehouse::PrepareText(std::string_view sql) {
    DuckPrepared prepared;
    std::string text(sql);
    if (duckdb_prepare(connection_.Get(), text.c_str(), prepared.Out()) != DuckDBSuccess) {
        const char* err = duckdb_prepare_error(prepared.Get());
        Fail("query", err != nullptr ? err : "unknown error", DUCKDB_ERROR_INVALID, sql);
    }
    bool wrap = false;
    if (duckdb_prepared_statement_type(prepared.Get()) == DUCKDB_STATEMENT_TYPE_SELECT) {
        for (idx_t c = 0; c < duckdb_prepared_statement_column_count(prepared.Get()); ++c) {
            wrap = wrap || !IsDecodable(duckdb_prepared_statement_column_type(prepared.Get(), c));
        }
    }
    if (wrap) {
        std::string wrapped = "SELECT COLUMNS(*)::VARCHAR FROM (" + StripTrailingSemicolons(sql) + ") AS hf_as_text";
        if (duckdb_prepare(connection_.Get(), wrapped.c_str(), prepared.Out()) != DuckDBSuccess) {
            const char* err = duckdb_prepare_error(prepared.Get());
            Fail("query", err != nullptr ? err : "unknown error", DUCKDB_ERROR_INVALID, sql);
        }
    }
    return prepared;
}

duckdb_prepared_statement DuckDbWarehouse::Prepare(std::string_view sql, const std::vector<Value>& params,
                                                   DuckPrepared& local) {
    duckdb_prepared_statement prepared = nullptr;
    auto it = max_kept_ > 0 ? kept_.find(std::string(sql)) : kept_.end();
    if (it != kept_.end()) {
        prepared = it->second.Get();
        duckdb_clear_bindings(prepared);
    } else {
        local = PrepareText(sql);
        prepared = local.Get();
    }
    if (duckdb_nparams(prepared) != params.size()) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "the query expects " + std::to_string(duckdb_nparams(prepared)) + " parameter(s) but " +
                        std::to_string(params.size()) + " were given\n  in: " + Abbreviate(sql),
                    "pass one value per $n placeholder");
    }
    if (idx_t refused = BindParameters(prepared, params); refused != 0) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "cannot bind parameter $" + std::to_string(refused) + " of " + Abbreviate(sql),
                    "check the parameter's type");
    }
    return local && max_kept_ > 0 ? Keep(sql, std::move(local)) : prepared;
}

duckdb_prepared_statement DuckDbWarehouse::Keep(std::string_view sql, DuckPrepared prepared) {
    DropOldestKept(max_kept_ - 1);
    kept_order_.emplace_back(sql);
    return kept_.insert_or_assign(std::string(sql), std::move(prepared)).first->second.Get();
}

void DuckDbWarehouse::KeepPreparedStatements(size_t max_statements) {
    max_kept_ = max_statements;
    DropOldestKept(max_kept_);
}

void DuckDbWarehouse::DropOldestKept(size_t keep) {
    while (kept_.size() > keep && !kept_order_.empty()) {
        kept_.erase(kept_order_.front());
        kept_order_.erase(kept_order_.begin());
    }
}

int64_t DuckDbWarehouse::Run(duckdb_prepared_statement prepared, std::string_view sql, bool streaming, ResultSet& buffer,
                             const ChunkCallback* on_chunk, size_t chunk_rows) {
    DuckResult result;
    duckdb_state st = streaming ? duckdb_execute_prepared_streaming(prepared, result.Out())
                                : duckdb_execute_prepared(prepared, result.Out());
    if (st != DuckDBSuccess) {
        const char* err = duckdb_result_error(result.Get());
        Fail("query", err != nullptr ? err : "unknown error", duckdb_result_error_type(result.Get()), sql);
    }
    std::vector<ColumnInfo> columns;
    for (idx_t c = 0; c < duckdb_column_count(result.Get()); ++c) {
        DuckLogicalType type;
        *type.Out() = duckdb_column_logical_type(result.Get(), c);
        columns.push_back(DescribeColumn(duckdb_column_name(result.Get(), c), type.Get()));
    }
    buffer = ResultSet(std::move(columns));
    if (duckdb_result_return_type(*result.Get()) == DUCKDB_RESULT_TYPE_CHANGED_ROWS) {
        buffer.affected_rows = static_cast<int64_t>(duckdb_rows_changed(result.Get()));
    }
    int64_t total = 0;
    bool keep_going = true;
    while (keep_going) {
        DuckChunk chunk;
        *chunk.Out() = duckdb_fetch_chunk(*result.Get());
        if (!chunk) {
            break;
        }
        size_t before = buffer.RowCount();
        DecodeChunk(chunk.Get(), buffer);
        total += static_cast<int64_t>(buffer.RowCount() - before);
        if (on_chunk != nullptr && buffer.RowCount() >= chunk_rows) {
            keep_going = (*on_chunk)(buffer);
            buffer.Clear();
        }
    }
    const char* err = duckdb_result_error(result.Get());
    if (err != nullptr) {
        Fail("query", err, duckdb_result_error_type(result.Get()), sql);
    }
    if (keep_going && on_chunk != nullptr && buffer.RowCount() > 0) {
        (*on_chunk)(buffer);
        buffer.Clear();
    }
    return total;
}

ResultSet DuckDbWarehouse::Query(std::string_view sql, const std::vector<Value>& params) {
    ResultSet out;
    if (!params.empty() || (max_kept_ > 0 && kept_.contains(std::string(sql)))) {
        DuckPrepared local;
        Run(Prepare(sql, params, local), sql, false, out, nullptr, 0);
        return out;
    }
    // Without parameters the text may hold several statements: run them all, return the last result.
    DuckExtracted extracted;
    std::string text(sql);
    idx_t count = duckdb_extract_statements(connection_.Get(), text.c_str(), extracted.Out());
    if (count == 0) {
        const char* err = duckdb_extract_statements_error(extracted.Get());
        if (err == nullptr) {
            return out;
        }
        Fail("query", err, DUCKDB_ERROR_PARSER, sql);
    }
    for (idx_t i = 0; i < count; ++i) {
        DuckPrepared prepared;
        if (duckdb_prepare_extracted_statement(connection_.Get(), extracted.Get(), i, prepared.Out()) !=
            DuckDBSuccess) {
            const char* err = duckdb_prepare_error(prepared.Get());
            Fail("query", err != nullptr ? err : "unknown error", DUCKDB_ERROR_INVALID, sql);
        }
        if (i + 1 < count) {
            Run(prepared.Get(), sql, false, out, nullptr, 0);
            continue;
        }
        bool decodable = true;
        if (duckdb_prepared_statement_type(prepared.Get()) == DUCKDB_STATEMENT_TYPE_SELECT) {
            for (idx_t c = 0; c < duckdb_prepared_statement_column_count(prepared.Get()); ++c) {
                decodable = decodable && IsDecodable(duckdb_prepared_statement_column_type(prepared.Get(), c));
            }
        }
        if (!decodable && count == 1) {
            DuckPrepared local;
            Run(Prepare(sql, params, local), sql, false, out, nullptr, 0);
        } else if (count == 1 && max_kept_ > 0) {
            Run(Keep(sql, std::move(prepared)), sql, false, out, nullptr, 0);
        } else {
            Run(prepared.Get(), sql, false, out, nullptr, 0);
        }
    }
    return out;
}

int64_t DuckDbWarehouse::QueryChunks(std::string_view sql, const std::vector<Value>& params,
                                     const ChunkCallback& on_chunk, size_t chunk_rows) {
    DuckPrepared local;
    auto prepared = Prepare(sql, params, local);
    ResultSet buffer;
    return Run(prepared, sql, true, buffer, &on_chunk, chunk_rows == 0 ? 1 : chunk_rows);
}

void DuckDbWarehouse::Begin() {
    Execute("BEGIN TRANSACTION");
    in_transaction_ = true;
}

void DuckDbWarehouse::Commit() {
    in_transaction_ = false;
    Execute("COMMIT");
}

void DuckDbWarehouse::Rollback() {
    if (!in_transaction_) {
        return;
    }
    in_transaction_ = false;
    Execute("ROLLBACK");
}

std::unique_ptr<BulkAppender> DuckDbWarehouse::OpenAppender(const std::string& schema, const std::string& table) {
    DuckAppender appender;
    if (duckdb_appender_create(connection_.Get(), schema.c_str(), table.c_str(), appender.Out()) != DuckDBSuccess) {
        const char* err = duckdb_appender_error(appender.Get());
        throw Error(ErrorKind::NOT_FOUND,
                    "cannot append to " + schema + "." + table + " in " + Describe() + ": " +
                        (err != nullptr ? err : "unknown error"),
                    "create the table first");
    }
    return std::make_unique<DuckBulkAppender>(std::move(appender), schema + "." + table);
}

std::vector<ColumnInfo> DuckDbWarehouse::ListColumns(const std::string& schema, const std::string& name) {
    auto rs = Query(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2 "
        "ORDER BY ordinal_position",
        {schema, name});
    std::vector<ColumnInfo> out;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        out.push_back({rs.Text(r, 0), LogicalTypeFromName(rs.Text(r, 1)), rs.Text(r, 1), rs.Text(r, 2) == "YES"});
    }
    return out;
}

}  // namespace hf::db
