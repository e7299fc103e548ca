#include "support/cli_runner.h"

#include <cstdlib>

#include "common/error.h"

namespace hf::testing {

ProcessOutcome RunHealthflow(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    const char* binary = std::getenv("HF_BINARY");
    if (binary == nullptr) {
        throw Error(ErrorKind::INTERNAL, "HF_BINARY is not set", "run the suite through ctest");
    }
    std::vector<std::string> argv = {binary};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.extra_env = env;
    return RunProcess(argv, options).Value();
}

}  // namespace hf::testing
