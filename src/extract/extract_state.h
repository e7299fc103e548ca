#pragma once

#include <map>
#include <optional>
#include <string>

#include "lake/object_store.h"

namespace hf::extract {

// Where each table's incremental extraction stands, kept in the lake at
// _state/extract_state.json. Saved only after the batch's manifest is published, so a
// crash makes the next run re-extract a window rather than skip it. Plain value.
struct ExtractState {
    struct TableState {
        std::string watermark;   // inclusive upper bound already extracted (ISO 8601 UTC)
        std::string batch_id;    // the batch that extracted it
    };
    std::map<std::string, TableState> tables;

    // The table's watermark, if it was ever extracted.
    std::optional<std::string> Watermark(const std::string& table) const;

    // Reads the state; empty when the lake has none yet. Throws DATA when it is malformed.
    static ExtractState Load(lake::ObjectStore& lake);
    // Writes the state atomically. Throws on failure.
    void Save(lake::ObjectStore& lake) const;
};

}  // namespace hf::extract
