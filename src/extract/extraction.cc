#include "extract/extraction.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "common/fs.h"
#include "common/hash.h"
#include "common/resources.h"
#include "common/strings.h"
#include "extract/extract_lock.h"
#include "extract/extract_state.h"
#include "extract/parquet_conversion.h"
#include "extract/published_files.h"
#include "extract/source_catalog.h"
#include "extract/table_stream.h"
#include "lake/local_object_store.h"
#include "source/source_database.h"

HF_DECLARE_RESOURCE_BUNDLE(extract_sql)

namespace hf::extract {

namespace {

using Clock = std::chrono::steady_clock;

lake::Instant NowMicros() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// The batch's instant: now, or the next second when a batch of this second already used a
// file name or a batch id (two batches never share a file name).
lake::Instant PickBatchInstant(lake::ObjectStore& lake, const std::vector<std::string>& tables,
                               lake::FileFormat format) {
    for (;;) {
        lake::Instant now = NowMicros();
        bool used = !lake.List(lake::ManifestPrefix() + lake::BatchIdSecondPrefix(now)).Value().empty();
        for (const auto& table : tables) {
            used = used || lake.Exists(lake::DataFileKey(table, now, format)).Value();
        }
        if (!used) {
            return now;
        }
        std::this_thread::sleep_for(std::chrono::floor<std::chrono::seconds>(now) + std::chrono::seconds(1) - now);
    }
}

std::vector<std::string> SelectTables(const std::vector<std::string>& requested) {
    const auto& known = ExtractableTables();
    if (requested.empty()) {
        return known;
    }
    for (const auto& table : requested) {
        if (std::find(known.begin(), known.end(), table) == known.end()) {
            throw Error(ErrorKind::INVALID_INPUT, "'" + table + "' is not an extractable table",
                        "choose among " + Join(known, ", "));
        }
    }
    std::vector<std::string> out;
    for (const auto& table : known) {
        if (std::find(requested.begin(), requested.end(), table) != requested.end()) {
            out.push_back(table);
        }
    }
    return out;
}

// A private scratch folder under the system's temporary folder, removed with its content.
class ScratchFolder {
public:
    ScratchFolder()
        : path_(std::filesystem::temp_directory_path() / ("healthflow_extract_" + RandomToken(12))) {
        EnsureDirectory(path_, 0700).Check();
    }
    ~ScratchFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::filesystem::path& Path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Streams the table's CSV into a local scratch file, converts it to Parquet (source types,
// zstd) with DuckDB, then streams the Parquet file into `writer`; bytes and hash are those
// of the Parquet file, row and tombstone counts those of the CSV.
StreamedFile StreamTableAsParquet(pg::Connection& source, const std::string& copy_sql, const TablePlan& plan,
                                  const BatchAudit& audit, lake::ObjectWriter& writer,
                                  const std::function<void(const TableProgress&)>& progress) {
    ScratchFolder scratch;
    const auto csv = scratch.Path() / (plan.table + ".csv");
    const auto parquet = scratch.Path() / (plan.table + ".parquet");
    StreamedFile file;
    {
        lake::LocalObjectStore local(scratch.Path());
        auto csv_writer = local.OpenWriter(plan.table + ".csv");
        file = StreamTable(source, copy_sql, plan.table, audit, *csv_writer, progress);
        csv_writer->Commit();
    }
    ConvertCsvToParquet(csv, plan.columns, parquet);
    std::filesystem::remove(csv);
    Sha256 hash;
    file.bytes = 0;
    lake::LocalObjectStore local(scratch.Path());
    local.Read(plan.table + ".parquet", [&](std::string_view chunk) {
        hash.Update(chunk);
        writer.Write(chunk);
        file.bytes += chunk.size();
    }).Check();
    file.sha256 = hash.FinishHex();
    return file;
}

std::string SingleLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return std::string(Trim(text));
}

}  // namespace

std::string_view ModeName(ExtractMode mode) { return mode == ExtractMode::FULL ? "full" : "incremental"; }

ExtractMode ParseMode(std::string_view name) {
    std::string lower = ToLower(name);
    if (lower == "full") {
        return ExtractMode::FULL;
    }
    if (lower == "incremental") {
        return ExtractMode::INCREMENTAL;
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown extraction mode '" + std::string(name) + "'",
                "use full or incremental");
}

const std::vector<std::string>& ExtractableTables() {
    static const std::vector<std::string> tables = {"services", "patients", "admissions", "stocks_medicaments"};
    return tables;
}

ExtractionReport ExtractBatch(pg::Connection& source, lake::ObjectStore& lake, const ExtractOptions& options) {
    const auto started = Clock::now();
    const std::vector<std::string> tables = SelectTables(options.tables);
    ExtractLock lock = ExtractLock::Acquire(source, lake, options.lock_timeout);
    if (auto* local = dynamic_cast<lake::LocalObjectStore*>(&lake)) {
        if (size_t removed = local->RemoveAbandonedTemporaries("bronze"); removed > 0) {
            spdlog::info("removed {} temporary file(s) left by an interrupted extraction", removed);
        }
    }
    ExtractState state = ExtractState::Load(lake);
    source.Exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_encoding = 'UTF8'");

    const lake::Instant instant = PickBatchInstant(lake, tables, options.format);
    BatchAudit audit{lake::FormatIsoMicros(instant), lake::NewBatchId(instant)};

    ExtractionReport report;
    report.manifest.batch_id = audit.batch_id;
    report.manifest.format = std::string(lake::FormatName(options.format));
    report.manifest.extracted_at = audit.extracted_at;
    PublishedFiles published(lake);

    pg::WithTransaction(
        source,
        [&] {
            const double margin = std::chrono::duration<double>(options.safety_margin).count();
            const std::string snapshot_bound =
                std::string(source.ExecParams(resources::bundles::extract_sql().Get("snapshot_watermark.sql"),
                                              {std::to_string(margin)})
                                .Get(0, 0));
            for (const auto& table : tables) {
                TablePlan plan;
                plan.table = table;
                plan.columns = ReadColumns(source, table);
                RequireColumns(table, plan.columns, {"id", "date_modification"});
                plan.watermark_to = snapshot_bound;
                TableResult result;
                result.table = table;
                if (options.mode == ExtractMode::INCREMENTAL) {
                    plan.watermark_from = state.Watermark(table);
                    result.first_incremental = !plan.watermark_from.has_value();
                }
                if (plan.watermark_from) {
                    // Never move a watermark backwards (a long transaction may hold the bound back).
                    plan.watermark_to = std::max(plan.watermark_to, *plan.watermark_from);
                }
                result.mode = plan.watermark_from ? ExtractMode::INCREMENTAL : ExtractMode::FULL;
                result.key = lake::DataFileKey(table, instant, options.format);

                auto writer = lake.OpenWriter(result.key);
                const std::string copy_sql = BuildCopySql(source, plan, audit);
                StreamedFile file = options.format == lake::FileFormat::CSV
                                        ? StreamTable(source, copy_sql, table, audit, *writer, options.progress)
                                        : StreamTableAsParquet(source, copy_sql, plan, audit, *writer,
                                                               options.progress);
                published.Add(result.key);
                writer->Commit();

                result.rows = file.rows;
                result.tombstones = file.tombstones;
                result.bytes = file.bytes;
                result.seconds = file.seconds;
                report.tables.push_back(result);
                report.manifest.files.push_back({table, result.key, std::string(ModeName(result.mode)), file.rows,
                                                 file.tombstones, file.bytes, file.sha256, plan.columns,
                                                 plan.watermark_from, plan.watermark_to});
            }
        },
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");

    bool all_full = std::all_of(report.tables.begin(), report.tables.end(),
                                [](const TableResult& t) { return t.mode == ExtractMode::FULL; });
    report.manifest.mode = all_full ? "full" : "incremental";
    report.manifest_key = lake::ManifestKey(audit.batch_id);
    if (Status put = lake.Put(report.manifest_key, report.manifest.ToJson()); !put.Ok()) {
        // A remote store may have stored it despite the error: never leave a manifest whose
        // data files are about to be removed.
        if (Status removed = lake.Delete(report.manifest_key); !removed.Ok()) {
            spdlog::warn("could not remove the manifest '{}' of a failed batch: {}", report.manifest_key,
                         removed.Err().OneLine());
        }
        put.Check();
    }
    published.Keep();

    for (const auto& file : report.manifest.files) {
        state.tables[file.table] = {file.watermark_to, audit.batch_id};
    }
    try {
        state.Save(lake);
    } catch (const Error& e) {
        throw Error(e.Kind(),
                    "batch " + audit.batch_id + " was published but the watermarks could not be saved: " + e.Message(),
                    "the next incremental extraction will extract the same window again; " + e.Hint());
    }
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

ExtractOptions OptionsFromConfig(const Config& config) {
    ExtractOptions options;
    options.format = lake::ParseFormat(config.Get("lake.format"));
    options.lock_timeout = std::chrono::milliseconds(
        static_cast<long long>(config.GetDouble("extract.lock_timeout_seconds") * 1000));
    options.safety_margin = std::chrono::microseconds(
        static_cast<long long>(config.GetDouble("extract.safety_margin_seconds") * 1'000'000));
    return options;
}

namespace {

pg::Connection ConnectWithRetries(const Config& config) {
    const pg::ConnectionSpec spec = source::SourceSpec(config);
    const long long attempts = std::max(1LL, config.GetInt("extract.connect_attempts"));
    auto delay = std::chrono::milliseconds(500);
    std::string last;
    for (long long attempt = 1; attempt <= attempts; ++attempt) {
        auto conn = pg::Connection::Open(spec);
        if (conn.Ok()) {
            return std::move(conn).Value();
        }
        if (!conn.Err().Retryable()) {
            throw conn.Err();
        }
        last = SingleLine(conn.Err().Message());
        if (attempt < attempts) {
            spdlog::warn("source database unreachable (attempt {}/{}), retrying in {} ms: {}", attempt, attempts,
                         delay.count(), last);
            std::this_thread::sleep_for(delay);
            delay *= 2;
        }
    }
    throw Error(ErrorKind::UNAVAILABLE,
                "cannot reach the source database " + spec.Redacted() + " after " + std::to_string(attempts) +
                    " attempts: " + last,
                source::UsesPrivateCluster(config) ? "start the private cluster with `healthflow db start`"
                                                   : "check that the server is up and that source.url is right");
}

}  // namespace

ExtractionReport RunExtraction(const Config& config, const ExtractOptions& options) {
    pg::Connection source = ConnectWithRetries(config);
    auto lake = lake::OpenObjectStore(config);
    return ExtractBatch(source, *lake, options);
}

}  // namespace hf::extract
