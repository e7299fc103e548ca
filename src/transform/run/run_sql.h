#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/warehouse.h"
#include "transform/jinja/value.h"

namespace hf::transform {

// Renders one statement of the runner's SQL templates (embedded src/transform/sql/run/*.sql,
// one macro per statement) for `engine` ("duckdb" or "postgres"), with keyword arguments.
// Throws INTERNAL when the macro does not exist. Thread-safe.
std::string RunSql(std::string_view macro, const std::string& engine,
                   std::vector<std::pair<std::string, jinja::Value>> args);

// The SQL a node runs, with the time spent in the engine and the statements kept for the
// run/ artifact. Borrows the warehouse; one node, one thread.
class NodeSql {
public:
    explicit NodeSql(db::Warehouse& warehouse) : warehouse_(warehouse) {}

    db::Warehouse& Warehouse() { return warehouse_; }
    const std::string& Engine() const { return warehouse_.GetDialect().engine; }

    // Runs one statement (timed, logged); returns its result.
    db::ResultSet Query(const std::string& sql);
    // Renders `macro` with `args` (see RunSql) and runs it.
    db::ResultSet Run(std::string_view macro, std::vector<std::pair<std::string, jinja::Value>> args);
    // Times an engine call that is not a logged statement (catalog look-ups, appends).
    template <typename F> auto Timed(F&& f) {
        Clock clock(query_time_);
        return f();
    }

    // Runs `body` in a transaction (begin and commit timed as engine work); on failure rolls
    // back and rethrows.
    void InTransaction(const std::function<void()>& body);

    double QueryTime() const { return query_time_; }
    // Every statement run, in order.
    const std::vector<std::string>& Statements() const { return statements_; }

private:
    struct Clock {
        explicit Clock(double& total);
        ~Clock();
        double& total_;
        long long started_ns_;
    };

    db::Warehouse& warehouse_;
    double query_time_ = 0;
    std::vector<std::string> statements_;
};

// Quotes a column or table name for SQL ("a""b").
inline std::string Quote(std::string_view name) {
    return db::Warehouse::QuoteIdentifier(name);
}

} // namespace hf::transform
