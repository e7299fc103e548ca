#pragma once

#include <map>
#include <string>

#include "pg/connection.h"
#include "source/generator/calendar.h"
#include "source/generator/generator.h"
#include "support/test_postgres.h"

namespace hf::source::generator::testing_support {

// Generates a hospital into a fresh database of the test cluster and returns how to reach it.
inline pg::ConnectionSpec GenerateInto(const std::string& database, uint64_t seed, const std::string& as_of,
                                       int history_days, double scale = 1.0) {
    auto spec = hf::testing::TestPostgres::Instance().FreshDatabase(database);
    auto conn = pg::Connection::Open(spec).Value();
    GenerateOptions options;
    options.seed = seed;
    options.scale = scale;
    options.as_of_day = ParseDay(as_of);
    options.history_days = history_days;
    Generate(conn, options);
    return spec;
}

// md5 of every row of every hospital table, in id order, keyed by table. The audit instants
// stamped by triggers (date_modification on update, date_suppression) are the real time of the
// change, so they are left out, also inside the deletion log's copy of the deleted row.
inline std::map<std::string, std::string> TableChecksums(pg::Connection& conn) {
    std::map<std::string, std::string> out;
    for (const char* table : {"services", "patients", "admissions", "stocks_medicaments"}) {
        auto res = conn.Exec(std::string("SELECT coalesce(md5(string_agg((to_jsonb(t) - 'date_modification')::text, "
                                         "'|' ORDER BY t.id)), '') FROM ") +
                             table + " t");
        out[table] = std::string(res.Get(0, 0));
    }
    out["journal_suppressions"] = std::string(
        conn.Exec("SELECT coalesce(md5(string_agg(concat_ws(',', t.id, t.nom_table, t.ligne_id,"
                  " (t.donnees - 'date_modification')::text), '|' ORDER BY t.id)), '') FROM journal_suppressions t")
            .Get(0, 0));
    out["horloge_simulation"] = std::string(conn.Exec("SELECT t::text FROM horloge_simulation t").Get(0, 0));
    out["commandes_en_cours"] = std::string(
        conn.Exec("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.medicament_id)), '') "
                  "FROM simulation.commandes_en_cours t")
            .Get(0, 0));
    return out;
}

// Services whose census, replayed minute by minute from the admissions' intervals, ever
// exceeds their beds (a discharge at the same minute frees the bed first).
inline long long ServicesOverCapacity(pg::Connection& conn) {
    return conn
        .Exec("SELECT count(*) FROM ("
              " SELECT x.service_id FROM ("
              "  SELECT service_id, sum(delta) OVER (PARTITION BY service_id ORDER BY t, delta"
              "                                      ROWS UNBOUNDED PRECEDING) AS census"
              "  FROM (SELECT service_id, date_entree AS t, 1 AS delta FROM admissions"
              "        UNION ALL SELECT service_id, date_sortie, -1 FROM admissions WHERE date_sortie IS NOT NULL) e"
              " ) x JOIN services s ON s.id = x.service_id"
              " GROUP BY x.service_id, s.capacite_lits HAVING max(x.census) > s.capacite_lits) over_capacity")
        .GetInt(0, 0);
}

// Highest midnight census / beds ratio over the days [first, last] (dates), over all services.
inline double MaxMidnightCensusRatio(pg::Connection& conn, const std::string& first, const std::string& last) {
    return conn
        .ExecParams("SELECT max(n::float8 / capacite_lits) FROM ("
                    " SELECT s.capacite_lits, count(a.id) AS n"
                    " FROM services s CROSS JOIN generate_series($1::date, $2::date, '1 day') AS d (minuit)"
                    " LEFT JOIN admissions a ON a.service_id = s.id AND a.date_entree <= d.minuit"
                    "  AND (a.date_sortie IS NULL OR a.date_sortie > d.minuit)"
                    " GROUP BY s.id, s.capacite_lits, d.minuit) c",
                    {first, last})
        .GetDouble(0, 0);
}

}  // namespace hf::source::generator::testing_support
