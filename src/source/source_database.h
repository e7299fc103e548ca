#pragma once

#include "common/config.h"
#include "pg/connection.h"
#include "source/local_cluster.h"

namespace hf::source {

// The private cluster described by the configuration (data_dir, source.port, source.system_user).
LocalCluster ClusterFromConfig(const Config& config);

// True when source.url is empty, i.e. the operational database is the private cluster.
bool UsesPrivateCluster(const Config& config);

// How to reach the operational database: source.url with its secret password
// (HEALTHFLOW_SOURCE_PASSWORD or source.password_file), else the private cluster.
pg::ConnectionSpec SourceSpec(const Config& config);

// Opens a connection to the operational database.
pg::Connection ConnectSource(const Config& config);

}  // namespace hf::source
