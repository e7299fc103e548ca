#include <duckdb.h>

#include <memory>

#include "common/hash.h"
#include "common/strings.h"
#include "extract_fixture.h"

namespace hf::extract::testing {
namespace {

// An in-memory DuckDB database and connection, closed on destruction.
class DuckDb {
public:
    DuckDb() {
        if (duckdb_open(nullptr, &db_) != DuckDBSuccess || duckdb_connect(db_, &con_) != DuckDBSuccess) {
            throw Error(ErrorKind::INTERNAL, "cannot open an in-memory DuckDB database");
        }
    }
    ~DuckDb() {
        duckdb_disconnect(&con_);
        duckdb_close(&db_);
    }
    DuckDb(const DuckDb&) = delete;
    DuckDb& operator=(const DuckDb&) = delete;

    // Every value of the result as text (nullopt for NULL), row by row.
    std::vector<std::vector<std::optional<std::string>>> Query(const std::string& sql) {
        duckdb_result result;
        if (duckdb_query(con_, sql.c_str(), &result) != DuckDBSuccess) {
            std::string message = duckdb_result_error(&result);
            duckdb_destroy_result(&result);
            throw Error(ErrorKind::DATA, "DuckDB: " + message);
        }
        std::vector<std::vector<std::optional<std::string>>> rows;
        for (idx_t r = 0; r < duckdb_row_count(&result); ++r) {
            std::vector<std::optional<std::string>> row;
            for (idx_t c = 0; c < duckdb_column_count(&result); ++c) {
                if (duckdb_value_is_null(&result, c, r)) {
                    row.emplace_back(std::nullopt);
                    continue;
                }
                std::unique_ptr<char, decltype(&duckdb_free)> text(duckdb_value_varchar(&result, c, r), &duckdb_free);
                row.emplace_back(text.get());
            }
            rows.push_back(std::move(row));
        }
        duckdb_destroy_result(&result);
        return rows;
    }

private:
    duckdb_database db_ = nullptr;
    duckdb_connection con_ = nullptr;
};

std::vector<std::vector<std::optional<std::string>>> PgRows(pg::Connection& conn, const std::string& sql) {
    auto r = conn.Exec(sql);
    std::vector<std::vector<std::optional<std::string>>> rows;
    for (int i = 0; i < r.Rows(); ++i) {
        std::vector<std::optional<std::string>> row;
        for (int c = 0; c < r.Columns(); ++c) {
            row.push_back(r.GetOptional(i, c));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string ReadCsv(const std::string& path) {
    return "read_csv('" + path +
           "', header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true, "
           "allow_quoted_nulls = false)";
}

TEST_F(ExtractTest, HardValuesSurviveTheRoundTripThroughDuckDb) {
    SetUpSource("extract_round_trip");
    conn_->Exec(R"sql(
        INSERT INTO patients (id, nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email) VALUES
            (100, 'O''Brien, "le Grand"', 'Zoë 😀 Ñandú', NULL, '1900-01-01',
             E'12 rue de l''Église\nBâtiment B\r\n3e étage, porte "C"', '', NULL, 'zoe.obrien@exemple.fr'),
            (101, 'Nguyễn', 'Thị Hồng', 'F', '2000-02-29', ',', '""', ' ', NULL);
        INSERT INTO admissions (id, patient_id, service_id, date_entree, date_sortie, motif, cout_total,
                                date_creation) VALUES
            (100, 100, 1, '2026-02-28 23:59:59.999999', '2026-03-01 00:00:00.000001',
             E'Douleur, "aiguë"\nsuspicion: ;|\\ barre', 99999999.99, '2026-11-28 18:00:05.123456+00'),
            (101, 101, 2, '2026-11-28 00:00:00', NULL, '', 0.01, '1999-12-31 23:00:00-05');
    )sql");
    auto report = Extract(ExtractMode::FULL, {"patients", "admissions"});
    EXPECT_EQ(FileOf(report, "patients").rows, 6u);
    EXPECT_EQ(FileOf(report, "admissions").rows, 5u);
    DuckDb duck;
    conn_->Exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");

    auto patients_path = lake_->LocalPath(FileOf(report, "patients").key).value();
    EXPECT_EQ(duck.Query("SELECT id, nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email, "
                         "date_creation, date_modification, _op, _source_system FROM " +
                         ReadCsv(patients_path) + " WHERE id IN ('100', '101') ORDER BY id"),
              PgRows(*conn_, "SELECT id::text, nom, prenom, sexe, date_naissance::text, adresse, mutuelle, "
                             "telephone, email, date_creation::text, date_modification::text, 'U', "
                             "'PostgreSQL_OLTP' FROM patients WHERE id IN (100, 101) ORDER BY id"));

    auto admissions_path = lake_->LocalPath(FileOf(report, "admissions").key).value();
    EXPECT_EQ(duck.Query("SELECT id, date_entree, date_sortie, motif, cout_total, date_creation FROM " +
                         ReadCsv(admissions_path) + " WHERE id IN ('100', '101') ORDER BY id"),
              PgRows(*conn_, "SELECT id::text, date_entree::text, date_sortie::text, motif, cout_total::text, "
                             "date_creation::text FROM admissions WHERE id IN (100, 101) ORDER BY id"));

    // Typed: numerics as exact decimals, timestamps to the microsecond.
    auto typed = duck.Query(
        "SELECT CAST(cout_total AS DECIMAL(10,2))::VARCHAR, CAST(date_entree AS TIMESTAMP)::VARCHAR, "
        "epoch_us(CAST(date_creation AS TIMESTAMPTZ))::VARCHAR FROM " +
        ReadCsv(admissions_path) + " WHERE id = '100'");
    ASSERT_EQ(typed.size(), 1u);
    EXPECT_EQ(typed[0][0], "99999999.99");
    EXPECT_EQ(typed[0][1], "2026-02-28 23:59:59.999999");
    EXPECT_EQ(typed[0][2], "1795888805123456");
}

}  // namespace
}  // namespace hf::extract::testing

namespace hf::extract::testing {
namespace {

TEST_F(ExtractTest, ParquetKeepsTheSourceTypesAndValues) {
    SetUpSource("extract_parquet");
    conn_->Exec(R"sql(
        INSERT INTO patients (id, nom, prenom, date_naissance, adresse, mutuelle) VALUES
            (100, 'O''Brien, "le Grand"', 'Zoë 😀', '1900-01-01', E'ligne 1\nligne 2', '');
        INSERT INTO admissions (id, patient_id, service_id, date_entree, cout_total, date_creation) VALUES
            (100, 100, 1, '2026-02-28 23:59:59.999999', 99999999.99, '2026-11-28 18:00:05.123456+00');
        DELETE FROM admissions WHERE id = 2;
    )sql");
    Extract(ExtractMode::FULL);
    conn_->Exec("DELETE FROM admissions WHERE id = 3");
    ExtractOptions options;
    options.mode = ExtractMode::INCREMENTAL;
    options.format = lake::FileFormat::PARQUET;
    options.safety_margin = std::chrono::microseconds(0);
    auto inc = ExtractBatch(*conn_, *lake_, options);
    EXPECT_EQ(inc.manifest.format, "parquet");
    EXPECT_EQ(FileOf(inc, "admissions").tombstones, 1u);
    options.mode = ExtractMode::FULL;
    auto report = ExtractBatch(*conn_, *lake_, options);
    const auto& patients = FileOf(report, "patients");
    EXPECT_TRUE(EndsWith(patients.key, ".parquet")) << patients.key;
    std::string content = lake_->Get(patients.key).Value();
    EXPECT_EQ(patients.bytes, content.size());
    EXPECT_EQ(patients.sha256, Sha256Hex(content));
    EXPECT_EQ(patients.rows, 5u);

    DuckDb duck;
    auto path = lake_->LocalPath(patients.key).value();
    auto admissions = lake_->LocalPath(FileOf(report, "admissions").key).value();
    auto tombstones = lake_->LocalPath(FileOf(inc, "admissions").key).value();
    using Row = std::vector<std::optional<std::string>>;
    EXPECT_EQ(duck.Query("SELECT count(*), count(DISTINCT id) FROM read_parquet('" + path + "')"),
              (std::vector<Row>{{"5", "5"}}));
    EXPECT_EQ(duck.Query("SELECT nom, prenom, adresse, mutuelle, telephone, typeof(id), typeof(date_naissance), "
                         "typeof(date_modification), _op, _source_system FROM read_parquet('" + path +
                         "') WHERE id = 100"),
              (std::vector<Row>{{"O'Brien, \"le Grand\"", "Zoë 😀", "ligne 1\nligne 2", "", std::nullopt, "INTEGER",
                                 "DATE", "TIMESTAMP WITH TIME ZONE", "U", "PostgreSQL_OLTP"}}));
    EXPECT_EQ(duck.Query("SELECT cout_total::VARCHAR, typeof(cout_total), date_entree::VARCHAR, "
                         "epoch_us(date_creation)::VARCHAR FROM read_parquet('" + admissions + "') WHERE id = 100"),
              (std::vector<Row>{{"99999999.99", "DECIMAL(10,2)", "2026-02-28 23:59:59.999999", "1795888805123456"}}));
    EXPECT_EQ(duck.Query("SELECT id::VARCHAR, patient_id, _op FROM read_parquet('" + tombstones + "')"),
              (std::vector<Row>{{"3", std::nullopt, "D"}}));
    EXPECT_EQ(duck.Query("SELECT DISTINCT compression FROM parquet_metadata('" + path + "')"),
              (std::vector<Row>{{"ZSTD"}}));
}

}  // namespace
}  // namespace hf::extract::testing
