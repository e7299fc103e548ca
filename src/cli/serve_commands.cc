#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "cli/cli_context.h"
#include "common/error.h"
#include "common/fs.h"
#include "db/warehouse.h"
#include "pipeline/background_run.h"
#include "pipeline/cron.h"
#include "pipeline/hosted_scheduler.h"
#include "serve/announcement.h"
#include "serve/roles.h"
#include "serve/server.h"
#include "serve/users.h"
#include "serve/warehouse_threads.h"

namespace hf::cli {

namespace {

struct ServeOptions {
    bool require_login = false;
    int threads = 24;
};

struct UserOptions {
    std::string name;
    std::string role;
};

// The new user's password: HEALTHFLOW_USER_PASSWORD, else the first line of standard input.
std::string ReadPassword(const std::string& name) {
    if (const char* env = std::getenv("HEALTHFLOW_USER_PASSWORD"); env != nullptr && *env != '\0') {
        return env;
    }
    if (::isatty(STDIN_FILENO)) {
        std::fprintf(stderr, "password for %s (input is shown; pipe it in to hide it): ", name.c_str());
    }
    std::string password;
    if (!std::getline(std::cin, password) || password.empty()) {
        throw Error(ErrorKind::INVALID_INPUT, "no password given for user '" + name + "'",
                    "pipe it on standard input or set HEALTHFLOW_USER_PASSWORD");
    }
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    return password;
}

// The pipeline's options from the body of POST /api/pipeline/runs (checked by the route).
pipeline::RunRequest RunRequestFrom(const nlohmann::json& body) {
    pipeline::RunRequest request;
    request.logical_date = body.value("logical_date", std::string());
    request.full_refresh = body.value("full_refresh", false);
    request.only_task = body.value("task", std::string());
    request.trigger = pipeline::ParseTrigger(body.value("trigger", std::string("manual")));
    return request;
}

// Stops the hosted pipeline's run (BackgroundRuns::Shutdown) before the server it reports to dies.
struct StopRunsFirst {
    std::shared_ptr<pipeline::BackgroundRuns> runs;
    ~StopRunsFirst() { runs->Shutdown(); }
};

void RunServer(CliContext& ctx, const ServeOptions& opts) {
    const Config& config = ctx.GetConfig();
    if (auto other = serve::FindLiveServer(config.DataDir())) {
        throw Error(ErrorKind::CONFLICT,
                    "another `healthflow serve` (pid " + std::to_string(other->pid) + ") serves " +
                        config.DataDir().string() + " on " + other->Url(),
                    "use that one, or stop it first (Ctrl-C, or kill " + std::to_string(other->pid) + ")");
    }
    pipeline::UseTimeZone(config.Get("pipeline.timezone")); // logical dates and the schedule
    serve::ServerOptions options;
    options.bind = config.Get("serve.bind");
    options.port = static_cast<int>(config.GetInt("serve.port"));
    options.require_login = opts.require_login;
    options.threads = opts.threads;
    long long active_queries = config.GetInt("serve.active_queries");
    if (active_queries < 0 || active_queries > 4096) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "serve.active_queries must be between 0 and 4096, got " + std::to_string(active_queries),
                    "set it to 0 (one more than the machine's cores) or to a number of requests");
    }
    options.active_queries = active_queries > 0
                                 ? static_cast<int>(active_queries)
                                 : static_cast<int>(std::max(1U, std::thread::hardware_concurrency())) + 1;
    options.cache_seconds = config.GetDouble("serve.cache_seconds");
    options.data_dir = config.DataDir();
    long long warehouse_threads = config.GetInt("serve.warehouse_threads");
    if (warehouse_threads < 0 || warehouse_threads > 1024) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "serve.warehouse_threads must be between 0 and 1024, got " + std::to_string(warehouse_threads),
                    "set it to 0 (DuckDB's default) or to a number of threads");
    }
    long long kept_statements = config.GetInt("serve.prepared_statements");
    if (kept_statements < 0) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "serve.prepared_statements must be 0 or more, got " + std::to_string(kept_statements),
                    "set it to 0 (none kept) or to a number of statements, e.g. 64");
    }
    auto duckdb_threads = std::make_shared<serve::WarehouseThreads>([config] { return db::OpenWarehouse(config); },
                                                                    static_cast<int>(warehouse_threads));
    options.open_warehouse = [config, kept_statements, duckdb_threads] {
        auto warehouse = db::OpenWarehouse(config);
        warehouse->KeepPreparedStatements(static_cast<size_t>(kept_statements));
        duckdb_threads->OnOpen(*warehouse);
        return warehouse;
    };
    const std::string control_token = RandomToken(43);
    options.control_token = control_token;
    std::string where = options.open_warehouse()->Describe(); // fails now, clearly, if unreachable
    // Runs started from the Pipeline page, handed over by `healthflow run` or fired by the hosted
    // scheduler run in this process, which holds the warehouse.
    auto runs = std::make_shared<pipeline::BackgroundRuns>(config);
    options.start_pipeline_run = [runs](const nlohmann::json& request) {
        std::string run_id = runs->Start(RunRequestFrom(request));
        return nlohmann::json{{"run_id", run_id}, {"state", "running"}};
    };
    std::unique_ptr<pipeline::HostedScheduler> scheduler;
    if (config.GetBool("serve.scheduler")) {
        scheduler = std::make_unique<pipeline::HostedScheduler>(config, *runs);
        options.services.push_back({"scheduler", [s = scheduler.get()](std::stop_token stop) { s->Run(stop); }});
        options.scheduler_status = [s = scheduler.get()] {
            auto status = s->Status();
            return nlohmann::json{
                {"cron", status.cron},
                {"fuseau", status.timezone},
                {"prochaine_execution",
                 status.next_run ? nlohmann::json(pipeline::FormatInstant(*status.next_run)) : nlohmann::json()}};
        };
    }

    // SIGINT/SIGTERM stop the server cleanly: blocked here, waited for by one thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    serve::Server server(std::move(options));
    StopRunsFirst stop_runs{runs};
    runs->SetOnFinished([&server](const pipeline::RunRecord&) { server.InvalidateCache(); });
    runs->SetAroundRun([duckdb_threads] { duckdb_threads->ForRun(); },
                       [duckdb_threads] { duckdb_threads->ForServing(); });
    int port = server.Bind();
    serve::ServerAnnouncement announcement;
    announcement.bind = config.Get("serve.bind");
    announcement.port = port;
    announcement.data_dir = config.DataDir().string();
    announcement.token = control_token;
    announcement.scheduler = scheduler != nullptr;
    if (scheduler) {
        announcement.schedule = config.Get("pipeline.schedule");
        announcement.timezone = config.Get("pipeline.timezone");
    }
    auto published = serve::PublishedAnnouncement::Publish(announcement);
    std::printf("HealthFlow dashboards on http://%s:%d/ (warehouse: %s; %s)\n", config.Get("serve.bind").c_str(), port,
                where.c_str(), server.LoginRequired() ? "login required" : "no login: loopback only, admin role");
    if (scheduler) {
        std::printf("hosting the scheduler: '%s' in %s%s\n", config.Get("pipeline.schedule").c_str(),
                    config.Get("pipeline.timezone").c_str(),
                    config.GetBool("pipeline.catch_up") ? ", catching up missed runs" : "");
    }
    std::printf("pipeline runs of this data folder (`healthflow run`, `backfill`) are handed to this server "
                "(%s)\n",
                serve::AnnouncementFile(config.DataDir()).c_str());
    std::printf("press Ctrl-C to stop\n");
    std::fflush(stdout);
    std::thread watcher([&server, signals] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.Stop();
    });
    server.Run();
    pthread_kill(watcher.native_handle(), SIGTERM); // wakes the watcher if Run() ended on its own
    watcher.join();
    if (!runs->Current().empty()) {
        std::printf("stopping run %s: the task running now finishes, the others are skipped\n",
                    runs->Current().c_str());
        std::fflush(stdout);
    }
    runs->Shutdown();
    std::printf("stopped\n");
}

} // namespace

