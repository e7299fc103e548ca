#include <chrono>
#include <cstdio>

#include "common/error.h"
#include "common/hash.h"
#include "common/strings.h"
#include "load/csv_reader.h"
#include "load/file_loaders.h"
#include "load/value_check.h"

namespace hf::load {

namespace {

// A row set aside, with why.
struct Reject {
    uint64_t line = 0;
    std::optional<std::string> column;
    std::string raw;
    std::string reason;
};

// Turns records into checked rows: appends good ones, collects rejects.
class RecordSink {
public:
    RecordSink(const FileLoadContext& ctx, db::BulkAppender& appender)
        : ctx_(ctx), appender_(appender), source_fields_(ctx.columns.size() - 2) {
        for (size_t i = 0; i < source_fields_; ++i) {
            expected_header_.push_back(ctx.columns[i].name);
        }
        row_.resize(ctx.columns.size());
    }

    void operator()(CsvRecord& rec) {
        if (!header_seen_) {
            CheckHeader(rec);
            return;
        }
        if (auto reason = CheckRecord(rec)) {
            rejects_.push_back({rec.line, std::move(reason->first), PrintableUtf8(rec.raw), std::move(reason->second)});
            return;
        }
        appender_.AppendRow(row_);
        ++loaded_;
    }

    int64_t Loaded() const { return loaded_; }
    std::vector<Reject>& Rejects() { return rejects_; }
    bool HeaderSeen() const { return header_seen_; }

private:
    void CheckHeader(const CsvRecord& rec) {
        std::vector<std::string> names;
        for (const auto& f : rec.fields) {
            names.push_back(f.value_or(""));
        }
        if (names != expected_header_) {
            throw Error(ErrorKind::DATA,
                        "file " + ctx_.file.key + " of batch " + ctx_.batch.batch_id + ": its header (" +
                            Join(names) + ") does not match the manifest's columns (" + Join(expected_header_) + ")",
                        "the file and its manifest disagree; re-extract the batch");
        }
        header_seen_ = true;
    }

    static std::string Join(const std::vector<std::string>& v) {
        std::string out;
        for (size_t i = 0; i < v.size(); ++i) {
            out += (i == 0 ? "" : ", ") + v[i];
        }
        return out;
    }

