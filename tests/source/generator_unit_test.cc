#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "common/error.h"
#include "source/generator/calendar.h"
#include "source/generator/copy_rows.h"
#include "source/generator/hospital_history.h"
#include "source/generator/identity.h"
#include "source/generator/medication_catalog.h"
#include "source/generator/random.h"
#include "source/generator/service_profiles.h"

namespace hf::source::generator {
namespace {

TEST(RngTest, SameSeedSameSequenceAndPinnedValues) {
    Rng a(42);
    Rng b(42);
    for (int i = 0; i < 1000; ++i) {
        ASSERT_EQ(a.Next(), b.Next());
    }
    // Pinned: the sequence must never change between compilers or library versions.
    Rng c(1);
    EXPECT_EQ(c.Next(), 18001451845637162709ULL);
    EXPECT_EQ(Mix64(0), 0xe220a8397b1dcdafULL);
    Rng d(43);
    EXPECT_NE(Rng(42).Next(), d.Next());
}

TEST(RngTest, DistributionsHaveTheirMoments) {
    Rng rng(7);
    const int n = 200000;
    double poisson = 0.0;
    double poisson_big = 0.0;
    double normal = 0.0;
    double normal2 = 0.0;
    double lognormal = 0.0;
    long long lo = 10;
    long long hi = 0;
    for (int i = 0; i < n; ++i) {
        poisson += static_cast<double>(rng.Poisson(4.5));
        poisson_big += static_cast<double>(rng.Poisson(120.0));
        const double z = rng.Normal();
        normal += z;
        normal2 += z * z;
        lognormal += rng.LogNormalMeanCv(5.5, 0.6);
        const long long u = rng.UniformInt(1, 6);
        lo = std::min(lo, u);
        hi = std::max(hi, u);
    }
    EXPECT_NEAR(poisson / n, 4.5, 0.03);
    EXPECT_NEAR(poisson_big / n, 120.0, 0.2);
    EXPECT_NEAR(normal / n, 0.0, 0.01);
    EXPECT_NEAR(normal2 / n, 1.0, 0.02);
    EXPECT_NEAR(lognormal / n, 5.5, 0.05);
    EXPECT_EQ(lo, 1);
    EXPECT_EQ(hi, 6);
    const double weights[] = {0.0, 3.0, 1.0};
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 40000; ++i) {
        ++counts[rng.Categorical(weights)];
    }
    EXPECT_EQ(counts[0], 0);
    EXPECT_NEAR(counts[1] / 40000.0, 0.75, 0.01);
}

TEST(CalendarTest, DaysAgesAndFormats) {
    const int64_t day = ParseDay("2026-02-15");
    EXPECT_EQ(FormatDay(day), "2026-02-15");
    EXPECT_EQ(Weekday(day), 6);  // a Sunday
    EXPECT_EQ(FormatMinute(day * kMinutesPerDay + 6 * 60 + 5), "2026-02-15 06:05:00");
    EXPECT_EQ(ParseMinute("2026-02-15 06:05:00"), day * kMinutesPerDay + 365);
    EXPECT_EQ(AgeInYears(ParseDay("2008-02-16"), day), 17);
    EXPECT_EQ(AgeInYears(ParseDay("2008-02-15"), day), 18);
    EXPECT_EQ(FormatDay(YearsBefore(ParseDay("2024-02-29"), 1)), "2023-02-28");
    EXPECT_THROW(ParseDay("2026-02-30"), Error);
    EXPECT_THROW(ParseDay("15/02/2026"), Error);
}

TEST(CopyRowTest, EscapesAndNulls) {
    std::string out;
    CopyRow(out).Int(7).Text("a\tb\\c\nd").Null().Money(12.5).OptionalText(std::nullopt).End();
    EXPECT_EQ(out, "7\ta\\tb\\\\c\\nd\t\\N\t12.50\t\\N\n");
}

TEST(IdentityTest, PhonesEmailsAndFolding) {
    EXPECT_EQ(AsciiFold("Hélène Lefèvre-Noël"), "helenelefevre-noel");
    const std::regex phone(R"(^(0[1-7]([ .]?[0-9]{2}){4}|\+33 [1-7]( [0-9]{2}){4})$)");
    const std::regex email(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
    Rng rng(3);
    int with_plus = 0;
    int without_mutuelle = 0;
    for (int i = 0; i < 2000; ++i) {
        const Identity id = MakeIdentity(rng, i % 2 == 0 ? 'F' : 'M');
        EXPECT_TRUE(std::regex_match(id.telephone, phone)) << id.telephone;
        EXPECT_LE(id.telephone.size(), 20u);
        if (id.email) {
            EXPECT_TRUE(std::regex_match(*id.email, email)) << *id.email;
        }
        with_plus += id.telephone[0] == '+' ? 1 : 0;
        without_mutuelle += id.mutuelle ? 0 : 1;
    }
    EXPECT_GT(with_plus, 40);
    EXPECT_NEAR(without_mutuelle / 2000.0, 0.08, 0.02);
}

TEST(MedicationTest, UniqueNamesAndReorderPoint) {
    EXPECT_GE(CatalogSize(), 150u);
    EXPECT_EQ(ReorderPoint(10.0, 0.5, 4), 57);  // 40 + 1.65 x 0.5 x 10 x 2 = 56.5
    std::set<std::string> names;
    int at_or_below = 0;
    int vital = 0;
    for (size_t i = 0; i < 1500; ++i) {
        const Medication m = MakeMedication(42, i);
        EXPECT_TRUE(names.insert(m.nom_medicament).second) << m.nom_medicament;
        EXPECT_LE(m.nom_medicament.size(), 150u);
        at_or_below += m.quantite <= m.seuil_alerte ? 1 : 0;
        vital += m.classe_ven == 'V' ? 1 : 0;
        if (i < 150) {
            EXPECT_EQ(m.nom_medicament.find("réf."), std::string::npos);
        }
    }
    EXPECT_GE(at_or_below, 150);
    EXPECT_LE(at_or_below, 300);
    EXPECT_NEAR(vital / 1500.0, 0.3, 0.1);
    EXPECT_EQ(MakeMedication(42, 3).nom_medicament, MakeMedication(42, 3).nom_medicament);
}

TEST(HospitalHistoryTest, CensusNeverExceedsCapacityAndIdsFollowEachOther) {
    HistoryOptions options;
    options.as_of_day = ParseDay("2026-02-15");
    options.history_days = 90;
    options.today_real = options.as_of_day;
    HospitalHistory history(options);
    const auto& services = ServiceProfiles();
    // Minute-exact census check: +1 at entry, -1 at discharge, per service.
    std::vector<std::map<int64_t, int>> events(services.size());
    long long last_patient = 0;
    long long last_stay = 0;
    std::map<long long, int64_t> patient_free_at;
    auto on_patient = [&](const PatientRecord& p) { EXPECT_EQ(p.id, ++last_patient); };
    auto on_stay = [&](const StayRecord& s) {
        EXPECT_EQ(s.id, ++last_stay);
        EXPECT_GT(s.plan.sortie, s.plan.entree);
        EXPECT_LE(s.patient_id, last_patient);
        // A patient is never in two stays at once.
        auto it = patient_free_at.find(s.patient_id);
        if (it != patient_free_at.end()) {
            EXPECT_LE(it->second, s.plan.entree);
        }
        patient_free_at[s.patient_id] = s.plan.sortie;
        auto& e = events[static_cast<size_t>(s.service_id - 1)];
        e[s.plan.entree] += 1;
        e[s.plan.sortie] -= 1;
    };
    while (history.Step(on_patient, on_stay)) {
    }
    EXPECT_GT(history.Totals().stays, 5000);
    for (size_t s = 0; s < services.size(); ++s) {
        int census = 0;
        int peak = 0;
        for (const auto& [minute, delta] : events[s]) {
            census += delta;
            peak = std::max(peak, census);
        }
        // Stays already in house when the window opens are included, so the sum is exact.
        EXPECT_LE(peak, services[s].beds) << services[s].code;
        EXPECT_EQ(peak, services[s].beds) << services[s].code << " never full in 90 days";
    }
}

}  // namespace
}  // namespace hf::source::generator
