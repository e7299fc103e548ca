#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "cli/cli_context.h"
#include "common/error.h"
#include "db/warehouse.h"
#include "pipeline/background_run.h"
#include "serve/roles.h"
#include "serve/server.h"
#include "serve/users.h"

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

void RunServer(CliContext& ctx, const ServeOptions& opts) {
    const Config& config = ctx.GetConfig();
    serve::ServerOptions options;
    options.bind = config.Get("serve.bind");
    options.port = static_cast<int>(config.GetInt("serve.port"));
    options.require_login = opts.require_login;
    options.threads = opts.threads;
    options.cache_seconds = config.GetDouble("serve.cache_seconds");
    options.data_dir = config.DataDir();
    long long warehouse_threads = config.GetInt("serve.warehouse_threads");
    if (warehouse_threads < 0) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "serve.warehouse_threads must be 0 or more, got " + std::to_string(warehouse_threads),
                    "set it to 0 (DuckDB's default) or to a number of threads");
    }
    options.open_warehouse = [config, warehouse_threads] {
        auto warehouse = db::OpenWarehouse(config);
        if (warehouse_threads > 0 && warehouse->GetDialect().engine == "duckdb") {
            warehouse->Execute("SET threads = " + std::to_string(warehouse_threads));
        }
        return warehouse;
    };
    std::string where = options.open_warehouse()->Describe(); // fails now, clearly, if unreachable
    // Runs started from the Pipeline page run in this process, which holds the warehouse.
    auto runs = std::make_shared<pipeline::BackgroundRuns>(config);
    options.start_pipeline_run = [runs](const nlohmann::json& request) {
        std::string run_id = runs->Start(request.value("logical_date", std::string()));
        return nlohmann::json{{"run_id", run_id}, {"state", "running"}};
    };

    // SIGINT/SIGTERM stop the server cleanly: blocked here, waited for by one thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    serve::Server server(std::move(options));
    int port = server.Bind();
    std::printf("HealthFlow dashboards on http://%s:%d/ (warehouse: %s; %s)\n", config.Get("serve.bind").c_str(), port,
                where.c_str(), server.LoginRequired() ? "login required" : "no login: loopback only, admin role");
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
    std::printf("stopped\n");
}

} // namespace

void RegisterServeCommands(CLI::App& app, CliContext& ctx) {
    auto opts = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "Serve the dashboards and the JSON API over the warehouse's marts");
    cmd->footer("Pages: Pilotage des lits, Gestion des stocks, Analyse financière, Historique patient, Pipeline. "
                "Bound to 127.0.0.1 (the default) nobody logs in and every page is open; bound to any other address, "
                "users log in (see `healthflow users`). See docs/dashboards.md.");
    cmd->add_option_function<int>(
           "--port", [&ctx](int port) { ctx.Override("serve.port", std::to_string(port)); },
           "Port to listen on (default serve.port, 8080; 0 picks a free one)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option_function<std::string>(
        "--bind", [&ctx](const std::string& bind) { ctx.Override("serve.bind", bind); },
        "Address to listen on (default serve.bind, 127.0.0.1); any other address requires login");
    cmd->add_flag("--require-login", opts->require_login, "Require login even on 127.0.0.1");
    cmd->add_option("--threads", opts->threads, "Request threads (default 24)")->check(CLI::Range(2, 256));
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