    // Fills row_ or returns (column, reason).
    std::optional<std::pair<std::optional<std::string>, std::string>> CheckRecord(const CsvRecord& rec) {
        if (!rec.error.empty()) {
            return std::make_pair(std::nullopt, "malformed CSV: " + rec.error);
        }
        size_t bad = 0;
        if (!IsValidUtf8(rec.raw, bad)) {
            return std::make_pair(std::nullopt, "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
        }
        if (rec.fields.size() != source_fields_) {
            return std::make_pair(std::nullopt, "expected " + std::to_string(source_fields_) + " fields, found " +
                                                    std::to_string(rec.fields.size()));
        }
        for (size_t i = 0; i < source_fields_; ++i) {
            const auto& field = rec.fields[i];
            if (!field) {
                row_[i] = db::Value();
                continue;
            }
            if (auto reason = CheckField(ctx_.columns[i], *field, row_[i])) {
                return std::make_pair(ctx_.columns[i].name, std::move(*reason));
            }
        }
        const size_t op = source_fields_ - 4;
        const auto& op_field = rec.fields[op];
        if (!op_field || (*op_field != "U" && *op_field != "D")) {
            return std::make_pair(std::string("_op"), "_op '" + op_field.value_or("") + "' is neither U nor D");
        }
        const auto& batch_field = rec.fields[op + 3];
        if (batch_field.value_or("") != ctx_.batch.batch_id) {
            return std::make_pair(std::string("_extraction_batch_id"),
                                  "batch id '" + batch_field.value_or("") + "' is not the manifest's (" +
                                      ctx_.batch.batch_id + ")");
        }
        row_[source_fields_] = ctx_.loaded_at;
        row_[source_fields_ + 1] = ctx_.file.key;
        return std::nullopt;
    }

    const FileLoadContext& ctx_;
    db::BulkAppender& appender_;
    size_t source_fields_;  // source + audit columns present in the file
    std::vector<std::string> expected_header_;
    std::vector<db::Value> row_;
    std::vector<Reject> rejects_;
    int64_t loaded_ = 0;
    bool header_seen_ = false;
};

void WriteRejects(const FileLoadContext& ctx, const std::vector<Reject>& rejects) {
    if (rejects.empty()) {
        return;
    }
    auto appender = ctx.warehouse.OpenAppender(std::string(kStagingSchema), "load_rejects");
    for (const auto& r : rejects) {
        appender->AppendRow({ctx.batch.batch_id, ctx.file.key, static_cast<long long>(r.line),
                             r.column ? db::Value(*r.column) : db::Value(), r.raw, r.reason, ctx.loaded_at});
    }
    appender->Close();
}

}  // namespace

FileLoadOutcome LoadCsvFile(const FileLoadContext& ctx) {
    const std::string table = StagingTableName(ctx.file.table);
    auto appender = ctx.warehouse.OpenAppender(std::string(kStagingSchema), table);
    RecordSink sink(ctx, *appender);
    CsvReader reader([&sink](CsvRecord& rec) { sink(rec); });
    Sha256 hasher;
    LoadProgress progress{ctx.file.key, 0, ctx.file.bytes, 0};
    auto last_report = std::chrono::steady_clock::now();
    Status read = ctx.lake.Read(ctx.file.key, [&](std::string_view chunk) {
        hasher.Update(chunk);
        progress.bytes_read += chunk.size();
        reader.Feed(chunk);
        auto now = std::chrono::steady_clock::now();
        if (ctx.options.on_progress &&
            std::chrono::duration<double>(now - last_report).count() >= ctx.options.progress_interval_seconds) {
            last_report = now;
            progress.rows = sink.Loaded() + static_cast<int64_t>(sink.Rejects().size());
            ctx.options.on_progress(progress);
        }
    });
    read.Check();
    reader.Finish();
    std::string actual = hasher.FinishHex();
    if (actual != ctx.file.sha256 || progress.bytes_read != ctx.file.bytes) {
        throw Error(ErrorKind::DATA,
                    "file " + ctx.file.key + " changed while it was loaded: sha256 " + actual + " (" +
                        std::to_string(progress.bytes_read) + " bytes), the manifest says " + ctx.file.sha256 + " (" +
                        std::to_string(ctx.file.bytes) + " bytes)",
                    "nothing of it was loaded; files of the lake must not change once their manifest is written");
    }
    if (!sink.HeaderSeen()) {
        throw Error(ErrorKind::DATA, "file " + ctx.file.key + " of batch " + ctx.batch.batch_id + " is empty (no header)",
                    "re-extract the batch");
    }
    appender->Close();
    WriteRejects(ctx, sink.Rejects());
    if (ctx.options.on_progress) {
        progress.rows = sink.Loaded() + static_cast<int64_t>(sink.Rejects().size());
        ctx.options.on_progress(progress);
    }
    return {sink.Loaded(), static_cast<int64_t>(sink.Rejects().size())};
}

std::string PrintableUtf8(std::string_view text, size_t max_bytes) {
    std::string out;
    size_t i = 0;
    while (i < text.size() && out.size() < max_bytes) {
        size_t bad = 0;
        std::string_view rest = text.substr(i, std::min<size_t>(text.size() - i, 4096));
        if (IsValidUtf8(rest, bad)) {
            out += rest;
            i += rest.size();
            continue;
        }
        if (bad > 0) {  // the valid prefix; the next round starts at the doubtful byte
            out += rest.substr(0, bad);
            i += bad;
            continue;
        }
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i]));
        out += buf;
        ++i;
    }
    if (i < text.size()) {
        out += "...";
    }
    return out;
}

}  // namespace hf::load
