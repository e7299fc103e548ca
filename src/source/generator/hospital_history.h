#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "source/generator/stay_model.h"

namespace hf::source::generator {

// What the history is made of, for one generation: seed, scale and the simulated window.
struct HistoryOptions {
    uint64_t seed = 42;
    double scale = 1.0;
    int64_t as_of_day = 0;       // the hospital's "today" (day number); the clock is that day 06:00
    int history_days = 365;      // days of history before as_of_day
    int warmup_days = 120;       // simulated before the window so that it starts with a full house
    int64_t today_real = 0;      // real today: no birth date is ever later than this day
};

// A stay written to the admissions table. While the stay is in progress at the as-of instant
// (discharged false) date_sortie and cout_total are written as NULL: the cost is charged at
// discharge. plan.sortie is then the planned exit, which is not written.
struct StayRecord {
    long long id = 0;
    long long patient_id = 0;
    int service_id = 0;  // 1-based, in ServiceProfiles() order
    StayPlan plan;
    bool discharged = false;
};

// A patient created by a stay (first admission): written before that stay.
struct PatientRecord {
    long long id = 0;
    PatientProfile profile;
    int64_t created = 0;  // minute number of the first admission
};

// Totals of one history run.
struct HistoryTotals {
    long long patients = 0;
    long long stays = 0;
    long long in_progress = 0;
    long long refused_full = 0;  // arrivals turned away because every bed was taken
};

class ServiceCensus;

// Simulates the census day by day, service by service: Poisson arrivals, admitted only when a bed
// is free at the arrival minute (so the census never exceeds capacity), lengths of stay from the
// service's law, readmissions of recently discharged patients who fit the service. Step() runs
// one day and calls the sinks in id order, so that a caller can stream the rows day by day.
// Deterministic for given options; memory grows with beds, not with history. Not thread-safe.
class HospitalHistory {
public:
    using PatientSink = std::function<void(const PatientRecord&)>;
    using StaySink = std::function<void(const StayRecord&)>;

    explicit HospitalHistory(const HistoryOptions& options);
    ~HospitalHistory();
    HospitalHistory(const HospitalHistory&) = delete;
    HospitalHistory& operator=(const HospitalHistory&) = delete;

    // Simulates the next day; returns false (and does nothing) once the as-of day is done.
    bool Step(const PatientSink& on_patient, const StaySink& on_stay);
    int DaysDone() const { return static_cast<int>(day_ - first_day_); }
    int TotalDays() const { return static_cast<int>(options_.as_of_day - first_day_ + 1); }
    const HistoryTotals& Totals() const { return totals_; }

private:
    HistoryOptions options_;
    Rng rng_;
    std::vector<std::unique_ptr<ServiceCensus>> census_;
    int64_t first_day_;
    int64_t day_;
    HistoryTotals totals_;
};

// Capacity (beds) of a service profile at a scale: rounded, at least 1.
int ScaledBeds(const ServiceProfile& service, double scale);

}  // namespace hf::source::generator
