#include <cstdio>

#include <spdlog/spdlog.h>

#include "cli/cli_context.h"
#include "common/strings.h"
#include "lake/object_store.h"

namespace hf::cli {

void RegisterLakeCommands(CLI::App& app, CliContext& ctx) {
    auto* lake = app.add_subcommand("lake", "Inspect the data lake (lake.uri: a local folder or s3://bucket/prefix)");
    lake->require_subcommand(1);

    auto prefix = std::make_shared<std::string>();
    auto* ls = lake->add_subcommand("ls",
                                    "List the lake's objects (size in bytes, then key), sorted by key.\n"
                                    "For S3 set lake.uri=s3://bucket/prefix, AWS_ACCESS_KEY_ID and "
                                    "AWS_SECRET_ACCESS_KEY (see docs/lake.md)");
    ls->add_option("PREFIX", *prefix, "Only keys starting with this prefix (e.g. bronze/patients/)");
    ls->callback([&ctx, prefix] {
        auto store = lake::OpenObjectStore(ctx.GetConfig());
        auto objects = store->List(*prefix).Value();
        uint64_t total = 0;
        for (const auto& object : objects) {
            std::printf("%12llu  %s\n", static_cast<unsigned long long>(object.size), object.key.c_str());
            total += object.size;
        }
        spdlog::info("{} object(s), {} in {}", objects.size(), FormatBytes(static_cast<double>(total)),
                     store->Describe());
    });
}

}  // namespace hf::cli