void RegisterServeCommands(CLI::App& app, CliContext& ctx) {
    auto opts = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "Serve the dashboards and the JSON API over the warehouse's marts");
    cmd->footer(
        "Pages: Pilotage des lits, Gestion des stocks, Analyse financière, Historique patient, Pipeline. "
        "Bound to 127.0.0.1 (the default) nobody logs in and every page is open; bound to any other address, "
        "users log in (see `healthflow users`). The server holds the warehouse and hosts the pipeline: `healthflow "
        "run` "
        "and `backfill` hand their runs to it (through <data_dir>/serve.json), and --scheduler runs the scheduler "
        "here. See docs/dashboards.md.");
    cmd->add_option_function<int>(
           "--port", [&ctx](int port) { ctx.Override("serve.port", std::to_string(port)); },
           "Port to listen on (default serve.port, 8080; 0 picks a free one)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option_function<std::string>(
        "--bind", [&ctx](const std::string& bind) { ctx.Override("serve.bind", bind); },
        "Address to listen on (default serve.bind, 127.0.0.1); any other address requires login");
    cmd->add_flag("--require-login", opts->require_login, "Require login even on 127.0.0.1");
    cmd->add_option("--threads", opts->threads, "Request threads (default 24)")->check(CLI::Range(2, 256));
    cmd->add_flag_callback(
        "--scheduler", [&ctx] { ctx.Override("serve.scheduler", "true"); },
        "Host the pipeline's scheduler (pipeline.schedule in pipeline.timezone; setting serve.scheduler)");
    cmd->callback([&ctx, opts] { RunServer(ctx, *opts); });

    auto user_opts = std::make_shared<UserOptions>();
    auto* users = app.add_subcommand("users", "Manage the dashboards' users (needed when serving off 127.0.0.1)");
    users->require_subcommand(1);
    users->footer("Users live in <data_dir>/secrets/users.json (mode 0600) with salted PBKDF2-SHA256 password hashes. "
                  "Roles: direction (lits, finance, pipeline), pharmacie (stocks), finance (finance), admin (all, "
                  "including patient identity). Every role sees the pseudonymous patient history.");
    auto* add = users->add_subcommand("add", "Add a user, or replace its role and password");
    add->add_option("name", user_opts->name, "User name (letters, digits, . _ -)")->required();
    add->add_option("--role", user_opts->role, "direction, pharmacie, finance or admin")
        ->required()
        ->check(CLI::IsMember(serve::KnownRoles()));
    add->footer("The password comes from HEALTHFLOW_USER_PASSWORD or the first line of standard input (8 characters at "
                "least).");
    add->callback([&ctx, user_opts] {
        auto file = serve::UserStore::FileIn(ctx.GetConfig().DataDir());
        auto store = serve::UserStore::Load(file).Value();
        store.Upsert(user_opts->name, user_opts->role, ReadPassword(user_opts->name));
        store.Save().Check();
        std::printf("user %s saved with role %s in %s\n", user_opts->name.c_str(), user_opts->role.c_str(),
                    file.c_str());
    });
    auto* list = users->add_subcommand("list", "List the users and their roles");
    list->callback([&ctx] {
        auto store = serve::UserStore::Load(serve::UserStore::FileIn(ctx.GetConfig().DataDir())).Value();
        std::printf("%-24s %s\n", "user", "role");
        for (const auto& u : store.Users()) {
            std::printf("%-24s %s\n", u.name.c_str(), u.role.c_str());
        }
        std::printf("%zu user(s)\n", store.Users().size());
    });
    auto* remove = users->add_subcommand("remove", "Remove a user");
    remove->add_option("name", user_opts->name, "User name")->required();
    remove->callback([&ctx, user_opts] {
        auto store = serve::UserStore::Load(serve::UserStore::FileIn(ctx.GetConfig().DataDir())).Value();
        if (!store.Remove(user_opts->name)) {
            throw Error(ErrorKind::NOT_FOUND, "no user named '" + user_opts->name + "'",
                        "`healthflow users list` shows the users");
        }
        store.Save().Check();
        std::printf("user %s removed\n", user_opts->name.c_str());
    });
}

} // namespace hf::cli
