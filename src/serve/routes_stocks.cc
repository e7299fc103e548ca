#include "serve/routes.h"

#include "serve/table_output.h"

namespace hf::serve {

namespace {

const std::vector<std::string> kNiveaux = {"RUPTURE", "URGENT", "ATTENTION"};
const std::vector<std::string> kClasses = {"V", "E", "N"};
constexpr long long kAllAlerts = 1000000; // more than any pharmacy's catalogue

struct StockFilters {
    std::optional<std::string> niveau;
    std::optional<std::string> classe;
    std::optional<std::string> rupture_avant; // date_rupture_prevue <= this date
};

// Stocks have no service: the page filters on alert level, VEN class and the forecast
// stock-out date ("au" of the period).
StockFilters ReadFilters(const QueryParams& params) {
    auto period = params.GetPeriod();
    return {params.Choice("niveau", kNiveaux), params.Choice("classe_ven", kClasses), period.to};
}

std::vector<db::Value> Bind(const StockFilters& f) {
    return {db::Value(f.niveau), db::Value(f.classe), db::Value(f.rupture_avant)};
}

} // namespace

void RegisterStockRoutes(Router& router) {
    // Medications at or below their threshold, most critical first, with the totals.
    router.Get("/api/stocks/alertes", Page::STOCKS, [](RequestContext& ctx) {
        // `limite`: the most critical rows only (the page shows 100); the totals count them all.
        QueryParams params(ctx.Request(), {"du", "au", "niveau", "classe_ven", "limite"});
        auto filters = ReadFilters(params);
        auto bind = Bind(filters);
        bind.emplace_back(params.Int("limite", 1, kAllAlerts, kAllAlerts));
        auto rows = ctx.Query("stocks/alertes.sql", bind);
        auto summary = ctx.Query("stocks/alertes_total.sql", Bind(filters));
        ctx.SendTable(params, "alertes_stocks", rows, {{"synthese", FirstRowToJson(summary)}});
    });
    // The largest deficits (bars), `limite` rows (10 by default).
    router.Get("/api/stocks/deficits", Page::STOCKS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "niveau", "classe_ven", "limite"});
        auto filters = ReadFilters(params);
        auto bind = Bind(filters);
        bind.emplace_back(params.Int("limite", 1, 100, 10));
        auto rows = ctx.Query("stocks/deficits.sql", bind);
        ctx.SendTable(params, "deficits_stocks", rows);
    });
    // Every medication with its stock position.
    router.Get("/api/stocks/inventaire", Page::STOCKS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"du", "au", "niveau", "classe_ven"});
        params.GetPeriod();
        auto classe = params.Choice("classe_ven", kClasses);
        auto niveau = params.Choice("niveau", kNiveaux);
        auto rows = ctx.Query("stocks/inventaire.sql", {db::Value(niveau), db::Value(classe)});
        ctx.SendTable(params, "inventaire_stocks", rows);
    });
}

} // namespace hf::serve
