#include "serve/routes.h"

#include "serve/api_error.h"
#include "serve/table_output.h"

namespace hf::serve {

namespace {

constexpr int kDefaultDays = 365;

std::vector<db::Value> Bind(const QueryParams::Period& period, const std::optional<std::string>& service) {
    return {db::Value(period.from), db::Value(period.to), db::Value(service)};
}

// The hospital's DMS figures that ride on every row of finance/dms.sql, named hopital_<key>:
// they go under "synthese" as <key>, and are left out of the rows and of the CSV.
constexpr std::string_view kHospitalPrefix = "hopital_";
const std::vector<std::string> kHospitalDmsColumns = {"hopital_dms_avec_ambulatoire", "hopital_nb_sejours_termines",
                                                      "hopital_nb_sejours_en_cours"};

// "synthese" of the DMS page from the first row of finance/dms.sql (null when it has none).
nlohmann::json HospitalDms(const db::ResultSet& rows) {
    auto first = FirstRowToJson(rows);
    if (first.is_null()) {
        return first;
    }
    nlohmann::json overall = {{"dms_globale", first["dms_globale"]}};
    for (const auto& column : kHospitalDmsColumns) {
        overall[column.substr(kHospitalPrefix.size())] = first[column];
    }
    return overall;
}

} // namespace

void RegisterFinanceRoutes(Router& router) {
    // Total cost per service over the period (columns) and the overall averages.
    router.Get("/api/finance/couts", Page::FINANCE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, kDefaultDays);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("finance/couts_services.sql", Bind(period, service));
        auto summary = service
                           ? ctx.Query("finance/resume_service.sql", Bind(period, service))
                           : ctx.Query("finance/resume_hopital.sql", {db::Value(period.from), db::Value(period.to)});
        ctx.SendTable(params, "couts_services", rows,
                      {{"periode", {{"du", *period.from}, {"au", *period.to}}}, {"synthese", FirstRowToJson(summary)}});
    });
    // Monthly cost trend (line).
    router.Get("/api/finance/tendance", Page::FINANCE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, kDefaultDays);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("finance/tendance.sql", Bind(period, service));
        ctx.SendTable(params, "couts_mensuels", rows, {{"periode", {{"du", *period.from}, {"au", *period.to}}}});
    });
    // Average length of stay per service (stays ended in the period) and its gap to the mean.
    router.Get("/api/finance/dms", Page::FINANCE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, kDefaultDays);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("finance/dms.sql", Bind(period, service));
        ctx.SendTable(params, "dms_services", rows,
                      {{"periode", {{"du", *period.from}, {"au", *period.to}}}, {"synthese", HospitalDms(rows)}},
                      kHospitalDmsColumns);
    });
    // Drill-down: one service's costs per pathology (motif).
    router.Get("/api/finance/motifs", Page::FINANCE, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, kDefaultDays);
        auto service = ctx.ResolveService(params);
        if (!service) {
            throw ApiError{400, "paramètre « service » manquant : le détail par motif porte sur un service",
                           "cliquez sur une colonne du graphique des coûts, ou ajoutez ?service=CODE"};
        }
        auto rows = ctx.Query("finance/motifs.sql", Bind(period, service));
        ctx.SendTable(params, "couts_motifs_" + *service, rows,
                      {{"periode", {{"du", *period.from}, {"au", *period.to}}}, {"service", *service}});
    });
}

} // namespace hf::serve
