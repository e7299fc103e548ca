#include "pg/connection.h"

#include <regex>

#include "common/strings.h"

namespace hf::pg {

namespace {

// Maps a SQLSTATE to the kind of failure and a hint for the operator.
std::pair<ErrorKind, std::string> Classify(std::string_view sqlstate) {
    std::string_view cls = sqlstate.substr(0, 2);
    if (cls == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
        return {ErrorKind::UNAVAILABLE, "the server went away; check that it is running and try again"};
    }
    if (sqlstate == "40001" || sqlstate == "40P01") {
        return {ErrorKind::UNAVAILABLE, "a concurrent transaction conflicted; running again usually succeeds"};
    }
    if (sqlstate == "57014") {
        return {ErrorKind::TIMEOUT, "the statement was cancelled after its time limit"};
    }
    if (cls == "23") {
        return {ErrorKind::DATA, "the row breaks a constraint of the table; fix the data"};
    }
    if (cls == "22") {
        return {ErrorKind::DATA, "a value does not fit its column's type"};
    }
    if (sqlstate == "53100") {
        return {ErrorKind::IO, "the database server's disk is full; free space, nothing was committed"};
    }
    if (cls == "28") {
        return {ErrorKind::INVALID_INPUT, "the server refused the credentials; check the user and password"};
    }
    if (sqlstate == "42P01" || sqlstate == "3F000" || sqlstate == "3D000") {
        return {ErrorKind::NOT_FOUND, "the object does not exist; run the migrations or check the name"};
    }
    return {ErrorKind::DATA, ""};
}

std::string FirstLine(std::string_view text) {
    auto trimmed = std::string(Trim(text));
    auto nl = trimmed.find('\n');
    return nl == std::string::npos ? trimmed : trimmed.substr(0, nl);
}

}  // namespace

std::string ConnectionSpec::Redacted() const {
    static const std::regex password_in_url(R"(://([^:/@]+):[^@]*@)");
    static const std::regex password_kv(R"(password\s*=\s*\S+)");
    std::string out = std::regex_replace(url, password_in_url, "://$1:***@");
    return std::regex_replace(out, password_kv, "password=***");
}

long long QueryResult::GetInt(int row, int col) const {
    long long v = 0;
    if (!ParseInt64(Get(row, col), v)) {
        throw Error(ErrorKind::INTERNAL, "column '" + std::string(ColumnName(col)) + "' is not an integer: '" +
                                             std::string(Get(row, col)) + "'");
    }
    return v;
}

double QueryResult::GetDouble(int row, int col) const {
    double v = 0;
    if (!ParseDouble(Get(row, col), v)) {
        throw Error(ErrorKind::INTERNAL, "column '" + std::string(ColumnName(col)) + "' is not a number: '" +
                                             std::string(Get(row, col)) + "'");
    }
    return v;
}

long long QueryResult::AffectedRows() const {
    long long v = 0;
    ParseInt64(PQcmdTuples(res_.get()), v);
    return v;
}

Result<Connection> Connection::Open(const ConnectionSpec& spec) {
    std::vector<const char*> keys = {"dbname", "application_name", "connect_timeout"};
    std::string timeout = std::to_string(spec.connect_timeout_seconds);
    std::vector<const char*> values = {spec.url.c_str(), spec.application_name.c_str(), timeout.c_str()};
    if (spec.password) {
        keys.push_back("password");
        values.push_back(spec.password->c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* raw = PQconnectdbParams(keys.data(), values.data(), 1);
    Connection conn(raw, spec.Redacted());
    if (raw == nullptr) {
        return Error(ErrorKind::INTERNAL, "libpq could not allocate a connection");
    }
    if (PQstatus(raw) != CONNECTION_OK) {
        std::string msg = FirstLine(PQerrorMessage(raw));
        std::string where = spec.Redacted();
        if (msg.find("password authentication failed") != std::string::npos ||
            msg.find("no password supplied") != std::string::npos) {
            return Error(ErrorKind::INVALID_INPUT, "PostgreSQL at " + where + " refused the login: " + msg,
                         "check the password (HEALTHFLOW_SOURCE_PASSWORD or source.password_file)");
        }
        if (msg.find("does not exist") != std::string::npos) {
            return Error(ErrorKind::NOT_FOUND, "PostgreSQL at " + where + ": " + msg,
                         "check the database and user names in the connection string");
        }
        return Error(ErrorKind::UNAVAILABLE, "cannot connect to PostgreSQL at " + where + ": " + msg,
                     "is the server running? For the private cluster run `healthflow db start`");
    }
    return conn;
}

void Connection::Fail(const PGresult* res, std::string_view sql) {
    std::string sqlstate;
    std::string message;
    std::string detail;
    if (res != nullptr) {
        const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        sqlstate = state ? state : "";
        const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        message = primary ? primary : FirstLine(PQresultErrorMessage(res));
        const char* det = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
        detail = det ? det : "";
    }
    if (message.empty()) {
        message = FirstLine(PQerrorMessage(conn_.get()));
    }
    if (PQstatus(conn_.get()) == CONNECTION_BAD && sqlstate.empty()) {
        sqlstate = "08006";
    }
    auto [kind, hint] = Classify(sqlstate);
    std::string statement = FirstLine(sql);
    if (statement.size() > 80) {
        statement = statement.substr(0, 77) + "...";
    }
    std::string full = "PostgreSQL (" + where_ + ") rejected `" + statement + "`: " + message;
    if (!detail.empty()) {
        full += " — " + detail;
    }
    if (!sqlstate.empty()) {
        full += " [SQLSTATE " + sqlstate + "]";
    }
    throw Error(kind, full, hint);
}

QueryResult Connection::Exec(std::string_view sql) {
    std::string text(sql);
    PGresult* res = PQexec(conn_.get(), text.c_str());
    QueryResult result(res);
    auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        Fail(res, sql);
    }
    return result;
}

QueryResult Connection::ExecParams(std::string_view sql, const std::vector<std::optional<std::string>>& params) {
    std::string text(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) {
        values.push_back(p ? p->c_str() : nullptr);
    }
    PGresult* res = PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    QueryResult result(res);
    auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        Fail(res, sql);
    }
    return result;
}

long long Connection::CopyIn(std::string_view copy_sql, const std::function<bool(std::string&)>& produce) {
    std::string text(copy_sql);
    {
        PGresult* res = PQexec(conn_.get(), text.c_str());
        QueryResult guard(res);
        if (PQresultStatus(res) != PGRES_COPY_IN) {
            Fail(res, copy_sql);
        }
    }
    std::string chunk;
    try {
        bool more = true;
        while (more) {
            chunk.clear();
            more = produce(chunk);
            if (!chunk.empty() &&
                PQputCopyData(conn_.get(), chunk.data(), static_cast<int>(chunk.size())) != 1) {
                Fail(nullptr, copy_sql);
            }
        }
    } catch (const std::exception& e) {
        PQputCopyEnd(conn_.get(), e.what());
        while (PGresult* r = PQgetResult(conn_.get())) {
            PQclear(r);
        }
        throw;
    }
    if (PQputCopyEnd(conn_.get(), nullptr) != 1) {
        Fail(nullptr, copy_sql);
    }
    long long rows = 0;
    bool failed = false;
    std::unique_ptr<PGresult, decltype(&PQclear)> failure(nullptr, &PQclear);
    while (PGresult* r = PQgetResult(conn_.get())) {
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            ParseInt64(PQcmdTuples(r), rows);
            PQclear(r);
        } else if (!failed) {
            failed = true;
            failure.reset(r);
        } else {
            PQclear(r);
        }
    }
    if (failed) {
        Fail(failure.get(), copy_sql);
    }
    return rows;
}

