#include "load/batch_manifest.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "load/staging_schema.h"

namespace hf::load {

const std::vector<std::string>& AuditColumns() {
    static const std::vector<std::string> kColumns = {"_op", "_extracted_at", "_source_system",
                                                      "_extraction_batch_id"};
    return kColumns;
}

BatchManifest BatchManifest::Parse(const std::string& text, const std::string& origin) {
    auto fail = [&](const std::string& what) {
        return Error(ErrorKind::DATA, "manifest " + origin + " is not valid: " + what,
                     "the batch cannot be loaded; re-extract it (the extraction writes a fresh manifest)");
    };
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw fail(e.what());
    }
    try {
        if (doc.value("format_version", 0) != 1) {
            throw fail("format_version " + doc.value("format_version", nlohmann::json()).dump() +
                       " is not supported (expected 1)");
        }
        BatchManifest m;
        m.batch_id = doc.at("batch_id").get<std::string>();
        m.mode = doc.value("mode", "full");
        m.format = doc.value("format", "csv");
        m.source_system = doc.value("source_system", "PostgreSQL_OLTP");
        m.extracted_at = doc.value("extracted_at", "");
        if (m.format != "csv" && m.format != "parquet") {
            throw fail("format '" + m.format + "' is neither csv nor parquet");
        }
        for (const auto& f : doc.at("files")) {
            BatchFile file;
            file.table = f.at("table").get<std::string>();
            file.key = f.at("key").get<std::string>();
            file.rows = f.value("rows", uint64_t{0});
            file.tombstones = f.value("tombstones", uint64_t{0});
            file.bytes = f.at("bytes").get<uint64_t>();
            file.sha256 = f.at("sha256").get<std::string>();
            for (const auto& c : f.at("columns")) {
                file.columns.push_back({c.at("name").get<std::string>(), c.at("type").get<std::string>()});
            }
            if (!IsSourceTable(file.table)) {
                throw fail("file " + file.key + " is for table '" + file.table + "', which is not a source table");
            }
            if (file.columns.empty()) {
                throw fail("file " + file.key + " lists no columns");
            }
            m.files.push_back(std::move(file));
        }
        return m;
    } catch (const nlohmann::json::exception& e) {
        throw fail(e.what());
    }
}

}  // namespace hf::load
