#include <cstdio>

#include <spdlog/spdlog.h>

#include "cli/cli_context.h"
#include "source/migrations.h"
#include "source/report.h"
#include "source/source_database.h"

namespace hf::cli {

namespace {

void RequirePrivateCluster(const Config& config, const char* command) {
    if (!source::UsesPrivateCluster(config)) {
        throw Error(ErrorKind::INVALID_INPUT,
                    std::string("`healthflow db ") + command + "` manages the private cluster, but source.url is set",
                    "unset HEALTHFLOW_SOURCE_URL / source.url to use the private cluster");
    }
}

void Migrate(const Config& config) {
    auto conn = source::ConnectSource(config);
    auto report = source::ApplyMigrations(conn);
    if (report.applied.empty()) {
        spdlog::info("schema is up to date (version {})", report.current_version);
    } else {
        spdlog::info("applied {} migration(s); schema version {}", report.applied.size(), report.current_version);
    }
}

}  // namespace

void RegisterDbCommands(CLI::App& app, CliContext& ctx) {
    auto* db = app.add_subcommand("db", "Manage the operational PostgreSQL database (private cluster or source.url)");
    db->require_subcommand(1);

    db->add_subcommand("start", "Create (first time) and start the private cluster, then apply the schema")
        ->callback([&ctx] {
            const Config& config = ctx.GetConfig();
            RequirePrivateCluster(config, "start");
            auto cluster = source::ClusterFromConfig(config);
            cluster.Start();
            Migrate(config);
            std::printf("%s\n", cluster.TcpUrl().c_str());
        });
    db->add_subcommand("stop", "Stop the private cluster")->callback([&ctx] {
        const Config& config = ctx.GetConfig();
        RequirePrivateCluster(config, "stop");
        source::ClusterFromConfig(config).Stop();
        spdlog::info("private PostgreSQL cluster stopped");
    });
    db->add_subcommand("status", "Tell whether the private cluster is running (exit 0) or not (exit 3)")
        ->callback([&ctx] {
            const Config& config = ctx.GetConfig();
            RequirePrivateCluster(config, "status");
            auto status = source::ClusterFromConfig(config).Status();
            if (!status.initialized) {
                std::printf("not created (run `healthflow db start`)\n");
                throw CLI::RuntimeError(3);
            }
            std::printf("%s on 127.0.0.1:%d\ndata: %s\nsocket: %s\nlog: %s\n",
                        status.running ? "running" : "stopped", status.port, status.cluster_dir.c_str(),
                        status.socket_dir.c_str(), status.log_file.c_str());
            if (!status.running) {
                throw CLI::RuntimeError(3);
            }
        });
    db->add_subcommand("url", "Print the connection URL of the private cluster (the password is in the data folder)")
        ->callback([&ctx] {
            const Config& config = ctx.GetConfig();
            if (!source::UsesPrivateCluster(config)) {
                std::printf("%s\n", source::SourceSpec(config).Redacted().c_str());
                return;
            }
            auto cluster = source::ClusterFromConfig(config);
            std::printf("%s\n", cluster.TcpUrl().c_str());
            std::fprintf(stderr, "password file: %s\n", cluster.PasswordFile().c_str());
        });
    db->add_subcommand("report",
                       "Show row counts of the operational tables and views, occupancy per service now and the "
                       "ten most urgent stock alerts")
        ->callback([&ctx] {
            auto conn = source::ConnectSource(ctx.GetConfig());
            bool first = true;
            for (const auto& table : source::OperationalReport(conn)) {
                std::printf("%s%s", first ? "" : "\n", source::RenderTable(table).c_str());
                first = false;
            }
        });
    db->add_subcommand("migrate", "Apply the schema migrations to the operational database")->callback([&ctx] {
        Migrate(ctx.GetConfig());
    });
}

}  // namespace hf::cli
