#include "source/generator/generator.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "common/resources.h"
#include "source/generator/calendar.h"
#include "source/generator/copy_rows.h"
#include "source/generator/identity.h"
#include "source/generator/medication_catalog.h"
#include "source/generator/service_profiles.h"
#include "source/migrations.h"

HF_DECLARE_RESOURCE_BUNDLE(source_sql)

namespace hf::source::generator {

namespace {

constexpr uint64_t kPatientStream = 0x50415449;  // "PATI"
constexpr size_t kChunkBytes = 1 << 18;

using Clock = std::chrono::steady_clock;

std::string Sql(const std::string& name) {
    return std::string(resources::bundles::source_sql().Get("generator/" + name));
}

// Reports progress at most twice a second, and always at the end.
class ProgressMeter {
public:
    ProgressMeter(const GenerateOptions& options, std::string table)
        : callback_(options.progress), table_(std::move(table)), start_(Clock::now()), last_(start_) {}

    void Update(long long rows, double fraction, bool final = false) {
        if (!callback_) {
            return;
        }
        const auto now = Clock::now();
        if (!final && now - last_ < std::chrono::milliseconds(500)) {
            return;
        }
        last_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        callback_({table_, rows, fraction, seconds > 0 ? static_cast<double>(rows) / seconds : 0.0});
    }

private:
    std::function<void(const LoadProgress&)> callback_;
    std::string table_;
    Clock::time_point start_;
    Clock::time_point last_;
};

HistoryOptions HistoryFor(const GenerateOptions& options) {
    HistoryOptions h;
    h.seed = options.seed;
    h.scale = options.scale;
    h.as_of_day = options.as_of_day;
    h.history_days = options.history_days;
    h.today_real = TodayLocal();
    return h;
}

long long CopyServices(pg::Connection& conn, const GenerateOptions& options) {
    const int64_t created = (options.as_of_day - options.history_days - 365) * kMinutesPerDay + 8 * 60;
    size_t next = 0;
    const auto& services = ServiceProfiles();
    return conn.CopyIn(
        "COPY services (id, code, nom_service, capacite_lits, actif, date_creation, date_modification) FROM STDIN",
        [&](std::string& chunk) {
            for (; next < services.size(); ++next) {
                const auto& s = services[next];
                CopyRow(chunk)
                    .Int(static_cast<long long>(next) + 1)
                    .Text(s.code)
                    .Text(s.nom_service)
                    .Int(ScaledBeds(s, options.scale))
                    .Raw("t")
                    .Minute(created)
                    .Minute(created)
                    .End();
            }
            return false;
        });
}

void WritePatient(std::string& chunk, uint64_t seed, const PatientRecord& p) {
    Rng rng(DeriveSeed(seed, kPatientStream, static_cast<uint64_t>(p.id)));
    const Identity id = MakeIdentity(rng, p.profile.sexe);
    CopyRow(chunk)
        .Int(p.id)
        .Text(id.nom)
        .Text(id.prenom)
        .Text(std::string_view(&p.profile.sexe, 1))
        .Day(p.profile.date_naissance)
        .Text(id.adresse)
        .OptionalText(id.mutuelle)
        .Text(id.telephone)
        .OptionalText(id.email)
        .Minute(p.created)
        .Minute(p.created)
        .End();
}

void WriteStay(std::string& chunk, const StayRecord& s) {
    CopyRow row(chunk);
    row.Int(s.id).Int(s.patient_id).Int(s.service_id).Minute(s.plan.entree);
    if (s.discharged) {
        row.Minute(s.plan.sortie);
    } else {
        row.Null();
    }
    row.Text(s.plan.mode_entree).Int(s.plan.score_gravite).Text(s.plan.motif);
    if (s.discharged) {
        row.Money(s.plan.cout_total);
    } else {
        row.Null();
    }
    row.Minute(s.plan.entree).Minute(s.discharged ? s.plan.sortie : s.plan.entree).End();
}

// One pass of the census simulation, writing either its patients or its stays.
long long CopyHistory(pg::Connection& conn, const GenerateOptions& options, bool patients, HistoryTotals& totals) {
    HospitalHistory history(HistoryFor(options));
    ProgressMeter meter(options, patients ? "patients" : "admissions");
    long long rows = 0;
    auto on_patient = [&](const PatientRecord&) {};
    auto on_stay = [&](const StayRecord&) {};
    std::string* out = nullptr;
    auto write_patient = [&](const PatientRecord& p) {
        WritePatient(*out, options.seed, p);
        ++rows;
    };
    auto write_stay = [&](const StayRecord& s) {
        WriteStay(*out, s);
        ++rows;
    };
    const char* sql = patients
                          ? "COPY patients (id, nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, "
                            "email, date_creation, date_modification) FROM STDIN"
                          : "COPY admissions (id, patient_id, service_id, date_entree, date_sortie, mode_entree, "
                            "score_gravite, motif, cout_total, date_creation, date_modification) FROM STDIN";
    const long long copied = conn.CopyIn(sql, [&](std::string& chunk) {
        out = &chunk;
        while (chunk.size() < kChunkBytes) {
            const bool more = patients ? history.Step(write_patient, on_stay) : history.Step(on_patient, write_stay);
            meter.Update(rows, static_cast<double>(history.DaysDone()) / history.TotalDays());
            if (!more) {
                return false;
            }
        }
        return true;
    });
    meter.Update(rows, 1.0, true);
    totals = history.Totals();
    return copied;
}

long long CopyStocks(pg::Connection& conn, const GenerateOptions& options) {
    const size_t count = static_cast<size_t>(std::max(1L, std::lround(150.0 * options.scale)));
    const int64_t created = (options.as_of_day - options.history_days) * kMinutesPerDay + 8 * 60;
    const int64_t as_of = options.as_of_day * kMinutesPerDay + 6 * 60;
    ProgressMeter meter(options, "stocks_medicaments");
    size_t next = 0;
    const long long copied = conn.CopyIn(
        "COPY stocks_medicaments (id, nom_medicament, classe_ven, quantite, seuil_alerte, prix_unitaire, unite, "
        "conso_jour_moyenne, delai_livraison_jours, date_creation, date_modification) FROM STDIN",
        [&](std::string& chunk) {
            for (; next < count && chunk.size() < kChunkBytes; ++next) {
                const Medication m = MakeMedication(options.seed, next);
                // Last counted or delivered within the last week before the clock.
                const int64_t modified = as_of - static_cast<int64_t>((next * 7919) % (7 * kMinutesPerDay));
                CopyRow(chunk)
                    .Int(static_cast<long long>(next) + 1)
                    .Text(m.nom_medicament)
                    .Text(std::string_view(&m.classe_ven, 1))
                    .Int(m.quantite)
                    .Int(m.seuil_alerte)
                    .Money(m.prix_unitaire)
                    .Text(m.unite)
                    .Money(m.conso_jour_moyenne)
                    .Int(m.delai_livraison_jours)
                    .Minute(created)
                    .Minute(std::max(created, modified))
                    .End();
            }
            meter.Update(static_cast<long long>(next), static_cast<double>(next) / static_cast<double>(count));
            return next < count;
        });
    meter.Update(copied, 1.0, true);
    return copied;
}

}  // namespace

void ValidateOptions(const GenerateOptions& options) {
    if (!(options.scale > 0.0) || !std::isfinite(options.scale) || options.scale > 100000.0) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", options.scale);
        throw Error(ErrorKind::INVALID_INPUT, std::string("invalid scale ") + text,
                    "the scale must be a number greater than 0 (1 = 8 services, 218 beds)");
    }
    if (options.history_days < 1 || options.history_days > 3660) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid history length " + std::to_string(options.history_days) + " days",
                    "--history-days must be between 1 and 3660");
    }
}

