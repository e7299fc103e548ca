#include "serve/static_assets.h"

#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(serve_web)

namespace hf::serve {

namespace {

std::string ContentType(std::string_view path) {
    if (EndsWith(path, ".html"))
        return "text/html; charset=utf-8";
    if (EndsWith(path, ".js"))
        return "text/javascript; charset=utf-8";
    if (EndsWith(path, ".css"))
        return "text/css; charset=utf-8";
    if (EndsWith(path, ".svg"))
        return "image/svg+xml";
    if (EndsWith(path, ".json"))
        return "application/json";
    return "application/octet-stream";
}

} // namespace

std::optional<Asset> FindAsset(std::string_view url_path) {
    const auto& bundle = resources::bundles::serve_web();
    std::string file;
    if (url_path == "/" || url_path == "/index.html") {
        file = "src/index.html";
    } else if (url_path == "/static/vendor/echarts.min.js") {
        file = "node_modules/echarts/dist/echarts.min.js";
    } else if (StartsWith(url_path, "/static/")) {
        file = "src/" + std::string(url_path.substr(8));
        if (file.find("..") != std::string::npos) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (!bundle.Contains(file)) {
        return std::nullopt;
    }
    return Asset{bundle.Get(file), ContentType(file)};
}

} // namespace hf::serve
