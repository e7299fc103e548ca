#include "transform/run/runner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <exception>
#include <mutex>
#include <thread>

#include "common/error.h"
#include "common/fs.h"
#include "transform/graph/selector.h"
#include "transform/run/artifacts.h"
#include "transform/run/execution_plan.h"
#include "transform/run/materializations.h"
#include "transform/run/run_support.h"
#include "transform/run/seed_loader.h"
#include "transform/run/test_executor.h"
#include "transform/snapshot/snapshot_executor.h"

namespace hf::transform {

namespace {

// The hint shown with a node's error. An incremental build that reads a column its existing table
// lacks (a table built by an older version of the model) is mended by one full refresh.
std::string HintFor(const Error& e, const Node& node, bool incremental) {
    const std::string& m = e.Message();
    const bool missing_column =
        (m.find("Binder Error") != std::string::npos &&
         (m.find("not found") != std::string::npos || m.find("does not have a column") != std::string::npos)) ||
        (m.find("column") != std::string::npos && m.find("does not exist") != std::string::npos);
    if (incremental && missing_column) {
        return "the existing table " + node.relation_name +
               " may come from an older version of the model; rebuild it once with `healthflow transform run "
               "--full-refresh -s " + node.name + "`";
    }
    return e.Hint();
}

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

// One run: the plan, the worker pool and the results. Lives for one RunTransform call.
class Run {
public:
    Run(Session& session, const RunOptions& options, const RunProgress& progress, ExecutionPlan plan)
        : session_(session), project_(session.GetProject()), options_(options), progress_(progress),
          plan_(std::move(plan)) {
        for (const auto& id : plan_.order) {
            waiting_[id] = plan_.upstream.at(id).size();
            if (waiting_[id] == 0) {
                ready_.emplace(plan_.position.at(id), id);
            }
        }
    }

    // Runs every planned node on `connections` (one worker thread each); returns the results in
    // plan order. Rethrows, after every worker stopped, an exception that was not a node's failure.
    std::vector<NodeResult> Execute(std::vector<std::unique_ptr<db::Warehouse>>& connections) {
        {
            std::vector<std::jthread> workers;
            for (size_t i = 0; i < connections.size(); ++i) {
                workers.emplace_back(
                    [this, i, &connections] { Work(*connections[i], "Thread-" + std::to_string(i + 1)); });
            }
        }
        if (fatal_) {
            std::rethrow_exception(fatal_);
        }
        std::vector<NodeResult> out;
        for (const auto& id : plan_.order) {
            out.push_back(std::move(results_.at(id)));
        }
        return out;
    }

private:
    void Work(db::Warehouse& warehouse, const std::string& thread_id) {
        try {
            while (true) {
                std::string id;
                int index = 0;
                {
                    std::unique_lock lock(mu_);
                    cv_.wait(lock, [&] { return !ready_.empty() || settled_ == plan_.order.size() || fatal_; });
                    if (fatal_ || ready_.empty()) {
                        return;
                    }
                    id = ready_.begin()->second;
                    ready_.erase(ready_.begin());
                    index = ++started_;
                }
                NodeResult result = ExecuteNode(warehouse, id, thread_id, index);
                Settle(std::move(result), index);
            }
        } catch (...) {
            std::lock_guard lock(mu_);
            if (!fatal_) {
                fatal_ = std::current_exception();
            }
            cv_.notify_all();
        }
    }

    void Report(const NodeResult& result, bool finished, int index) {
        if (progress_) {
            std::lock_guard lock(progress_mu_);
            progress_(result, finished, index, static_cast<int>(plan_.order.size()));
        }
    }

    // Records a finished node; a failure skips everything downstream of it.
    void Settle(NodeResult result, int index) {
        bool failed = result.status == NodeStatus::ERROR || result.status == NodeStatus::FAIL;
        std::string id = result.unique_id;
        Report(result, true, index);
        std::vector<std::pair<NodeResult, int>> skipped;
        {
            std::lock_guard lock(mu_);
            results_[id] = std::move(result);
            ++settled_;
            if (failed) {
                std::vector<std::string> stack(plan_.downstream.at(id).begin(), plan_.downstream.at(id).end());
                while (!stack.empty()) {
                    std::string d = stack.back();
                    stack.pop_back();
                    if (results_.count(d)) {
                        continue;
                    }
                    NodeResult skip;
                    skip.unique_id = d;
                    skip.status = NodeStatus::SKIPPED;
                    skip.message = "skipped: " + id + " failed";
                    results_[d] = skip;
                    ++settled_;
                    skipped.emplace_back(std::move(skip), ++started_);
                    stack.insert(stack.end(), plan_.downstream.at(d).begin(), plan_.downstream.at(d).end());
                }
            } else {
                for (const auto& d : plan_.downstream.at(id)) {
                    if (--waiting_[d] == 0 && !results_.count(d)) {
                        ready_.emplace(plan_.position.at(d), d);
                    }
                }
            }
            cv_.notify_all();
        }
        for (const auto& [skip, i] : skipped) {
            Report(skip, true, i);
        }
    }

