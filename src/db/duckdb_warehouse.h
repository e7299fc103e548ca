#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/result.h"
#include "db/duckdb_handles.h"
#include "db/duckdb_instances.h"
#include "db/warehouse.h"

namespace hf::db {

// The embedded DuckDB engine (C API). One read-write process per file: opening a file that
// another process holds fails with CONFLICT naming that process. Inside one process, every
// Warehouse on the same file shares one database instance (each has its own connection), which
// writes row groups of kWarehouseRowGroupSize rows.
// One thread at a time per object.
class DuckDbWarehouse final : public Warehouse {
public:
    // Opens (creating when missing, with its parent folder) the database file at `path`;
    // ":memory:" opens a private in-memory database.
    static Result<std::unique_ptr<DuckDbWarehouse>> Open(const std::filesystem::path& path,
                                                         const OpenOptions& options = {});

    const Dialect& GetDialect() const override;
    std::string Describe() const override { return "duckdb " + path_; }
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
    void KeepPreparedStatements(size_t max_statements) override;

    // The raw connection, for engine-specific work (e.g. read_parquet). Owned by this object.
    duckdb_connection RawConnection() const { return connection_.Get(); }

private:
    DuckDbWarehouse(std::string path, std::shared_ptr<DuckInstance> instance, DuckConnection connection)
        : path_(std::move(path)), instance_(std::move(instance)), connection_(std::move(connection)) {}

    // Prepares one statement, wrapping it so that DuckDB renders undecodable column types as text.
    DuckPrepared PrepareText(std::string_view sql);
    // The statement `sql` with `params` bound: a kept one when the text ran before, else one
    // prepared into `local` (and kept when statements are kept). Valid until the next call.
    duckdb_prepared_statement Prepare(std::string_view sql, const std::vector<Value>& params, DuckPrepared& local);
    // Keeps `prepared` for the text `sql` (when statements are kept), dropping the oldest if full.
    duckdb_prepared_statement Keep(std::string_view sql, DuckPrepared prepared);
    // Drops the oldest kept statements until at most `keep` remain.
    void DropOldestKept(size_t keep);
    // Runs a prepared statement and decodes its rows into `buffer`; with `on_chunk`, hands
    // the buffer over every `chunk_rows` rows and clears it. Returns the row count.
    int64_t Run(duckdb_prepared_statement prepared, std::string_view sql, bool streaming, ResultSet& buffer,
                const ChunkCallback* on_chunk, size_t chunk_rows);
    [[noreturn]] void Fail(std::string_view what, std::string_view message, duckdb_error_type type,
                           std::string_view sql);

    std::string path_;
    std::shared_ptr<DuckInstance> instance_; // shared with the other connections to the file
    DuckConnection connection_;
    bool in_transaction_ = false;
    size_t max_kept_ = 0;
    std::unordered_map<std::string, DuckPrepared> kept_;  // by SQL text, at most max_kept_
    std::vector<std::string> kept_order_;                 // texts of kept_, oldest first
};

}  // namespace hf::db
