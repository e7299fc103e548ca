#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <atomic>

namespace hf {

namespace {
std::atomic<Verbosity> g_verbosity{Verbosity::NORMAL};
}

void InitLogging(Verbosity verbosity) {
    g_verbosity = verbosity;
    auto logger = spdlog::stderr_color_mt("healthflow");
    logger->set_pattern("%H:%M:%S %^%l%$ %v");
    switch (verbosity) {
    case Verbosity::QUIET: logger->set_level(spdlog::level::warn); break;
    case Verbosity::NORMAL: logger->set_level(spdlog::level::info); break;
    case Verbosity::VERBOSE: logger->set_level(spdlog::level::debug); break;
    }
    spdlog::set_default_logger(logger);
}

Verbosity CurrentVerbosity() { return g_verbosity; }

}  // namespace hf