GenerationSummary Generate(pg::Connection& conn, const GenerateOptions& options) {
    ValidateOptions(options);
    const auto start = Clock::now();
    conn.Exec("SET client_min_messages = warning");
    ApplyMigrations(conn);
    GenerationSummary summary;
    pg::WithTransaction(conn, [&] {
        conn.Exec("SET LOCAL TIME ZONE 'Europe/Paris'");
        // The data can be generated again from its seed: the commit need not wait for the WAL
        // flush (a crash right after it may lose the whole generation, never part of it).
        conn.Exec("SET LOCAL synchronous_commit = off");
        conn.Exec("SET LOCAL maintenance_work_mem = '256MB'");
        conn.Exec("LOCK TABLE services, patients, admissions, stocks_medicaments, journal_suppressions "
                  "IN ACCESS EXCLUSIVE MODE");
        const bool has_rows = conn.Exec(Sql("has_rows.sql")).Get(0, 0) == "t";
        if (has_rows && !options.reset) {
            throw Error(ErrorKind::CONFLICT, "the operational database already holds a hospital",
                        "add --reset to replace it (everything is emptied in the same transaction)");
        }
        if (has_rows) {
            conn.Exec(Sql("reset.sql"));
        }
        conn.Exec(Sql("drop_indexes.sql"));
        summary.rows.emplace_back("services", CopyServices(conn, options));
        HistoryTotals totals;
        summary.rows.emplace_back("patients", CopyHistory(conn, options, true, totals));
        summary.rows.emplace_back("admissions", CopyHistory(conn, options, false, totals));
        summary.totals = totals;
        summary.rows.emplace_back("stocks_medicaments", CopyStocks(conn, options));
        conn.Exec(Sql("restore_indexes.sql"));
        conn.Exec(Sql("finish.sql"));
        conn.ExecParams(
            "INSERT INTO horloge_simulation (instant, graine, echelle) VALUES ($1, $2, $3) "
            "ON CONFLICT (singleton) DO UPDATE SET instant = EXCLUDED.instant, graine = EXCLUDED.graine, "
            "echelle = EXCLUDED.echelle",
            {FormatMinute(options.as_of_day * kMinutesPerDay + 6 * 60), std::to_string(static_cast<int64_t>(options.seed)),
             std::to_string(options.scale)});
    });
    for (const auto& s : ServiceProfiles()) {
        summary.beds += ScaledBeds(s, options.scale);
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

}  // namespace hf::source::generator
