#include "pipeline/run_record.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

#include "common/error.h"
#include "common/fs.h"
#include "common/utc_time.h"

namespace hf::pipeline {

namespace {

using nlohmann::json;

json InstantJson(const std::optional<Instant>& instant) {
    return instant ? json(FormatInstantMillis(*instant)) : json(nullptr);
}

std::optional<Instant> InstantFrom(const json& value) {
    if (value.is_null()) {
        return std::nullopt;
    }
    return ParseInstant(value.get<std::string>());
}

template <typename T>
json OptionalJson(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

template <typename T>
std::optional<T> OptionalFrom(const json& doc, const char* key) {
    if (!doc.contains(key) || doc.at(key).is_null()) {
        return std::nullopt;
    }
    return doc.at(key).get<T>();
}

}  // namespace

std::string_view TaskStateName(TaskState state) {
    switch (state) {
        case TaskState::QUEUED: return "queued";
        case TaskState::RUNNING: return "running";
        case TaskState::SUCCESS: return "success";
        case TaskState::FAILED: return "failed";
        case TaskState::UP_FOR_RETRY: return "up_for_retry";
        case TaskState::SKIPPED: return "skipped";
    }
    return "?";
}

TaskState ParseTaskState(std::string_view name) {
    for (auto s : {TaskState::QUEUED, TaskState::RUNNING, TaskState::SUCCESS, TaskState::FAILED,
                   TaskState::UP_FOR_RETRY, TaskState::SKIPPED}) {
        if (TaskStateName(s) == name) {
            return s;
        }
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown task state '" + std::string(name) + "'");
}

std::string_view TriggerName(Trigger trigger) {
    switch (trigger) {
        case Trigger::MANUAL: return "manual";
        case Trigger::SCHEDULE: return "schedule";
        case Trigger::BACKFILL: return "backfill";
    }
    return "?";
}

Trigger ParseTrigger(std::string_view name) {
    for (auto t : {Trigger::MANUAL, Trigger::SCHEDULE, Trigger::BACKFILL}) {
        if (TriggerName(t) == name) {
            return t;
        }
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown trigger '" + std::string(name) + "'");
}

std::string_view RunStateName(RunState state) {
    switch (state) {
        case RunState::RUNNING: return "running";
        case RunState::SUCCESS: return "success";
        case RunState::FAILED: return "failed";
    }
    return "?";
}

RunState ParseRunState(std::string_view name) {
    for (auto s : {RunState::RUNNING, RunState::SUCCESS, RunState::FAILED}) {
        if (RunStateName(s) == name) {
            return s;
        }
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown run state '" + std::string(name) + "'");
}

TaskRecord* RunRecord::FindTask(const std::string& task_id) {
    for (auto& t : tasks) {
        if (t.task_id == task_id) {
            return &t;
        }
    }
    return nullptr;
}

const TaskRecord* RunRecord::FindTask(const std::string& task_id) const {
    return const_cast<RunRecord*>(this)->FindTask(task_id);
}

std::string RunRecord::ToJson() const {
    json tasks_json = json::array();
    for (const auto& t : tasks) {
        tasks_json.push_back({{"task_id", t.task_id},
                              {"state", TaskStateName(t.state)},
                              {"attempts", t.attempts},
                              {"started_at", InstantJson(t.started_at)},
                              {"ended_at", InstantJson(t.ended_at)},
                              {"rows_in", t.rows_in},
                              {"rows_out", t.rows_out},
                              {"log", t.log},
                              {"error", t.error},
                              {"depends_on", t.depends_on}});
    }
    json doc = {{"run_id", run_id},
                {"logical_date", logical_date},
                {"trigger", TriggerName(trigger)},
                {"state", RunStateName(state)},
                {"started_at", InstantJson(started_at)},
                {"ended_at", InstantJson(ended_at)},
                {"tasks", tasks_json},
                {"metrics",
                 {{"records_processed", OptionalJson(metrics.records_processed)},
                  {"latency_seconds", OptionalJson(metrics.latency_seconds)},
                  {"transform_seconds", OptionalJson(metrics.transform_seconds)},
                  {"tests_passed", OptionalJson(metrics.tests_passed)},
                  {"tests_total", OptionalJson(metrics.tests_total)},
                  {"warehouse_bytes", OptionalJson(metrics.warehouse_bytes)},
                  {"scd2_versions", OptionalJson(metrics.scd2_versions)}}}};
    return doc.dump(2) + "\n";
}

RunRecord RunRecord::FromJson(const std::string& text, const std::string& origin) {
    try {
        json doc = json::parse(text);
        RunRecord run;
        run.run_id = doc.at("run_id").get<std::string>();
        run.logical_date = doc.at("logical_date").get<std::string>();
        run.trigger = ParseTrigger(doc.at("trigger").get<std::string>());
        run.state = ParseRunState(doc.at("state").get<std::string>());
        run.started_at = InstantFrom(doc.at("started_at"));
        run.ended_at = InstantFrom(doc.at("ended_at"));
        for (const auto& t : doc.at("tasks")) {
            TaskRecord task;
            task.task_id = t.at("task_id").get<std::string>();
            task.state = ParseTaskState(t.at("state").get<std::string>());
            task.attempts = t.at("attempts").get<int>();
            task.started_at = InstantFrom(t.at("started_at"));
            task.ended_at = InstantFrom(t.at("ended_at"));
            task.rows_in = t.at("rows_in").get<int64_t>();
            task.rows_out = t.at("rows_out").get<int64_t>();
            task.log = t.at("log").get<std::string>();
            task.error = t.at("error").get<std::string>();
            task.depends_on = t.at("depends_on").get<std::vector<std::string>>();
            run.tasks.push_back(std::move(task));
        }
        const json& m = doc.at("metrics");
        run.metrics.records_processed = OptionalFrom<int64_t>(m, "records_processed");
        run.metrics.latency_seconds = OptionalFrom<double>(m, "latency_seconds");
        run.metrics.transform_seconds = OptionalFrom<double>(m, "transform_seconds");
        run.metrics.tests_passed = OptionalFrom<int64_t>(m, "tests_passed");
        run.metrics.tests_total = OptionalFrom<int64_t>(m, "tests_total");
        run.metrics.warehouse_bytes = OptionalFrom<int64_t>(m, "warehouse_bytes");
        run.metrics.scd2_versions = OptionalFrom<int64_t>(m, "scd2_versions");
        return run;
    } catch (const json::exception& e) {
        throw Error(ErrorKind::DATA, origin + " is not a run record: " + e.what(),
                    "remove the run's folder if it was edited by hand");
    } catch (const Error& e) {
        throw Error(ErrorKind::DATA, origin + " is not a run record: " + e.Message(),
                    "remove the run's folder if it was edited by hand");
    }
}

RunStore::RunStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

std::string RunStore::NewRunId(Instant now, Trigger trigger) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::string seconds = FormatUtc(now, "%Y%m%dT%H%M%S");
    char full[64];
    std::snprintf(full, sizeof full, "%s%03lldZ_%s", seconds.c_str(), static_cast<long long>(ms),
                  std::string(TriggerName(trigger)).c_str());
    return full;
}

std::string RunStore::TaskLogRelative(const std::string& run_id, const std::string& task_id) {
    return "runs/" + run_id + "/" + task_id + ".log";
}

std::filesystem::path RunStore::TaskLogPath(const std::string& run_id, const std::string& task_id) const {
    return data_dir_ / TaskLogRelative(run_id, task_id);
}

void RunStore::Save(const RunRecord& run) const {
    EnsureDirectory(RunDir(run.run_id)).Check();
    WriteFileAtomic(RunDir(run.run_id) / "run.json", run.ToJson()).Check();
}

RunRecord RunStore::Load(const std::string& run_id) const {
    auto path = RunDir(run_id) / "run.json";
    if (run_id.empty() || run_id.find('/') != std::string::npos || !std::filesystem::exists(path)) {
        std::string known;
        auto runs = List();
        for (size_t i = runs.size() > 5 ? runs.size() - 5 : 0; i < runs.size(); ++i) {
            known += (known.empty() ? "" : ", ") + runs[i].run_id;
        }
        throw Error(ErrorKind::NOT_FOUND, "no run '" + run_id + "' in " + RunsDir().string(),
                    known.empty() ? "no run recorded yet: start one with `healthflow run`"
                                  : "latest runs: " + known + " (see `healthflow runs`)");
    }
    return RunRecord::FromJson(ReadFile(path).Value(), path.string());
}

std::vector<RunRecord> RunStore::List() const {
    std::vector<RunRecord> runs;
    std::error_code ec;
    if (!std::filesystem::is_directory(RunsDir(), ec)) {
        return runs;
    }
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(RunsDir())) {
        if (entry.is_directory() && std::filesystem::exists(entry.path() / "run.json")) {
            ids.push_back(entry.path().filename().string());
        }
    }
    std::sort(ids.begin(), ids.end());
    for (const auto& id : ids) {
        auto path = RunDir(id) / "run.json";
        try {
            runs.push_back(RunRecord::FromJson(ReadFile(path).Value(), path.string()));
        } catch (const Error& e) {
            spdlog::warn("{}", e.OneLine());
        }
    }
    return runs;
}

}  // namespace hf::pipeline
