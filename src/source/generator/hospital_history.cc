#include "source/generator/hospital_history.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <vector>

#include "source/generator/calendar.h"

namespace hf::source::generator {

namespace {

constexpr uint64_t kCensusStream = 0x43454e53;  // "CENS"
constexpr double kReadmissionShare = 0.30;

// A discharged patient who may come back to the same service.
struct KnownPatient {
    long long id = 0;
    PatientProfile profile;
};

// A patient in house, leaving at `sortie`.
struct InHouse {
    int64_t sortie = 0;
    long long patient_id = 0;  // 0 for stays before the window (not written)
    PatientProfile profile;
    bool operator>(const InHouse& o) const { return sortie > o.sortie; }
};

}  // namespace

// One service's live state: occupied beds and the recently discharged patients.
class ServiceCensus {
public:
    explicit ServiceCensus(int capacity) : capacity_(capacity), pool_limit_(std::max<size_t>(64, 4 * static_cast<size_t>(capacity))) {}

    // Frees the beds of stays that ended at or before `minute`.
    void Release(int64_t minute) {
        while (!beds_.empty() && beds_.top().sortie <= minute) {
            const InHouse& leaving = beds_.top();
            if (leaving.patient_id != 0) {
                Remember({leaving.patient_id, leaving.profile});
            }
            beds_.pop();
        }
    }
    bool Full() const { return static_cast<int>(beds_.size()) >= capacity_; }
    void Occupy(const InHouse& stay) { beds_.push(stay); }
    // Takes a remembered patient out of the pool (they are in house again), or nullopt.
    std::optional<KnownPatient> TakeReturning(Rng& rng, const ServiceProfile& service, int64_t day) {
        if (pool_.empty()) {
            return std::nullopt;
        }
        const size_t i = rng.Pick(pool_.size());
        if (!FitsService(service, pool_[i].profile, day)) {
            return std::nullopt;
        }
        KnownPatient p = pool_[i];
        pool_[i] = pool_.back();
        pool_.pop_back();
        return p;
    }

private:
    void Remember(const KnownPatient& p) {
        if (pool_.size() < pool_limit_) {
            pool_.push_back(p);
        } else {
            pool_[next_evict_] = p;
            next_evict_ = (next_evict_ + 1) % pool_limit_;
        }
    }

    int capacity_;
    size_t pool_limit_;
    size_t next_evict_ = 0;
    std::priority_queue<InHouse, std::vector<InHouse>, std::greater<>> beds_;
    std::vector<KnownPatient> pool_;
};

namespace {

struct Arrival {
    int service = 0;
    StayPlan plan;
};

}  // namespace

int ScaledBeds(const ServiceProfile& service, double scale) {
    return std::max(1, static_cast<int>(std::lround(service.beds * scale)));
}

HospitalHistory::HospitalHistory(const HistoryOptions& options)
    : options_(options),
      rng_(DeriveSeed(options.seed, kCensusStream)),
      first_day_(options.as_of_day - options.history_days - options.warmup_days),
      day_(first_day_) {
    for (const auto& s : ServiceProfiles()) {
        census_.push_back(std::make_unique<ServiceCensus>(ScaledBeds(s, options.scale)));
    }
}

HospitalHistory::~HospitalHistory() = default;

bool HospitalHistory::Step(const PatientSink& on_patient, const StaySink& on_stay) {
    if (day_ > options_.as_of_day) {
        return false;
    }
    const auto& services = ServiceProfiles();
    const int64_t window_start = (options_.as_of_day - options_.history_days) * kMinutesPerDay;
    const int64_t as_of = options_.as_of_day * kMinutesPerDay + 6 * 60;
    const int64_t day = day_++;

    std::vector<Arrival> arrivals;
    for (size_t s = 0; s < services.size(); ++s) {
        const long long n = rng_.Poisson(ExpectedArrivals(services[s], day, options_.scale));
        for (long long k = 0; k < n; ++k) {
            Arrival a;
            a.service = static_cast<int>(s);
            DrawArrival(rng_, services[s], day, a.plan);
            DrawStay(rng_, services[s], a.plan);  // may move a same-day stay to the morning
            arrivals.push_back(a);
        }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.plan.entree < b.plan.entree; });
    for (auto& a : arrivals) {
        const ServiceProfile& service = services[static_cast<size_t>(a.service)];
        ServiceCensus& unit = *census_[static_cast<size_t>(a.service)];
        if (a.plan.entree >= as_of) {
            continue;
        }
        unit.Release(a.plan.entree);
        if (unit.Full()) {
            if (a.plan.entree >= window_start) {
                ++totals_.refused_full;
            }
            continue;
        }
        InHouse stay{a.plan.sortie, 0, {}};
        if (a.plan.sortie < window_start) {
            unit.Occupy(stay);  // before the window: occupies a bed, not written
            continue;
        }
        std::optional<KnownPatient> returning;
        // Bronchiolitis strikes infants: always a new (young) patient.
        if (!a.plan.bronchiolitis && rng_.Bernoulli(kReadmissionShare)) {
            returning = unit.TakeReturning(rng_, service, day);
        }
        if (returning) {
            stay.patient_id = returning->id;
            stay.profile = returning->profile;
        } else {
            PatientRecord p;
            p.id = ++totals_.patients;
            p.profile = DrawPatient(rng_, service, a.plan, day);
            p.profile.date_naissance = std::min(p.profile.date_naissance, options_.today_real);
            p.created = a.plan.entree;
            stay.patient_id = p.id;
            stay.profile = p.profile;
            on_patient(p);
        }
        unit.Occupy(stay);
        StayRecord record;
        record.id = ++totals_.stays;
        record.patient_id = stay.patient_id;
        record.service_id = a.service + 1;
        record.plan = a.plan;
        record.discharged = a.plan.sortie <= as_of;
        if (!record.discharged) {
            ++totals_.in_progress;
        }
        on_stay(record);
    }
    return true;
}

}  // namespace hf::source::generator
