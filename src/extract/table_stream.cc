#include "extract/table_stream.h"

#include <chrono>

#include "common/hash.h"
#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(extract_sql)

namespace hf::extract {

namespace {

constexpr size_t kChunkSize = 1 << 20;
using Clock = std::chrono::steady_clock;

std::string Fill(std::string sql, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [name, value] : values) {
        sql = ReplaceAll(std::move(sql), "{" + name + "}", value);
    }
    return sql;
}

}  // namespace

std::string BuildCopySql(pg::Connection& conn, const TablePlan& plan, const BatchAudit& audit) {
    std::vector<std::string> columns;
    std::vector<std::string> tombstone_columns;
    for (const auto& column : plan.columns) {
        std::string name = conn.QuoteIdentifier(column.name);
        columns.push_back("t." + name);
        tombstone_columns.push_back(column.name == "id" ? "d.ligne_id AS id" : "NULL AS " + name);
    }
    std::vector<std::pair<std::string, std::string>> values = {
        {"columns", Join(columns, ", ")},
        {"tombstone_columns", Join(tombstone_columns, ", ")},
        {"table", conn.QuoteIdentifier(plan.table)},
        {"table_name", conn.QuoteLiteral(plan.table)},
        {"watermark_to", conn.QuoteLiteral(plan.watermark_to)},
        {"extracted_at", conn.QuoteLiteral(audit.extracted_at)},
        {"source_system", conn.QuoteLiteral(audit.source_system)},
        {"batch_id", conn.QuoteLiteral(audit.batch_id)},
    };
    const auto& bundle = resources::bundles::extract_sql();
    if (!plan.watermark_from) {
        return Fill(std::string(bundle.Get("copy_full.sql")), values);
    }
    values.emplace_back("watermark_from", conn.QuoteLiteral(*plan.watermark_from));
    return Fill(std::string(bundle.Get("copy_incremental.sql")), values);
}

StreamedFile StreamTable(pg::Connection& conn, const std::string& copy_sql, const std::string& table,
                         const BatchAudit& audit, lake::ObjectWriter& writer,
                         const std::function<void(const TableProgress&)>& progress) {
    // Every tombstone line ends with the _op value 'D' followed by the constant audit columns.
    const std::string tombstone_suffix = ",D," + audit.extracted_at + "," + audit.source_system + "," +
                                         audit.batch_id + "\n";
    StreamedFile out;
    Sha256 hash;
    std::string chunk;
    chunk.reserve(kChunkSize + 4096);
    uint64_t lines = 0;
    const auto start = Clock::now();
    auto last_report = start;
    auto seconds_since_start = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    auto flush = [&] {
        hash.Update(chunk);
        writer.Write(chunk);
        out.bytes += chunk.size();
        chunk.clear();
    };
    conn.CopyOut(copy_sql, [&](std::string_view line) {
        ++lines;
        if (EndsWith(line, tombstone_suffix)) {
            ++out.tombstones;
        }
        chunk.append(line);
        if (chunk.size() < kChunkSize) {
            return;
        }
        flush();
        if (progress && Clock::now() - last_report >= std::chrono::seconds(1)) {
            last_report = Clock::now();
            progress({table, lines - 1, out.bytes, seconds_since_start(), false});
        }
    });
    flush();
    out.rows = lines > 0 ? lines - 1 : 0;
    out.sha256 = hash.FinishHex();
    out.seconds = seconds_since_start();
    if (progress) {
        progress({table, out.rows, out.bytes, out.seconds, true});
    }
    return out;
}

}  // namespace hf::extract
