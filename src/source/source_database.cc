#include "source/source_database.h"

namespace hf::source {

LocalCluster ClusterFromConfig(const Config& config) {
    LocalClusterOptions options;
    options.data_dir = config.DataDir();
    options.system_user = config.Get("source.system_user");
    options.port = static_cast<int>(config.GetInt("source.port"));
    return LocalCluster(options);
}

bool UsesPrivateCluster(const Config& config) { return config.Get("source.url").empty(); }

pg::ConnectionSpec SourceSpec(const Config& config) {
    if (UsesPrivateCluster(config)) {
        return ClusterFromConfig(config).Spec();
    }
    pg::ConnectionSpec spec;
    spec.url = config.Get("source.url");
    spec.password = ReadSecret(config, "source.password").Value();
    return spec;
}

pg::Connection ConnectSource(const Config& config) { return pg::Connection::Open(SourceSpec(config)).Value(); }

}  // namespace hf::source
