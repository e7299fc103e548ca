#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace hf::pg {

// Where and how to connect to a PostgreSQL server.
struct ConnectionSpec {
    std::string url;                      // postgresql://user@host:port/db or key=value pairs
    std::optional<std::string> password;  // overrides any password in url
    std::string application_name = "healthflow";
    int connect_timeout_seconds = 10;

    // url without any password, for messages and logs.
    std::string Redacted() const;
};

// One query's result set. Move-only owner of a PGresult; not thread-safe.
class QueryResult {
public:
    explicit QueryResult(PGresult* res) : res_(res, &PQclear) {}

    int Rows() const { return PQntuples(res_.get()); }
    int Columns() const { return PQnfields(res_.get()); }
    std::string_view ColumnName(int col) const { return PQfname(res_.get(), col); }
    // The column's type OID (23 int4, 1700 numeric, 1184 timestamptz, ...).
    unsigned ColumnTypeOid(int col) const { return PQftype(res_.get(), col); }
    // The column's type modifier (numeric precision/scale, varchar length), -1 when none.
    int ColumnTypeModifier(int col) const { return PQfmod(res_.get(), col); }
    bool IsNull(int row, int col) const { return PQgetisnull(res_.get(), row, col) != 0; }
    // Text of a field ("" for NULL).
    std::string_view Get(int row, int col) const {
        return {PQgetvalue(res_.get(), row, col), static_cast<size_t>(PQgetlength(res_.get(), row, col))};
    }
    std::optional<std::string> GetOptional(int row, int col) const {
        if (IsNull(row, col)) {
            return std::nullopt;
        }
        return std::string(Get(row, col));
    }
    long long GetInt(int row, int col) const;
    double GetDouble(int row, int col) const;
    // Rows affected by an INSERT/UPDATE/DELETE.
    long long AffectedRows() const;

private:
    std::unique_ptr<PGresult, decltype(&PQclear)> res_;
};

// A connection to PostgreSQL. Move-only owner of a PGconn; use from one thread at a time.
// Every failure throws hf::Error carrying the server's message, the SQLSTATE and a hint;
// connection losses and serialization failures are retryable.
class Connection {
public:
    // Opens a connection; UNAVAILABLE when the server cannot be reached, INVALID_INPUT when
    // the credentials are refused.
    static Result<Connection> Open(const ConnectionSpec& spec);

    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;

    // Runs one or more statements without parameters.
    QueryResult Exec(std::string_view sql);
    // Runs one statement with text parameters ($1, $2, ...); nullopt is SQL NULL.
    QueryResult ExecParams(std::string_view sql, const std::vector<std::optional<std::string>>& params);

    // Streams COPY ... FROM STDIN: `produce` appends the next chunk of data to its argument
    // and returns false when there is nothing more. The COPY is aborted if `produce` throws.
    long long CopyIn(std::string_view copy_sql, const std::function<bool(std::string&)>& produce);
    // Streams COPY ... TO STDOUT, handing each row's bytes to `consume`. Returns the row count.
    long long CopyOut(std::string_view copy_sql, const std::function<void(std::string_view)>& consume);

    // Quotes an identifier or a literal for this connection's server.
    std::string QuoteIdentifier(std::string_view name);
    std::string QuoteLiteral(std::string_view value);

    // Server version as an integer (150018 for 15.18).
    int ServerVersion() const { return PQserverVersion(conn_.get()); }
    PGconn* Raw() { return conn_.get(); }

private:
    explicit Connection(PGconn* conn, std::string where) : conn_(conn, &PQfinish), where_(std::move(where)) {}
    [[noreturn]] void Fail(const PGresult* res, std::string_view sql);

    std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
    std::string where_;  // redacted URL, for messages
};

// Runs `body` inside BEGIN/COMMIT; rolls back if it throws, then rethrows.
void WithTransaction(Connection& conn, const std::function<void()>& body,
                     std::string_view begin_sql = "BEGIN");

}  // namespace hf::pg
