#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/fs.h"
#include "db/duckdb_warehouse.h"
#include "load/file_loaders.h"

namespace hf::load {

namespace {

// A local copy of a remote object, removed when it goes out of scope.
class LocalCopy {
public:
    LocalCopy(lake::ObjectStore& lake, const std::string& key) {
        auto local = lake.LocalPath(key);
        if (local) {
            path_ = *local;
            return;
        }
        path_ = std::filesystem::temp_directory_path() / ("healthflow_load_" + RandomToken(12) + ".parquet");
        owned_ = true;
        std::ofstream out(path_, std::ios::binary);
        lake.Read(key, [&](std::string_view chunk) { out.write(chunk.data(), static_cast<std::streamsize>(chunk.size())); })
            .Check();
        if (!out.flush()) {
            throw Error(ErrorKind::IO, "cannot write a temporary copy of " + key + " to " + path_.string(),
                        "free space in the temporary folder (TMPDIR)");
        }
    }
    ~LocalCopy() {
        if (owned_) {
            std::error_code ec;
            std::filesystem::remove(path_, ec);
        }
    }
    LocalCopy(const LocalCopy&) = delete;
    LocalCopy& operator=(const LocalCopy&) = delete;

    std::string Path() const { return path_.string(); }

private:
    std::filesystem::path path_;
    bool owned_ = false;
};

}  // namespace

FileLoadOutcome LoadParquetFile(const FileLoadContext& ctx) {
    LocalCopy copy(ctx.lake, ctx.file.key);
    std::string select;
    const size_t file_columns = ctx.columns.size() - 2;
    for (size_t i = 0; i < file_columns; ++i) {
        select += (i == 0 ? "" : ", ") + db::Warehouse::QuoteIdentifier(ctx.columns[i].name);
    }
    const std::string from = " FROM read_parquet(" + db::Warehouse::QuoteLiteral(copy.Path()) + ")";
    const std::string table = db::Warehouse::QualifiedName(kStagingSchema, StagingTableName(ctx.file.table));
    if (auto* duck = dynamic_cast<db::DuckDbWarehouse*>(&ctx.warehouse)) {
        auto rs = duck->Query("INSERT INTO " + table + " SELECT " + select + ", $1::TIMESTAMPTZ, $2" + from,
                              {ctx.loaded_at, ctx.file.key});
        int64_t rows = rs.affected_rows >= 0 ? rs.affected_rows : (rs.RowCount() == 1 ? rs.Int(0, 0) : 0);
        return {rows, 0};
    }
    // Another engine: read the file with an in-memory DuckDB and append its rows.
    auto reader = db::DuckDbWarehouse::Open(":memory:").Value();
    auto appender = ctx.warehouse.OpenAppender(std::string(kStagingSchema), StagingTableName(ctx.file.table));
    std::vector<db::Value> row(ctx.columns.size());
    reader->QueryChunks("SELECT " + select + from, {}, [&](const db::ResultSet& chunk) {
        for (size_t r = 0; r < chunk.RowCount(); ++r) {
            for (size_t c = 0; c < file_columns; ++c) {
                row[c] = db::Value(chunk.Optional(r, c));
            }
            row[file_columns] = ctx.loaded_at;
            row[file_columns + 1] = ctx.file.key;
            appender->AppendRow(row);
        }
        return true;
    });
    appender->Close();
    return {appender->RowsAppended(), 0};
}

}  // namespace hf::load
