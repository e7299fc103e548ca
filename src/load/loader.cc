#include "load/loader.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <spdlog/spdlog.h>

#include "common/hash.h"
#include "common/strings.h"
#include "common/utc_time.h"
#include "lake/layout.h"
#include "lake/manifest.h"
#include "load/file_loaders.h"
#include "load/staging_schema.h"

namespace hf::load {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Now in UTC as "2026-11-28 18:00:05.123456+00".
std::string NowUtc() {
    return FormatUtcMicros(std::chrono::system_clock::now()) + "+00";
}

bool AlreadyLoaded(db::Warehouse& wh, const lake::ManifestFile& file) {
    return wh.Query("SELECT 1 FROM staging.load_history WHERE file_key = $1 AND sha256 = $2", {file.key, file.sha256})
               .RowCount() > 0;
}

// Reads the whole file and compares its size and SHA-256 with the manifest.
void VerifyFile(lake::ObjectStore& lake, const lake::Manifest& batch, const lake::ManifestFile& file) {
    Sha256 hasher;
    uint64_t bytes = 0;
    Status st = lake.Read(file.key, [&](std::string_view chunk) {
        hasher.Update(chunk);
        bytes += chunk.size();
    });
    if (!st) {
        if (st.Err().Kind() == ErrorKind::NOT_FOUND) {
            throw Error(ErrorKind::DATA,
                        "file " + file.key + " listed by batch " + batch.batch_id + " is missing from the lake",
                        "restore the file or re-extract the batch; nothing of batch " + batch.batch_id +
                            " was loaded");
        }
        st.Check();
    }
    std::string actual = hasher.FinishHex();
    if (actual != file.sha256 || bytes != file.bytes) {
        throw Error(ErrorKind::DATA,
                    "file " + file.key + " does not match its manifest (batch " + batch.batch_id + "): sha256 " +
                        actual + " (" + std::to_string(bytes) + " bytes), expected " + file.sha256 + " (" +
                        std::to_string(file.bytes) + " bytes)",
                    "the file was changed or damaged after extraction; restore it or re-extract the batch. "
                    "Nothing of batch " + batch.batch_id + " was loaded");
    }
}

FileLoad LoadOneFile(lake::ObjectStore& lake, db::Warehouse& wh, const lake::Manifest& batch, const lake::ManifestFile& file,
                     const LoadOptions& options) {
    auto start = std::chrono::steady_clock::now();
    const auto columns = StagingColumns(file.columns);
    const std::string loaded_at = NowUtc();
    FileLoadContext ctx{lake, wh, batch, file, columns, loaded_at, options};
    db::Transaction tx(wh);
    EnsureStagingTable(wh, file.table, columns);
    FileLoadOutcome outcome = batch.format == "parquet" ? LoadParquetFile(ctx) : LoadCsvFile(ctx);
    wh.Query("INSERT INTO staging.load_history VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             {file.key, file.sha256, batch.batch_id, file.table, static_cast<long long>(outcome.rows_loaded),
              static_cast<long long>(outcome.rows_rejected), static_cast<long long>(file.bytes), loaded_at});
    tx.Commit();
    FileLoad done{batch.batch_id, file.table, file.key, outcome.rows_loaded, outcome.rows_rejected, SecondsSince(start),
                  false};
    spdlog::info("loaded {} into staging.{}: {} rows, {} rejected, {:.2f} s", file.key, StagingTableName(file.table),
                 done.rows_loaded, done.rows_rejected, done.seconds);
    if (file.rows != static_cast<uint64_t>(done.rows_loaded + done.rows_rejected)) {
        spdlog::warn("{}: the manifest announces {} rows but the file holds {}", file.key, file.rows,
                     done.rows_loaded + done.rows_rejected);
    }
    return done;
}

// DATA and NOT_FOUND refuse a batch; anything else (warehouse down, disk full) ends the run.
bool RefusesBatch(const Error& e) { return e.Kind() == ErrorKind::DATA || e.Kind() == ErrorKind::NOT_FOUND; }

}  // namespace

int64_t LoadReport::RowsLoaded() const {
    int64_t n = 0;
    for (const auto& f : files) {
        n += f.already_loaded ? 0 : f.rows_loaded;
    }
    return n;
}

int64_t LoadReport::RowsRejected() const {
    int64_t n = 0;
    for (const auto& f : files) {
        n += f.already_loaded ? 0 : f.rows_rejected;
    }
    return n;
}

LoadReport LoadLake(lake::ObjectStore& lake, db::Warehouse& warehouse, const LoadOptions& options) {
    auto start = std::chrono::steady_clock::now();
    LoadReport report;
    EnsureLoadTables(warehouse);
    const std::string prefix = lake::ManifestPrefix();
    auto listing = lake.List(prefix).Value();
    std::vector<std::string> manifests;
    for (const auto& obj : listing) {
        if (EndsWith(obj.key, ".json") && obj.key.find('/', prefix.size()) == std::string::npos) {
            manifests.push_back(obj.key);
        }
    }
    std::sort(manifests.begin(), manifests.end());
    for (const auto& manifest_key : manifests) {
        ++report.batches_complete;
        try {
            auto batch = lake::Manifest::FromJson(lake.Get(manifest_key).Value(), manifest_key);
            for (const auto& file : batch.files) {
                if (!IsSourceTable(file.table)) {
                    throw Error(ErrorKind::DATA,
                                "manifest " + manifest_key + " lists " + file.key + " for table '" + file.table +
                                    "', which is not a source table",
                                "the batch was not written by `healthflow extract`; remove it from the lake");
                }
            }
            std::vector<const lake::ManifestFile*> todo;
            for (const auto& file : batch.files) {
                if (!options.tables.empty() &&
                    std::find(options.tables.begin(), options.tables.end(), file.table) == options.tables.end()) {
                    continue;
                }
                if (AlreadyLoaded(warehouse, file)) {
                    report.files.push_back({batch.batch_id, file.table, file.key, 0, 0, 0, true});
                } else {
                    todo.push_back(&file);
                }
            }
            if (todo.empty()) {
                ++report.batches_already_loaded;
                continue;
            }
            for (const auto* file : todo) {
                VerifyFile(lake, batch, *file);
            }
            for (const auto* file : todo) {
                report.files.push_back(LoadOneFile(lake, warehouse, batch, *file, options));
            }
            ++report.batches_loaded;
        } catch (const Error& e) {
            if (!RefusesBatch(e)) {
                throw;
            }
            spdlog::error("{}", e.Message());
            report.failure = e;
            break;
        }
    }
    std::vector<std::string> loaded_tables;
    for (const auto& f : report.files) {
        if (!f.already_loaded &&
            std::find(loaded_tables.begin(), loaded_tables.end(), f.table) == loaded_tables.end()) {
            loaded_tables.push_back(f.table);
        }
    }
    AnalyzeStagingTables(warehouse, loaded_tables);
    report.seconds = SecondsSince(start);
    return report;
}

}  // namespace hf::load
