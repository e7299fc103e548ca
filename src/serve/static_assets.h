#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hf::serve {

// A front-end file compiled into the binary.
struct Asset {
    std::string_view content;
    std::string content_type;
};

// The file served at `url_path`: "/" is the dashboards' page, "/static/<p>" a file of web/src,
// "/static/vendor/echarts.min.js" the bundled ECharts. nullopt for any other path.
// Thread-safe (reads an immutable bundle).
std::optional<Asset> FindAsset(std::string_view url_path);

} // namespace hf::serve
