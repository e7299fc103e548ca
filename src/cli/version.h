#pragma once

#include <string>

namespace hf::cli {

// "healthflow 0.1.0 (DuckDB v1.4.4, libpq 150018)".
std::string VersionString();

}  // namespace hf::cli