long long Connection::CopyOut(std::string_view copy_sql, const std::function<void(std::string_view)>& consume) {
    std::string text(copy_sql);
    {
        PGresult* res = PQexec(conn_.get(), text.c_str());
        QueryResult guard(res);
        if (PQresultStatus(res) != PGRES_COPY_OUT) {
            Fail(res, copy_sql);
        }
    }
    long long rows = 0;
    char* buf = nullptr;
    int n = 0;
    while ((n = PQgetCopyData(conn_.get(), &buf, 0)) > 0) {
        std::unique_ptr<char, decltype(&PQfreemem)> owned(buf, &PQfreemem);
        consume(std::string_view(buf, static_cast<size_t>(n)));
        ++rows;
    }
    if (n == -2) {
        Fail(nullptr, copy_sql);
    }
    std::unique_ptr<PGresult, decltype(&PQclear)> failure(nullptr, &PQclear);
    while (PGresult* r = PQgetResult(conn_.get())) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !failure) {
            failure.reset(r);
        } else {
            PQclear(r);
        }
    }
    if (failure) {
        Fail(failure.get(), copy_sql);
    }
    return rows;
}

std::string Connection::QuoteIdentifier(std::string_view name) {
    std::unique_ptr<char, decltype(&PQfreemem)> q(PQescapeIdentifier(conn_.get(), name.data(), name.size()),
                                                   &PQfreemem);
    if (!q) {
        Fail(nullptr, "quote identifier");
    }
    return q.get();
}

std::string Connection::QuoteLiteral(std::string_view value) {
    std::unique_ptr<char, decltype(&PQfreemem)> q(PQescapeLiteral(conn_.get(), value.data(), value.size()),
                                                   &PQfreemem);
    if (!q) {
        Fail(nullptr, "quote literal");
    }
    return q.get();
}

void WithTransaction(Connection& conn, const std::function<void()>& body, std::string_view begin_sql) {
    conn.Exec(begin_sql);
    try {
        body();
    } catch (...) {
        try {
            conn.Exec("ROLLBACK");
        } catch (const Error&) {
            // The connection is gone: the server rolls back on its own.
        }
        throw;
    }
    conn.Exec("COMMIT");
}

}  // namespace hf::pg
