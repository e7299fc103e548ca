#include "common/error.h"
#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"
#include "transform/run/runner.h"

namespace hf::transform {

namespace {

// A libpq conninfo value, quoted: 'it\'s'.
std::string ConnInfoValue(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

std::string Field(const Target& target, std::string_view key) {
    const jinja::Value* v = target.fields.AsDict().Find(key);
    return v && !v->IsNone() ? v->Str() : std::string();
}

} // namespace

std::unique_ptr<db::Warehouse> OpenTargetWarehouse(const Target& target, const Config& config) {
    if (target.from_config) {
        return db::OpenWarehouse(config);
    }
    if (target.type == "duckdb") {
        return db::DuckDbWarehouse::Open(target.path.empty() ? std::string(":memory:") : target.path).Value();
    }
    if (target.type != "postgres") {
        throw Error(ErrorKind::INVALID_INPUT,
                    "target '" + target.name + "' has type '" + target.type + "', which HealthFlow cannot connect to",
                    "use type duckdb or postgres in profiles.yml");
    }
    pg::ConnectionSpec spec;
    std::string conninfo;
    for (std::string_view key : {"host", "port", "user", "sslmode", "connect_timeout"}) {
        std::string v = Field(target, key);
        if (!v.empty()) {
            conninfo += (conninfo.empty() ? "" : " ") + std::string(key) + "=" + ConnInfoValue(v);
        }
    }
    conninfo += (conninfo.empty() ? "" : " ") + std::string("dbname=") + ConnInfoValue(target.database);
    spec.url = conninfo;
    spec.password = target.password;
    spec.application_name = "healthflow-transform";
    return db::PostgresWarehouse::Open(spec).Value();
}

} // namespace hf::transform
