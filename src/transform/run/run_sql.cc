#include "transform/run/run_sql.h"

#include <chrono>
#include <map>
#include <memory>

#include "common/error.h"
#include "common/resources.h"
#include "transform/jinja/interpreter.h"
#include "transform/jinja/parser.h"

HF_DECLARE_RESOURCE_BUNDLE(transform_sql)

namespace hf::transform {

namespace {

using Macros = std::map<std::string, std::shared_ptr<const jinja::MacroDef>, std::less<>>;

// Every macro of sql/run/, parsed once (immutable afterwards).
const Macros& RunMacros() {
    static const Macros kMacros = [] {
        Macros out;
        const auto& bundle = resources::bundles::transform_sql();
        for (const auto& path : bundle.List("run/")) {
            auto tmpl = jinja::Parse(bundle.Get(path), "<builtin>/" + path);
            for (const auto& m : tmpl->macros) {
                out[m->name] = m;
            }
        }
        return out;
    }();
    return kMacros;
}

long long NowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

std::string RunSql(std::string_view macro, const std::string& engine,
                   std::vector<std::pair<std::string, jinja::Value>> args) {
    const auto& macros = RunMacros();
    auto it = macros.find(macro);
    if (it == macros.end()) {
        throw Error(ErrorKind::INTERNAL, "no runner SQL template '" + std::string(macro) + "'");
    }
    jinja::Interpreter in([&engine](std::string_view name) -> std::optional<jinja::Value> {
        if (name == "engine") {
            return jinja::Value(engine);
        }
        return std::nullopt;
    });
    jinja::CallArgs call;
    call.keyword = std::move(args);
    return in.Call(in.BindMacro(it->second), std::move(call)).Str();
}

NodeSql::Clock::Clock(double& total) : total_(total), started_ns_(NowNs()) {}

NodeSql::Clock::~Clock() {
    total_ += static_cast<double>(NowNs() - started_ns_) / 1e9;
}

db::ResultSet NodeSql::Query(const std::string& sql) {
    statements_.push_back(sql);
    Clock clock(query_time_);
    return warehouse_.Query(sql);
}

void NodeSql::InTransaction(const std::function<void()>& body) {
    Timed([&] { warehouse_.Begin(); });
    try {
        body();
    } catch (...) {
        if (warehouse_.InTransaction()) {
            Timed([&] { warehouse_.Rollback(); });
        }
        throw;
    }
    Timed([&] { warehouse_.Commit(); });
}

db::ResultSet NodeSql::Run(std::string_view macro, std::vector<std::pair<std::string, jinja::Value>> args) {
    return Query(RunSql(macro, Engine(), std::move(args)));
}

} // namespace hf::transform
