#include "extract/extract_state.h"

#include <nlohmann/json.hpp>

#include "lake/layout.h"

namespace hf::extract {

std::optional<std::string> ExtractState::Watermark(const std::string& table) const {
    auto it = tables.find(table);
    if (it == tables.end()) {
        return std::nullopt;
    }
    return it->second.watermark;
}

ExtractState ExtractState::Load(lake::ObjectStore& lake) {
    const std::string key = lake::ExtractStateKey();
    auto content = lake.Get(key);
    if (!content.Ok() && content.Err().Kind() == ErrorKind::NOT_FOUND) {
        return {};
    }
    ExtractState state;
    try {
        auto json = nlohmann::json::parse(content.Value());
        for (const auto& [table, entry] : json.at("tables").items()) {
            state.tables[table] = {entry.at("watermark").get<std::string>(), entry.at("batch_id").get<std::string>()};
            lake::ParseIsoMicros(state.tables[table].watermark);
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::DATA, "extraction state '" + key + "' in " + lake.Describe() + " is malformed: " + e.what(),
                    "restore it, or delete it and run `healthflow extract --mode full`");
    }
    return state;
}

void ExtractState::Save(lake::ObjectStore& lake) const {
    nlohmann::json tables_json = nlohmann::json::object();
    for (const auto& [table, entry] : tables) {
        tables_json[table] = {{"watermark", entry.watermark}, {"batch_id", entry.batch_id}};
    }
    nlohmann::json out = {{"format_version", 1}, {"tables", tables_json}};
    lake.Put(lake::ExtractStateKey(), out.dump(2) + "\n").Check();
}

}  // namespace hf::extract
