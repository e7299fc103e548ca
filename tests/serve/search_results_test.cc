#include <gtest/gtest.h>

#include "serve/search_results.h"

namespace hf::serve {
namespace {

db::ResultSet Found(const std::vector<std::pair<std::string, std::string>>& rows) {
    db::ResultSet found({{"patient_id", db::LogicalType::INTEGER}, {"nom", db::LogicalType::VARCHAR}});
    for (const auto& [patient, name] : rows) {
        found.AddRow({patient, name});
    }
    return found;
}

// A patient found under several keys is listed once, at their first row, in the search's order.
TEST(SearchResultsTest, EachPatientComesOnceInOrder) {
    auto kept = FirstRowPerPatient(Found({{"7", "MARTIN"},
                                          {"7", "MARTIN"},
                                          {"3", "MARTINEZ"},
                                          {"9", "MARTINI"},
                                          {"9", "MARTINI"},
                                          {"9", "MARTINI"},
                                          {"9", "MARTINI"},
                                          {"4", "MARTINO"}}),
                                   50);
    ASSERT_EQ(kept.RowCount(), 4u);
    EXPECT_EQ(kept.Text(0, 0), "7");
    EXPECT_EQ(kept.Text(1, 0), "3");
    EXPECT_EQ(kept.Text(2, 1), "MARTINI");
    EXPECT_EQ(kept.Text(3, 0), "4");
    EXPECT_EQ(kept.Columns().size(), 2u);
}

// At most `limit` patients, however many rows follow.
TEST(SearchResultsTest, StopsAtTheLimit) {
    auto kept = FirstRowPerPatient(Found({{"1", "A"}, {"1", "A"}, {"2", "B"}, {"3", "C"}, {"4", "D"}}), 2);
    ASSERT_EQ(kept.RowCount(), 2u);
    EXPECT_EQ(kept.Text(1, 0), "2");
    EXPECT_EQ(FirstRowPerPatient(Found({}), 50).RowCount(), 0u);
}

} // namespace
} // namespace hf::serve