    // Compiles (under the compiler's lock) then executes one node; a failure becomes its result.
    NodeResult ExecuteNode(db::Warehouse& warehouse, const std::string& id, const std::string& thread_id, int index) {
        Node& node = project_.nodes.at(id);
        NodeResult r;
        r.unique_id = id;
        r.thread_id = thread_id;
        Report(r, false, index);
        auto started = Clock::now();
        NodeSql sql(warehouse);
        bool incremental = false;
        try {
            r.compile_started_at = UtcNow(true);
            std::vector<std::string> pre_hooks, post_hooks;
            if (node.type == ResourceType::MODEL && node.Materialized() == "incremental" && !options_.full_refresh) {
                incremental = sql.Timed([&] { return warehouse.GetRelationKind(node.schema, node.alias); }) ==
                              db::RelationKind::TABLE;
            }
            if (node.type != ResourceType::SEED) {
                std::lock_guard lock(compile_mu_);
                Compiler& compiler = session_.GetCompiler();
                CompileOptions& compile_options = compiler.MutableOptions();
                if (incremental) {
                    compile_options.incremental.insert(id);
                } else {
                    compile_options.incremental.erase(id);
                }
                compile_options.run_query = [&sql](const std::string& q) { return QueryValue(sql.Query(q)); };
                compiler.Forget(id);
                try {
                    compiler.Compile(id);
                    pre_hooks = RenderHooks(session_, node, "pre_hook");
                    post_hooks = RenderHooks(session_, node, "post_hook");
                } catch (...) {
                    compile_options.run_query = nullptr;
                    throw;
                }
                compile_options.run_query = nullptr;
            }
            if (options_.write_artifacts && node.type != ResourceType::SEED) {
                WriteNodeArtifact(session_.CompiledPath(node), node.compiled_code);
            }
            r.compile_completed_at = UtcNow(true);
            r.execute_started_at = UtcNow(true);
            for (const auto& hook : pre_hooks) {
                sql.Query(hook);
            }
            ExecuteBody(sql, node, incremental, r);
            for (const auto& hook : post_hooks) {
                sql.Query(hook);
            }
            r.execute_completed_at = UtcNow(true);
        } catch (const Error& e) {
            if (warehouse.InTransaction()) {
                warehouse.Rollback();
            }
            r.status = NodeStatus::ERROR;
            const std::string hint = HintFor(e, node, incremental);
            r.message = e.Message() + (hint.empty() ? "" : " (" + hint + ")");
        } catch (const std::exception& e) {
            if (warehouse.InTransaction()) {
                warehouse.Rollback();
            }
            r.status = NodeStatus::ERROR;
            r.message = std::string(ResourceTypeName(node.type)) + " '" + node.name + "' failed: " + e.what();
        }
        r.query_time = sql.QueryTime();
        r.executed_sql = sql.Statements();
        r.execution_time = Seconds(started);
        return r;
    }

    void ExecuteBody(NodeSql& sql, const Node& node, bool incremental, NodeResult& r) {
        switch (node.type) {
        case ResourceType::MODEL: {
            BuildOutcome b = BuildModel(sql, node, incremental);
            r.message = b.message;
            r.rows_affected = b.rows_affected;
            break;
        }
        case ResourceType::SEED: {
            BuildOutcome b = LoadSeed(sql, node);
            r.message = b.message;
            r.rows_affected = b.rows_affected;
            break;
        }
        case ResourceType::SNAPSHOT: {
            SnapshotOutcome s = ExecuteSnapshot(sql.Warehouse(), node, session_.GetTarget(),
                                                session_.GetCompiler().MutableOptions().run_started_at);
            r.message = "INSERT " + std::to_string(s.inserted) + ", UPDATE " + std::to_string(s.invalidated);
            r.rows_affected = s.inserted + s.invalidated;
            r.query_time += s.query_time;
            break;
        }
        case ResourceType::TEST: {
            TestOutcome t = RunDataTest(sql, node, session_.GetTarget(), options_.store_failures);
            r.failures = t.failures;
            r.message = t.message;
            r.status = t.verdict == TestOutcome::Verdict::FAIL   ? NodeStatus::FAIL
                       : t.verdict == TestOutcome::Verdict::WARN ? NodeStatus::WARN
                                                                 : NodeStatus::PASS;
            break;
        }
        case ResourceType::SOURCE:
            break;
        }
    }

