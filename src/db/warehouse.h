#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "db/types.h"

namespace hf::db {

// What a relation of the catalog is.
enum class RelationKind { TABLE, VIEW };

// One table or view of the warehouse.
struct RelationInfo {
    std::string schema;
    std::string name;
    RelationKind kind = RelationKind::TABLE;
};

// Facts about an engine's SQL dialect that generated SQL has to respect. Immutable.
struct Dialect {
    std::string engine;               // "duckdb" or "postgres"
    bool transactional_ddl = true;    // CREATE/DROP roll back with the transaction
    bool create_or_replace_table = false;  // CREATE OR REPLACE TABLE is accepted
    bool drop_cascade = true;         // DROP ... CASCADE is accepted

    // The engine's name for a logical type ("BIGINT", "DOUBLE PRECISION", "DECIMAL(18,3)", ...).
    std::string TypeName(LogicalType type, int precision = 18, int scale = 3) const;
    // Statement renaming `schema.from` to `schema.to` (identifiers quoted by the caller).
    std::string RenameTableSql(std::string_view schema, std::string_view from, std::string_view to) const;
};

// Rows appended in bulk to one table (DuckDB appender, PostgreSQL COPY FROM STDIN). Values
// are given in the table's column order; text is converted to the column's type by the
// engine. Rows become visible on Close() (or with the enclosing transaction's commit);
// destroying an unclosed appender discards what was not yet flushed. Move-only; one thread.
class BulkAppender {
public:
    virtual ~BulkAppender() = default;
    // Appends one row; throws DATA when a value does not fit its column.
    virtual void AppendRow(const std::vector<Value>& row) = 0;
    // Flushes every appended row into the table. Idempotent.
    virtual void Close() = 0;
    virtual int64_t RowsAppended() const = 0;
};

// Called with each chunk of a streamed result; return false to stop reading.
using ChunkCallback = std::function<bool(const ResultSet& chunk)>;

// A connection to the analytical warehouse (DuckDB file or PostgreSQL database). SQL uses
// $1, $2, ... for parameters on both engines. Failures throw hf::Error: INVALID_INPUT for SQL
// errors, NOT_FOUND for a missing object, DATA for constraint/conversion errors, CONFLICT for
// a locked file, UNAVAILABLE for a lost server. Owns its connection; one thread at a time.
class Warehouse {
public:
    virtual ~Warehouse() = default;

    virtual const Dialect& GetDialect() const = 0;
    // "duckdb /path/warehouse.duckdb" or "postgres postgresql://user@host/db", for messages.
    virtual std::string Describe() const = 0;

    // Runs one or more statements separated by ';', discarding any result.
    virtual void Execute(std::string_view sql) = 0;
    // Runs one statement and returns its whole result in memory.
    virtual ResultSet Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // Runs one query and hands its rows to `on_chunk` a chunk at a time (about `chunk_rows`
    // rows each, so memory stays bounded). Returns the number of rows handed over.
    virtual int64_t QueryChunks(std::string_view sql, const std::vector<Value>& params, const ChunkCallback& on_chunk,
                                size_t chunk_rows = 10000) = 0;

    virtual void Begin() = 0;
    virtual void Commit() = 0;
    virtual void Rollback() = 0;
    virtual bool InTransaction() const = 0;

    // Keeps up to `max_statements` prepared statements of this connection by SQL text and reuses
    // them when the same text runs again (no parsing and planning anew), for servers that run a
    // few queries many times; 0 (the default) keeps none. Engines without the need ignore it.
    virtual void KeepPreparedStatements(size_t /*max_statements*/) {}

    // Starts a bulk append into `schema.table` (every column, in table order).
    virtual std::unique_ptr<BulkAppender> OpenAppender(const std::string& schema, const std::string& table) = 0;

    // Catalog: user schemas (system schemas left out), relations, columns.
    std::vector<std::string> ListSchemas();
    // Tables and views, of one schema or (empty) of every user schema, sorted by schema, name.
    std::vector<RelationInfo> ListRelations(const std::string& schema = {});
    // Columns of a table or view in ordinal order; empty when it does not exist.
    virtual std::vector<ColumnInfo> ListColumns(const std::string& schema, const std::string& name) = 0;
    // The relation's kind, or nullopt when there is no such table or view.
    std::optional<RelationKind> GetRelationKind(const std::string& schema, const std::string& name);
    bool RelationExists(const std::string& schema, const std::string& name) {
        return GetRelationKind(schema, name).has_value();
    }

    // "name" with embedded quotes doubled; 'text' with embedded quotes doubled.
    static std::string QuoteIdentifier(std::string_view name);
    static std::string QuoteLiteral(std::string_view value);
    // schema.name, both quoted.
    static std::string QualifiedName(std::string_view schema, std::string_view name);
};

// Begins a transaction on construction and rolls it back on destruction unless Commit() was
// called. Not copyable; the warehouse must outlive the guard.
class Transaction {
public:
    explicit Transaction(Warehouse& warehouse);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void Commit();

private:
    Warehouse& warehouse_;
    bool open_ = true;
};

// How to open a warehouse beyond the configuration.
struct OpenOptions {
    bool read_only = false;  // DuckDB: open the file read-only (still refused while a writer holds it)
};

// Opens the warehouse named by the configuration: warehouse.engine "duckdb" (file
// warehouse.path, default <data_dir>/warehouse.duckdb, created when missing) or "postgres"
// (warehouse.url, password from warehouse.password / warehouse.password_file). A warehouse.url
// set while the engine is left at its default selects postgres. Caller owns the result.
std::unique_ptr<Warehouse> OpenWarehouse(const Config& config, const OpenOptions& options = {});

// The engine the configuration selects, as OpenWarehouse decides it: "duckdb", "postgres" (also
// when only warehouse.url is set), or the unknown value as given (lower case).
std::string WarehouseEngine(const Config& config);

// Runs `body` in a transaction: commits when it returns, rolls back and rethrows if it throws.
void WithTransaction(Warehouse& warehouse, const std::function<void()>& body);

}  // namespace hf::db
