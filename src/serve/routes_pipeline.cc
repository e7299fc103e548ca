#include "serve/routes.h"

#include <chrono>
#include <cstdio>

#include "common/error.h"
#include "common/strings.h"
#include "serve/api_error.h"
#include "serve/run_history.h"
#include "serve/table_output.h"

namespace hf::serve {

namespace {

using nlohmann::json;

// Seconds since the epoch of an ISO 8601 instant ("2026-12-04T18:00:05Z", "...05.25+01:00").
std::optional<double> ParseInstant(const json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    double s = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d:%lf%n", &y, &mo, &d, &h, &mi, &s, &used) < 6) {
        return std::nullopt;
    }
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    double seconds =
        static_cast<double>(sys_days{ymd}.time_since_epoch().count()) * 86400.0 + h * 3600.0 + mi * 60.0 + s;
    std::string zone = text.substr(static_cast<size_t>(used));
    int zh = 0, zm = 0;
    if (zone.size() >= 6 && (zone[0] == '+' || zone[0] == '-') &&
        std::sscanf(zone.c_str() + 1, "%2d:%2d", &zh, &zm) == 2) {
        seconds -= (zone[0] == '+' ? 1 : -1) * (zh * 3600.0 + zm * 60.0);
    }
    return seconds;
}

std::optional<std::string> Text(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return std::nullopt;
    }
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<std::string> Duration(const json& object) {
    auto start = ParseInstant(object.value("started_at", json()));
    auto end = ParseInstant(object.value("ended_at", json()));
    if (!start || !end) {
        return std::nullopt;
    }
    char out[32];
    std::snprintf(out, sizeof out, "%.3f", *end - *start);
    return out;
}

std::optional<std::string> Metric(const json& run, const char* key) {
    auto it = run.find("metrics");
    return it != run.end() && it->is_object() ? Text(*it, key) : std::nullopt;
}

db::ColumnInfo Column(const char* name, db::LogicalType type) {
    return {name, type, "", true};
}

db::ResultSet RunsTable(const std::vector<json>& runs) {
    using T = db::LogicalType;
    db::ResultSet table({Column("run_id", T::VARCHAR), Column("logical_date", T::VARCHAR),
                         Column("trigger", T::VARCHAR), Column("state", T::VARCHAR), Column("started_at", T::VARCHAR),
                         Column("ended_at", T::VARCHAR), Column("duree_secondes", T::DOUBLE),
                         Column("taches_reussies", T::INTEGER), Column("taches_total", T::INTEGER),
                         Column("tests_passed", T::INTEGER), Column("tests_total", T::INTEGER),
                         Column("records_processed", T::INTEGER), Column("latency_seconds", T::DOUBLE)});
    for (const auto& run : runs) {
        int ok = 0, total = 0;
        if (auto tasks = run.find("tasks"); tasks != run.end() && tasks->is_array()) {
            for (const auto& task : *tasks) {
                ++total;
                ok += task.value("state", "") == "success" ? 1 : 0;
            }
        }
        table.AddRow({Text(run, "run_id"), Text(run, "logical_date"), Text(run, "trigger"), Text(run, "state"),
                      Text(run, "started_at"), Text(run, "ended_at"), Duration(run), std::to_string(ok),
                      std::to_string(total), Metric(run, "tests_passed"), Metric(run, "tests_total"),
                      Metric(run, "records_processed"), Metric(run, "latency_seconds")});
    }
    return table;
}

db::ResultSet TasksTable(const json& run) {
    using T = db::LogicalType;
    db::ResultSet table({Column("task_id", T::VARCHAR), Column("state", T::VARCHAR), Column("attempts", T::INTEGER),
                         Column("started_at", T::VARCHAR), Column("ended_at", T::VARCHAR),
                         Column("duree_secondes", T::DOUBLE), Column("rows_in", T::INTEGER),
                         Column("rows_out", T::INTEGER), Column("depends_on", T::VARCHAR),
                         Column("error", T::VARCHAR)});
    auto tasks = run.find("tasks");
    if (tasks == run.end() || !tasks->is_array()) {
        return table;
    }
    for (const auto& task : *tasks) {
        std::vector<std::string> deps;
        if (auto it = task.find("depends_on"); it != task.end() && it->is_array()) {
            for (const auto& dep : *it) {
                deps.push_back(dep.is_string() ? dep.get<std::string>() : dep.dump());
            }
        }
        table.AddRow({Text(task, "task_id"), Text(task, "state"), Text(task, "attempts"), Text(task, "started_at"),
                      Text(task, "ended_at"), Duration(task), Text(task, "rows_in"), Text(task, "rows_out"),
                      Join(deps, ","), Text(task, "error")});
    }
    return table;
}

// The pipeline's own error, for a `healthflow` process that prints it as a local run would.
json Cause(const Error& e) {
    return {{"kind", std::string(KindName(e.Kind()))}, {"message", e.Message()}, {"hint", e.Hint()}};
}

// {"logical_date", "full_refresh", "task", "trigger"}, each optional and of its type; 400 otherwise.
void CheckRunRequest(const json& body) {
    const std::string example = R"(exemple : {"logical_date": "2026-12-01", "full_refresh": false})";
    for (const auto& [key, value] : body.items()) {
        if (key == "logical_date") {
            if (!value.is_string() || !IsIsoDate(value.get<std::string>())) {
                throw ApiError{400, "logical_date invalide : date AAAA-MM-JJ attendue", example};
            }
        } else if (key == "full_refresh") {
            if (!value.is_boolean()) {
                throw ApiError{400, "full_refresh invalide : true ou false attendu", example};
            }
        } else if (key == "task") {
            if (!value.is_string()) {
                throw ApiError{400, "task invalide : identifiant de tâche attendu", R"(exemple : {"task": "extract"})"};
            }
        } else if (key == "trigger") {
            if (!value.is_string() || (value != "manual" && value != "schedule" && value != "backfill")) {
                throw ApiError{400, "trigger invalide : manual, schedule ou backfill attendu",
                               R"(exemple : {"trigger": "manual"})"};
            }
        } else {
            throw ApiError{400, "paramètre inconnu : " + key,
                           "paramètres acceptés : logical_date, full_refresh, task, trigger"};
        }
    }
}

// The scheduler the server hosts, or {"heberge": false}.
json SchedulerField(const RequestContext& ctx) {
    if (!ctx.Options().scheduler_status) {
        return {{"heberge", false}, {"cron", nullptr}, {"fuseau", nullptr}, {"prochaine_execution", nullptr}};
    }
    json status = ctx.Options().scheduler_status();
    status["heberge"] = true;
    return status;
}

} // namespace

