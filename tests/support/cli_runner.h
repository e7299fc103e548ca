#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/process.h"

namespace hf::testing {

// Runs the built `healthflow` binary (path from the HF_BINARY environment variable, set by
// CTest) with `args` and extra environment variables, and returns what it printed and its code.
ProcessOutcome RunHealthflow(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env = {});

}  // namespace hf::testing
