// Query parameter checks and the JSON/CSV writers, without a server.
#include <gtest/gtest.h>

#include "serve/api_error.h"
#include "serve/params.h"
#include "serve/table_output.h"

namespace hf::serve {
namespace {

httplib::Request RequestWith(std::initializer_list<std::pair<const char*, const char*>> params) {
    httplib::Request request;
    for (const auto& [k, v] : params) {
        request.params.emplace(k, v);
    }
    return request;
}

std::string RefusalOf(std::initializer_list<std::pair<const char*, const char*>> params,
                      std::vector<std::string> allowed = {"du", "au", "service", "q", "n"}) {
    auto request = RequestWith(params);
    try {
        QueryParams p(request, allowed);
        p.Int("n", 1, 10, 5);
        p.SearchText("q");
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status, 400);
        return e.message;
    }
    return "";
}

TEST(QueryParamsTest, AcceptsWellFormedValues) {
    auto request = RequestWith({{"du", "2024-02-29"},
                                {"au", "2024-03-01"},
                                {"service", "CARD_2"},
                                {"q", "D'Artagnan Léa"},
                                {"n", "7"},
                                {"format", "csv"}});
    QueryParams p(request, {"du", "au", "service", "q", "n"});
    EXPECT_EQ(p.GetPeriod().from, "2024-02-29");
    EXPECT_EQ(p.ServiceCode(), "CARD_2");
    EXPECT_EQ(p.SearchText("q"), "D'Artagnan Léa");
    EXPECT_EQ(p.Int("n", 1, 10, 5), 7);
    EXPECT_TRUE(p.WantsCsv());
}

TEST(QueryParamsTest, RefusesMalformedValues) {
    EXPECT_EQ(RefusalOf({{"du", "2023-02-29"}}), "paramètre « du » invalide : attendu une date AAAA-MM-JJ");
    EXPECT_EQ(RefusalOf({{"au", "2026-3-1"}}), "paramètre « au » invalide : attendu une date AAAA-MM-JJ");
    EXPECT_EQ(RefusalOf({{"service", "CARD OR 1"}}),
              "paramètre « service » invalide : attendu un code de service (lettres, chiffres, _ et -)");
    EXPECT_EQ(RefusalOf({{"n", "11"}}), "paramètre « n » invalide : attendu un entier entre 1 et 10");
    EXPECT_EQ(RefusalOf({{"n", "-1"}}), "paramètre « n » invalide : attendu un entier entre 1 et 10");
    EXPECT_EQ(
        RefusalOf({{"q", "a;b"}}),
        "paramètre « q » invalide : lettres, chiffres, espaces, tirets, apostrophes et points seulement (64 au plus)");
    // Bytes that are not UTF-8 (a cut character, a lone byte) cannot be searched.
    for (const char* malformed : {"ab\xC3", "\xFF\xFE", "x\xE2\x82"}) {
        EXPECT_EQ(RefusalOf({{"q", malformed}}), "paramètre « q » invalide : lettres, chiffres, espaces, tirets, "
                                                 "apostrophes et points seulement (64 au plus)");
    }
    EXPECT_EQ(RefusalOf({{"x", "1"}}), "paramètre inconnu « x »");
    EXPECT_EQ(RefusalOf({{"du", "2026-01-02"}, {"au", "2026-01-01"}}),
              "période invalide : « du » (2026-01-02) est après « au » (2026-01-01)");
    EXPECT_EQ(RefusalOf({{"du", "2026-01-01"}}), "");
}

db::ResultSet Sample() {
    db::ResultSet rows({{"id", db::LogicalType::INTEGER, "", true},
                        {"nom", db::LogicalType::VARCHAR, "", true},
                        {"taux", db::LogicalType::DOUBLE, "", true},
                        {"actif", db::LogicalType::BOOLEAN, "", true}});
    rows.AddRow({"1", "Dupont, \"Jean\"", "93.3", "true"});
    rows.AddRow({"2", "=HYPERLINK(\"x\")", std::nullopt, "false"});
    return rows;
}

TEST(TableOutputTest, JsonKeepsTypesAndHidesColumns) {
    auto json = RowsToJson(Sample(), {"actif"});
    EXPECT_EQ(json, nlohmann::json::parse(R"j([{"id":1,"nom":"Dupont, \"Jean\"","taux":93.3},
                                              {"id":2,"nom":"=HYPERLINK(\"x\")","taux":null}])j"));
}

TEST(TableOutputTest, CsvQuotesAndDefusesFormulas) {
    EXPECT_EQ(RowsToCsv(Sample()), "id,nom,taux,actif\r\n"
                                   "1,\"Dupont, \"\"Jean\"\"\",93.3,true\r\n"
                                   "2,\"'=HYPERLINK(\"\"x\"\")\",,false\r\n");
    EXPECT_EQ(RowsToCsv(Sample(), {"nom", "taux"}), "id,actif\r\n1,true\r\n2,false\r\n");
}

} // namespace
} // namespace hf::serve
