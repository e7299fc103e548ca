#pragma once

#include <memory>

#include "common/result.h"
#include "db/warehouse.h"
#include "pg/connection.h"

namespace hf::db {

// The PostgreSQL engine, over one pg::Connection. The session runs with TimeZone UTC and
// DateStyle ISO so that texts match the DuckDB engine's. Streaming reads use a cursor (inside
// the caller's transaction, or a short one of its own). One thread at a time.
class PostgresWarehouse final : public Warehouse {
public:
    static Result<std::unique_ptr<PostgresWarehouse>> Open(const pg::ConnectionSpec& spec);

    const Dialect& GetDialect() const override;
    std::string Describe() const override { return "postgres " + where_; }
    void Execute(std::string_view sql) override;
    ResultSet Query(std::string_view sql, const std::vector<Value>& params = {}) override;
    int64_t QueryChunks(std::string_view sql, const std::vector<Value>& params, const ChunkCallback& on_chunk,
                        size_t chunk_rows = 10000) override;
    void Begin() override;
    void Commit() override;
    void Rollback() override;
    bool InTransaction() const override { return in_transaction_; }
    std::unique_ptr<BulkAppender> OpenAppender(const std::string& schema, const std::string& table) override;
    std::vector<ColumnInfo> ListColumns(const std::string& schema, const std::string& name) override;

    // The underlying connection (for COPY and engine-specific work). Owned by this object.
    pg::Connection& RawConnection() { return conn_; }

private:
    PostgresWarehouse(pg::Connection conn, std::string where) : conn_(std::move(conn)), where_(std::move(where)) {}

    pg::Connection conn_;
    std::string where_;
    bool in_transaction_ = false;
    int cursor_serial_ = 0;
};

// Converts a libpq result into a ResultSet (booleans as true/false). Exposed for tests.
ResultSet ToResultSet(const pg::QueryResult& result);

}  // namespace hf::db
