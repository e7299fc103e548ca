#include "serve/routes.h"

#include "serve/table_output.h"

namespace hf::serve {

namespace {

db::Value Opt(const std::optional<std::string>& v) {
    return db::Value(v);
}

} // namespace

void RegisterBedRoutes(Router& router) {
    // Occupancy now, per service, and the overall figures (instantaneous and over the period).
    router.Get("/api/lits/occupation", Page::LITS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, 30);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("lits/occupation.sql", {Opt(service)});
        auto total = ctx.Query("lits/occupation_total.sql", {Opt(service)});
        auto over_period = ctx.Query("lits/occupation_periode.sql", {Opt(period.from), Opt(period.to), Opt(service)});
        nlohmann::json summary = FirstRowToJson(total);
        nlohmann::json period_summary = FirstRowToJson(over_period);
        if (summary.is_object() && period_summary.is_object()) {
            summary.update(period_summary);
        }
        ctx.SendTable(params, "occupation_actuelle", rows,
                      {{"periode", {{"du", *period.from}, {"au", *period.to}}}, {"synthese", summary}});
    });
    // Daily occupancy per service over the period (lines of the 7 / 30 day chart).
    router.Get("/api/lits/historique", Page::LITS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        auto period = ctx.ResolvePeriod(params, 30);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("lits/historique.sql", {Opt(period.from), Opt(period.to), Opt(service)});
        ctx.SendTable(params, "occupation_historique", rows, {{"periode", {{"du", *period.from}, {"au", *period.to}}}});
    });
    // Services at or above 90 % now, with their free beds.
    router.Get("/api/lits/critiques", Page::LITS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "service"});
        ctx.ResolvePeriod(params, 30);
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("lits/critiques.sql", {Opt(service)});
        ctx.SendTable(params, "services_critiques", rows);
    });
}

} // namespace hf::serve
