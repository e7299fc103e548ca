#include "db/warehouse.h"

#include "common/error.h"
#include "common/strings.h"
#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"

namespace hf::db {

namespace {

// System schemas are left out of the catalog listings on both engines.
constexpr std::string_view kUserSchemaFilter = "{col} <> 'information_schema' AND left({col}, 3) <> 'pg_'";

std::string UserSchemaFilter(std::string_view column) {
    return ReplaceAll(std::string(kUserSchemaFilter), "{col}", std::string(column));
}

}  // namespace

std::string Dialect::TypeName(LogicalType type, int precision, int scale) const {
    const bool duck = engine == "duckdb";
    switch (type) {
        case LogicalType::BOOLEAN: return duck ? "BOOLEAN" : "boolean";
        case LogicalType::INTEGER: return duck ? "BIGINT" : "bigint";
        case LogicalType::DOUBLE: return duck ? "DOUBLE" : "double precision";
        case LogicalType::DECIMAL:
            return (duck ? "DECIMAL(" : "numeric(") + std::to_string(precision) + "," + std::to_string(scale) + ")";
        case LogicalType::DATE: return duck ? "DATE" : "date";
        case LogicalType::TIMESTAMP: return duck ? "TIMESTAMP" : "timestamp";
        case LogicalType::TIMESTAMPTZ: return duck ? "TIMESTAMPTZ" : "timestamptz";
        case LogicalType::VARCHAR:
        case LogicalType::OTHER: return duck ? "VARCHAR" : "text";
    }
    return duck ? "VARCHAR" : "text";
}

std::string Dialect::RenameTableSql(std::string_view schema, std::string_view from, std::string_view to) const {
    return "ALTER TABLE " + std::string(schema) + "." + std::string(from) + " RENAME TO " + std::string(to);
}

std::vector<std::string> Warehouse::ListSchemas() {
    auto rs = Query("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() AND " +
                    UserSchemaFilter("schema_name") + " ORDER BY 1");
    std::vector<std::string> out;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        out.push_back(rs.Text(r, 0));
    }
    return out;
}

std::vector<RelationInfo> Warehouse::ListRelations(const std::string& schema) {
    std::string sql =
        "SELECT table_schema, table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND " +
        UserSchemaFilter("table_schema");
    std::vector<Value> params;
    if (!schema.empty()) {
        sql += " AND table_schema = $1";
        params.emplace_back(schema);
    }
    auto rs = Query(sql + " ORDER BY 1, 2", params);
    std::vector<RelationInfo> out;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        out.push_back({rs.Text(r, 0), rs.Text(r, 1), rs.Text(r, 2) == "VIEW" ? RelationKind::VIEW : RelationKind::TABLE});
    }
    return out;
}

std::optional<RelationKind> Warehouse::GetRelationKind(const std::string& schema, const std::string& name) {
    auto rs = Query(
        "SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = $1 AND table_name = $2",
        {schema, name});
    if (rs.RowCount() == 0) {
        return std::nullopt;
    }
    return rs.Text(0, 0) == "VIEW" ? RelationKind::VIEW : RelationKind::TABLE;
}

std::string Warehouse::QuoteIdentifier(std::string_view name) {
    if (name.find('\0') != std::string_view::npos) {
        throw Error(ErrorKind::INVALID_INPUT, "an identifier contains a NUL character", "remove it from the name");
    }
    return "\"" + ReplaceAll(std::string(name), "\"", "\"\"") + "\"";
}

std::string Warehouse::QuoteLiteral(std::string_view value) {
    if (value.find('\0') != std::string_view::npos) {
        throw Error(ErrorKind::INVALID_INPUT, "a text literal contains a NUL character",
                    "SQL text cannot hold NUL; remove it or pass the value as binary data");
    }
    return "'" + ReplaceAll(std::string(value), "'", "''") + "'";
}

std::string Warehouse::QualifiedName(std::string_view schema, std::string_view name) {
    return QuoteIdentifier(schema) + "." + QuoteIdentifier(name);
}

Transaction::Transaction(Warehouse& warehouse) : warehouse_(warehouse) { warehouse_.Begin(); }

Transaction::~Transaction() {
    if (!open_) {
        return;
    }
    try {
        warehouse_.Rollback();
    } catch (const Error& e) {
        // A destructor cannot throw; the connection is already unusable in this case.
        (void)e;
    }
}

void Transaction::Commit() {
    open_ = false;
    warehouse_.Commit();
}

void WithTransaction(Warehouse& warehouse, const std::function<void()>& body) {
    Transaction tx(warehouse);
    body();
    tx.Commit();
}

std::string WarehouseEngine(const Config& config) {
    std::string engine = ToLower(config.Get("warehouse.engine"));
    if (config.Origin("warehouse.engine") == SettingOrigin::DEFAULT && !config.Get("warehouse.url").empty()) {
        return "postgres";
    }
    return engine == "postgresql" ? "postgres" : engine;
}

std::unique_ptr<Warehouse> OpenWarehouse(const Config& config, const OpenOptions& options) {
    const std::string engine = WarehouseEngine(config);
    if (engine == "duckdb") {
        std::filesystem::path path = config.Get("warehouse.path");
        if (path.empty()) {
            path = config.DataDir() / "warehouse.duckdb";
        }
        return DuckDbWarehouse::Open(path, options).Value();
    }
    if (engine == "postgres") {
        pg::ConnectionSpec spec;
        spec.url = config.Get("warehouse.url");
        if (spec.url.empty()) {
            throw Error(ErrorKind::INVALID_INPUT, "warehouse.engine is postgres but warehouse.url is empty",
                        "set HEALTHFLOW_WAREHOUSE_URL or pass --warehouse-url postgresql://user@host:5432/db");
        }
        spec.password = ReadSecret(config, "warehouse.password").Value();
        spec.application_name = "healthflow-warehouse";
        return PostgresWarehouse::Open(spec).Value();
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown warehouse.engine '" + engine + "'",
                "use duckdb (the default, an embedded file) or postgres");
}

}  // namespace hf::db