void RegisterPipelineRoutes(Router& router) {
    // Recent runs, newest first; the period filters on the logical date. `planificateur`: the
    // scheduler the server hosts, if any, and its next run.
    router.Get("/api/pipeline/runs", Page::PIPELINE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service", "limite"});
        auto period = params.GetPeriod();
        params.ServiceCode();
        auto limit = params.Int("limite", 1, 1000, 50);
        std::vector<json> kept;
        for (auto& run : RunHistory(ctx.Options().data_dir).List()) {
            auto logical = Text(run, "logical_date").value_or("");
            if ((period.from && logical < *period.from) || (period.to && logical > *period.to)) {
                continue;
            }
            if (static_cast<long long>(kept.size()) < limit) {
                kept.push_back(std::move(run));
            }
        }
        ctx.SendTable(params, "executions_pipeline", RunsTable(kept), {{"planificateur", SchedulerField(ctx)}});
    });
    // One run: its tasks (Gantt), metrics and test results.
    router.Get(R"(/api/pipeline/runs/([^/]+))", Page::PIPELINE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        std::string run_id = ctx.Request().matches[1];
        if (!IsValidRunId(run_id)) {
            throw ApiError{400, "identifiant d'exécution invalide", "choisissez une exécution dans la liste"};
        }
        auto run = RunHistory(ctx.Options().data_dir).Find(run_id);
        if (!run) {
            throw ApiError{404, "aucune exécution « " + run_id + " »", "choisissez une exécution dans la liste"};
        }
        json extra = {{"run_id", run_id},
                      {"state", run->value("state", json())},
                      {"logical_date", run->value("logical_date", json())},
                      {"metrics", run->value("metrics", json::object())}};
        ctx.SendTable(params, "taches_" + run_id, TasksTable(*run), extra);
    });
    // Data freshness: the reference instant and the last extraction and build of the marts.
    router.Get("/api/pipeline/fraicheur", Page::PIPELINE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto reference = ctx.Query("meta/reference.sql");
        ctx.SendTable(params, "fraicheur", reference);
    });
    // Starts a run now (admin), through the hook the process hosting the pipeline installed.
    router.Post("/api/pipeline/runs", Page::PIPELINE, [](RequestContext& ctx) {
        if (!RoleCanRunPipeline(ctx.Who().role)) {
            throw ApiError{403, "seul le rôle admin peut lancer une exécution du pipeline",
                           "demandez à un administrateur"};
        }
        if (!ctx.Options().start_pipeline_run) {
            throw ApiError{503, "ce serveur n'héberge pas le pipeline : impossible de lancer une exécution d'ici",
                           "lancez le pipeline en ligne de commande, ou démarrez le serveur qui l'héberge"};
        }
        json body = json::object();
        if (!ctx.Request().body.empty()) {
            body = json::parse(ctx.Request().body, nullptr, false);
            if (!body.is_object()) {
                throw ApiError{400, "corps de requête invalide : JSON objet attendu",
                               R"(exemple : {"logical_date": "2026-12-01"})"};
            }
        }
        CheckRunRequest(body);
        try {
            ctx.SendJson(ctx.Options().start_pipeline_run(body), 202);
        } catch (const Error& e) {
            if (e.Kind() == ErrorKind::CONFLICT) {
                ctx.SendJson({{"error", "une exécution du pipeline est déjà en cours : " + e.Message()},
                              {"hint", "attendez sa fin (page Pipeline)"},
                              {"cause", Cause(e)}},
                             409);
                return;
            }
            if (e.Kind() == ErrorKind::INVALID_INPUT) {
                ctx.SendJson({{"error", "demande d'exécution refusée : " + e.Message()},
                              {"hint", e.Hint()},
                              {"cause", Cause(e)}},
                             400);
                return;
            }
            throw;
        }
    });
}

} // namespace hf::serve
