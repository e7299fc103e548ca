#include <gtest/gtest.h>

#include "load/csv_reader.h"
#include "load/value_check.h"

namespace hf::load {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text, size_t chunk) {
    std::vector<CsvRecord> out;
    CsvReader reader([&](CsvRecord& r) { out.push_back(r); });
    for (size_t i = 0; i < text.size(); i += chunk) {
        reader.Feed(text.substr(i, chunk));
    }
    reader.Finish();
    return out;
}

TEST(CsvReaderTest, QuotesNullsAndLineBreaksInAnyChunking) {
    const std::string text = "id,nom,adresse\n1,\"Dupont, \"\"Jean\"\"\",\"12 rue X\r\n75001 Paris\"\r\n2,,\"\"\n\n3,Zoé,x";
    for (size_t chunk : {1, 2, 3, 7, 1000}) {
        auto recs = ReadAll(text, chunk);
        ASSERT_EQ(recs.size(), 4u) << chunk;
        EXPECT_EQ(recs[1].fields[1], std::optional<std::string>("Dupont, \"Jean\""));
        EXPECT_EQ(recs[1].fields[2], std::optional<std::string>("12 rue X\r\n75001 Paris"));
        EXPECT_EQ(recs[1].line, 2u);
        EXPECT_EQ(recs[1].raw, "1,\"Dupont, \"\"Jean\"\"\",\"12 rue X\r\n75001 Paris\"");
        EXPECT_FALSE(recs[2].fields[1].has_value());
        EXPECT_EQ(recs[2].fields[2], std::optional<std::string>(""));
        EXPECT_EQ(recs[2].line, 4u);
        EXPECT_EQ(recs[3].line, 6u);
        EXPECT_EQ(recs[3].fields[1], std::optional<std::string>("Zoé"));
        EXPECT_TRUE(recs[3].error.empty());
    }
}

TEST(CsvReaderTest, ReportsMalformedRecords) {
    auto recs = ReadAll("a,b\n1,\"x\"y\n2,\"open", 4);
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].error, "text after a closing quote");
    EXPECT_EQ(recs[2].error, "a quoted field is not closed before the end of the file");
}

TEST(ValueCheckTest, ConvertsAndRefuses) {
    StagingColumn integer = StagingColumn::FromSource({"score", "integer"});
    StagingColumn money = StagingColumn::FromSource({"cout", "numeric(10,2)"});
    StagingColumn day = StagingColumn::FromSource({"d", "date"});
    StagingColumn ts = StagingColumn::FromSource({"t", "timestamp without time zone"});
    StagingColumn tz = StagingColumn::FromSource({"z", "timestamp with time zone"});
    StagingColumn name = StagingColumn::FromSource({"nom", "character varying(5)"});
    StagingColumn flag = StagingColumn::FromSource({"actif", "boolean"});
    db::Value v;
    EXPECT_FALSE(CheckField(integer, "-2147483648", v));
    EXPECT_EQ(v.AsInt(), -2147483648LL);
    EXPECT_EQ(*CheckField(integer, "2147483648", v), "'2147483648' is out of range for integer");
    EXPECT_EQ(*CheckField(integer, "12a", v), "'12a' is not an integer");
    EXPECT_FALSE(CheckField(money, "-99999999.99", v));
    EXPECT_EQ(*CheckField(money, "123456789.00", v), "'123456789.00' is out of range for numeric(10,2)");
    EXPECT_EQ(*CheckField(money, "1,5", v), "'1,5' is not a number");
    EXPECT_FALSE(CheckField(day, "2024-02-29", v));
    EXPECT_EQ(*CheckField(day, "2023-02-29", v), "'2023-02-29' is not a valid date");
    EXPECT_FALSE(CheckField(ts, "2026-11-28 18:00:05.123456", v));
    EXPECT_EQ(v.AsText(), "2026-11-28 18:00:05.123456");
    EXPECT_EQ(*CheckField(ts, "2026-11-28 25:00:00", v), "'2026-11-28 25:00:00' is not a valid timestamp");
    EXPECT_FALSE(CheckField(tz, "2026-11-28T18:00:05.5Z", v));
    EXPECT_EQ(v.AsText(), "2026-11-28 18:00:05.5+00");
    EXPECT_FALSE(CheckField(tz, "2026-11-28 19:00:05+01", v));
    EXPECT_EQ(v.AsText(), "2026-11-28 19:00:05+01");
    EXPECT_FALSE(CheckField(name, "Zoéaa", v));
    EXPECT_EQ(*CheckField(name, "Zoéaaa", v), "a value of 6 characters is too long for character varying(5)");
    EXPECT_FALSE(CheckField(flag, "t", v));
    EXPECT_TRUE(v.AsBool());
}

}  // namespace
}  // namespace hf::load
