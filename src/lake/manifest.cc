#include "lake/manifest.h"

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace hf::lake {

namespace {

using json = nlohmann::ordered_json;

json FileToJson(const ManifestFile& f) {
    json columns = json::array();
    for (const auto& c : f.columns) {
        columns.push_back({{"name", c.name}, {"type", c.type}});
    }
    json out = {{"table", f.table},   {"key", f.key},       {"mode", f.mode},
                {"rows", f.rows},     {"tombstones", f.tombstones},
                {"bytes", f.bytes},   {"sha256", f.sha256}, {"columns", columns}};
    out["watermark_from"] = f.watermark_from ? json(*f.watermark_from) : json(nullptr);
    out["watermark_to"] = f.watermark_to;
    return out;
}

ManifestFile FileFromJson(const json& j) {
    ManifestFile f;
    f.table = j.at("table").get<std::string>();
    f.key = j.at("key").get<std::string>();
    f.mode = j.value("mode", j.at("watermark_from").is_null() ? "full" : "incremental");
    f.rows = j.at("rows").get<uint64_t>();
    f.tombstones = j.at("tombstones").get<uint64_t>();
    f.bytes = j.at("bytes").get<uint64_t>();
    f.sha256 = j.at("sha256").get<std::string>();
    for (const auto& c : j.at("columns")) {
        f.columns.push_back({c.at("name").get<std::string>(), c.at("type").get<std::string>()});
    }
    if (!j.at("watermark_from").is_null()) {
        f.watermark_from = j.at("watermark_from").get<std::string>();
    }
    f.watermark_to = j.at("watermark_to").get<std::string>();
    return f;
}

}  // namespace

std::string Manifest::ToJson() const {
    json files_json = json::array();
    for (const auto& f : files) {
        files_json.push_back(FileToJson(f));
    }
    json out = {{"format_version", format_version}, {"batch_id", batch_id},
                {"mode", mode},                     {"format", format},
                {"source_system", source_system},   {"extracted_at", extracted_at},
                {"files", files_json}};
    return out.dump(2) + "\n";
}

Manifest Manifest::FromJson(const std::string& text, const std::string& origin) {
    try {
        json j = json::parse(text);
        Manifest m;
        m.format_version = j.at("format_version").get<int>();
        if (m.format_version != 1) {
            throw Error(ErrorKind::DATA,
                        "manifest " + origin + " has format_version " + std::to_string(m.format_version),
                        "this HealthFlow reads format_version 1; upgrade HealthFlow");
        }
        m.batch_id = j.at("batch_id").get<std::string>();
        m.mode = j.at("mode").get<std::string>();
        m.format = j.at("format").get<std::string>();
        m.source_system = j.at("source_system").get<std::string>();
        m.extracted_at = j.at("extracted_at").get<std::string>();
        for (const auto& f : j.at("files")) {
            m.files.push_back(FileFromJson(f));
        }
        return m;
    } catch (const json::exception& e) {
        throw Error(ErrorKind::DATA, "manifest " + origin + " is malformed: " + e.what(),
                    "the manifest was not written by HealthFlow or was altered; re-extract the batch");
    }
}

}  // namespace hf::lake
