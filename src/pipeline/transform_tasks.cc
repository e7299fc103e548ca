#include <algorithm>

#include <spdlog/spdlog.h>

#include "pipeline/daily_dag.h"
#include "transform/run/runner.h"
#include "transform/session.h"

namespace hf::pipeline {

namespace {

transform::RunCommand CommandOf(const std::string& step) {
    if (step == "seed") {
        return transform::RunCommand::SEED;
    }
    if (step == "snapshot") {
        return transform::RunCommand::SNAPSHOT;
    }
    if (step == "test") {
        return transform::RunCommand::TEST;
    }
    return transform::RunCommand::RUN;
}

}  // namespace

std::function<TaskOutcome(const TaskContext&)> TransformTaskBody(const Config& config, const std::string& step,
                                                                 bool full_refresh) {
    return [config, step, full_refresh](const TaskContext& ctx) {
        transform::SessionOptions session_options;
        if (config.Origin("pipeline.project_dir") != SettingOrigin::DEFAULT) {
            session_options.project_dir = config.Get("pipeline.project_dir");
        }
        auto session = transform::Session::Open(session_options, config);
        transform::RunOptions options;
        options.command = CommandOf(step);
        options.full_refresh = full_refresh;
        if (step == "snapshot") {
            // A snapshot reads models (the cleaned staging views): build those it depends on first,
            // as `dbt build --select +resource_type:snapshot` would, without their tests.
            options.command = transform::RunCommand::BUILD;
            options.select = {"+resource_type:snapshot"};
            options.exclude = {"resource_type:test"};
        } else if (step == "test") {
            options.threads = static_cast<int>(std::max(1LL, config.GetInt("pipeline.test_threads")));
        } else if (step == "run") {
            // The snapshot task has just built the models the snapshots read: not twice.
            options.exclude = {"+resource_type:snapshot"};
        }
        const transform::Target target = session->GetTarget();
        auto open = [&target, &config] { return transform::OpenTargetWarehouse(target, config); };
        auto progress = [&ctx](const transform::NodeResult& r, bool finished, int index, int total) {
            if (finished) {
                ctx.Log(std::to_string(index) + " of " + std::to_string(total) + " " +
                        std::string(transform::NodeStatusName(r.status)) + " " + r.unique_id + " [" + r.message +
                        "] in " + std::to_string(r.execution_time).substr(0, 6) + " s");
            }
        };
        auto summary = transform::RunTransform(*session, open, options, progress);
        ctx.Log(summary.DoneLine());
        TaskOutcome out;
        for (const auto& r : summary.results) {
            if (r.rows_affected > 0) {
                out.rows_out += r.rows_affected;
            }
        }
        out.rows_in = summary.total;
        if (options.command == transform::RunCommand::TEST) {
            out.metrics["tests_passed"] = summary.pass;
            out.metrics["tests_total"] = summary.total;
        }
        out.metrics["transform_seconds"] = summary.elapsed;
        if (!summary.Succeeded()) {
            std::string first;
            for (const auto& r : summary.results) {
                if (r.status == transform::NodeStatus::ERROR || r.status == transform::NodeStatus::FAIL) {
                    first = r.unique_id + ": " + r.message;
                    break;
                }
            }
            const transform::Project& project = session->GetProject();
            throw Error(ErrorKind::DATA, "transform " + step + " failed: " + summary.DoneLine() + " (first: " + first + ")",
                        "see the task's log and " + (project.root / project.target_path / "run_results.json").string());
        }
        return out;
    };
}

}  // namespace hf::pipeline