    Session& session_;
    Project& project_;
    const RunOptions& options_;
    const RunProgress& progress_;
    const ExecutionPlan plan_;

    std::mutex compile_mu_;  // the compiler and the project's compiled code
    std::mutex progress_mu_; // serialises progress calls
    std::mutex mu_;          // everything below
    std::condition_variable cv_;
    std::set<std::pair<size_t, std::string>> ready_; // (plan position, id)
    std::map<std::string, size_t> waiting_;
    std::map<std::string, NodeResult> results_;
    size_t settled_ = 0;
    int started_ = 0;
    std::exception_ptr fatal_;
};

// Schemas the run writes to, created once up front (concurrent CREATE SCHEMA would conflict).
std::set<std::string> SchemasToCreate(const Project& project, const ExecutionPlan& plan, const Target& target,
                                      bool store_failures) {
    std::set<std::string> schemas;
    for (const auto& id : plan.order) {
        const Node& node = project.nodes.at(id);
        if (node.type == ResourceType::TEST) {
            jinja::Value configured = node.Config("store_failures");
            if (configured.IsNone() ? store_failures : configured.Truthy()) {
                schemas.insert(AuditSchema(target));
            }
        } else {
            schemas.insert(node.schema);
        }
    }
    return schemas;
}

} // namespace

std::string_view NodeStatusName(NodeStatus status) {
    switch (status) {
    case NodeStatus::SUCCESS:
        return "success";
    case NodeStatus::ERROR:
        return "error";
    case NodeStatus::SKIPPED:
        return "skipped";
    case NodeStatus::PASS:
        return "pass";
    case NodeStatus::WARN:
        return "warn";
    case NodeStatus::FAIL:
        return "fail";
    }
    return "error";
}

std::string RunSummary::DoneLine() const {
    return "Done. PASS=" + std::to_string(pass) + " WARN=" + std::to_string(warn) + " ERROR=" + std::to_string(error) +
           " SKIP=" + std::to_string(skip) + " TOTAL=" + std::to_string(total);
}

void CountResult(RunSummary& summary, const NodeResult& result) {
    switch (result.status) {
    case NodeStatus::SUCCESS:
    case NodeStatus::PASS:
        ++summary.pass;
        break;
    case NodeStatus::WARN:
        ++summary.warn;
        break;
    case NodeStatus::ERROR:
    case NodeStatus::FAIL:
        ++summary.error;
        break;
    case NodeStatus::SKIPPED:
        ++summary.skip;
        break;
    }
    ++summary.total;
}

RunSummary RunTransform(Session& session, const std::function<std::unique_ptr<db::Warehouse>()>& open_connection,
                        const RunOptions& options, const RunProgress& progress) {
    auto started = Clock::now();
    RunSummary summary;
    summary.invocation_id = NewInvocationId();
    summary.started_at = UtcNow(true);
    Project& project = session.GetProject();
    CompileOptions& compile_options = session.GetCompiler().MutableOptions();
    compile_options.run_started_at = UtcNow(false);
    compile_options.full_refresh = options.full_refresh;

    auto selected = SelectNodes(project, session.GetGraph(), options.select, options.exclude);
    ExecutionPlan plan = MakeExecutionPlan(project, session.GetGraph(), selected, options.command);
    int threads = options.threads > 0 ? options.threads : std::max(1, session.GetTarget().threads);
    threads = std::max(1, std::min<int>(threads, static_cast<int>(plan.order.size())));
    summary.threads = threads;

    std::vector<std::unique_ptr<db::Warehouse>> connections;
    for (int i = 0; i < threads; ++i) {
        connections.push_back(open_connection());
    }
    auto existing = connections[0]->ListSchemas();
    for (const auto& schema : SchemasToCreate(project, plan, session.GetTarget(), options.store_failures)) {
        if (std::find(existing.begin(), existing.end(), schema) == existing.end()) {
            connections[0]->Execute(RunSql("create_schema", connections[0]->GetDialect().engine,
                                           {{"schema", jinja::Value(db::Warehouse::QuoteIdentifier(schema))}}));
        }
    }

    Run run(session, options, progress, plan);
    summary.results = run.Execute(connections);
    for (const auto& r : summary.results) {
        CountResult(summary, r);
    }
    summary.elapsed = Seconds(started);
    if (options.write_artifacts) {
        WriteRunArtifacts(session, summary, options);
    }
    return summary;
}

} // namespace hf::transform
