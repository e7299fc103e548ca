#include "batch_fixture.h"

#include <nlohmann/json.hpp>

#include "common/hash.h"

namespace hf::load::testing {

std::vector<lake::ColumnSpec> ServicesColumns() {
    return {{"id", "integer"},
            {"code", "character varying(10)"},
            {"nom_service", "character varying(100)"},
            {"capacite_lits", "integer"},
            {"actif", "boolean"},
            {"date_creation", "timestamp with time zone"},
            {"date_modification", "timestamp with time zone"}};
}

std::vector<lake::ColumnSpec> AdmissionsColumns() {
    return {{"id", "integer"},
            {"patient_id", "integer"},
            {"service_id", "integer"},
            {"date_entree", "timestamp without time zone"},
            {"date_sortie", "timestamp without time zone"},
            {"mode_entree", "character varying(20)"},
            {"score_gravite", "integer"},
            {"motif", "text"},
            {"cout_total", "numeric(10,2)"},
            {"date_creation", "timestamp with time zone"},
            {"date_modification", "timestamp with time zone"}};
}

std::string Audit(const std::string& batch_id, char op) {
    // The batch instant is the id's first 16 characters: 20261128T180005Z.
    std::string ts = batch_id.substr(0, 4) + "-" + batch_id.substr(4, 2) + "-" + batch_id.substr(6, 2) + "T" +
                     batch_id.substr(9, 2) + ":" + batch_id.substr(11, 2) + ":" + batch_id.substr(13, 2) + ".000000Z";
    return std::string(1, op) + "," + ts + ",PostgreSQL_OLTP," + batch_id;
}

std::vector<std::string> AdmissionLines(const std::string& batch_id, int n) {
    std::vector<std::string> out;
    out.reserve(static_cast<size_t>(n));
    const std::string audit = Audit(batch_id);
    for (int i = 1; i <= n; ++i) {
        std::string id = std::to_string(i);
        out.push_back(id + "," + std::to_string(i % 997 + 1) + "," + std::to_string(i % 8 + 1) +
                      ",2026-11-01 08:00:00,2026-11-0" + std::to_string(i % 7 + 2) + " 10:30:00," +
                      (i % 3 == 0 ? "URGENCES" : "PROGRAMMEE") + "," + std::to_string(i % 10 + 1) +
                      ",\"Motif " + id + ", suivi\"," + std::to_string(i) + ".50,2026-11-01 08:00:00+00," +
                      "2026-11-01 08:00:00+00," + audit);
    }
    return out;
}

std::vector<std::string> WriteBatch(lake::LocalObjectStore& lake, const std::string& batch_id,
                                    const std::vector<FixtureFile>& files, bool with_manifest) {
    nlohmann::json manifest = {{"format_version", 1},  {"batch_id", batch_id},
                               {"mode", "full"},       {"format", "csv"},
                               {"source_system", "PostgreSQL_OLTP"}, {"extracted_at", "2026-11-28T18:00:05.000000Z"},
                               {"files", nlohmann::json::array()}};
    std::vector<std::string> keys;
    for (const auto& f : files) {
        std::string header;
        nlohmann::json columns = nlohmann::json::array();
        for (const auto& c : f.columns) {
            header += c.name + ",";
            columns.push_back({{"name", c.name}, {"type", c.type}});
        }
        header += "_op,_extracted_at,_source_system,_extraction_batch_id\n";
        std::string body = header;
        for (const auto& line : f.lines) {
            body += line + "\n";
        }
        std::string stamp = batch_id.substr(0, 8) + "_" + batch_id.substr(9, 6);
        std::string key = "bronze/" + f.table + "/year=" + batch_id.substr(0, 4) + "/month=" + batch_id.substr(4, 2) +
                          "/day=" + batch_id.substr(6, 2) + "/" + f.table + "_" + stamp + ".csv";
        lake.Put(key, body).Check();
        keys.push_back(key);
        manifest["files"].push_back({{"table", f.table},
                                     {"key", key},
                                     {"rows", f.lines.size()},
                                     {"tombstones", 0},
                                     {"bytes", body.size()},
                                     {"sha256", Sha256Hex(body)},
                                     {"columns", columns},
                                     {"watermark_from", nullptr},
                                     {"watermark_to", "2026-11-28T18:00:04.900000Z"}});
    }
    if (with_manifest) {
        lake.Put("bronze/_manifests/" + batch_id + ".json", manifest.dump(2)).Check();
    }
    return keys;
}

}  // namespace hf::load::testing
