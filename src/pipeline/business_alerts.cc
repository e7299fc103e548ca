#include "pipeline/business_alerts.h"

#include <cstdio>

#include "common/resources.h"
#include "db/warehouse.h"

HF_DECLARE_RESOURCE_BUNDLE(pipeline_sql)

namespace hf::pipeline {

namespace {

std::string Percent(const db::ResultSet& rs, size_t row, size_t col) {
    if (rs.IsNull(row, col)) {
        return "?";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", rs.Double(row, col));
    return buf;
}

}  // namespace

std::vector<Alert> BusinessAlerts(const Config& config, const std::string& logical_date) {
    const auto& sql = resources::bundles::pipeline_sql();
    auto warehouse = db::OpenWarehouse(config);
    std::vector<Alert> alerts;

    auto services = warehouse->Query(sql.Get("occupation_alerts.sql"));
    if (services.RowCount() > 0) {
        Alert a;
        a.key = "occupation:" + logical_date;
        a.severity = "alerte";
        a.title = "HealthFlow : " + std::to_string(services.RowCount()) + " service(s) à 90 % d'occupation ou plus";
        a.text = "Taux d'occupation des lits au " + logical_date + " : ces services sont au-dessus du seuil de 90 %.";
        for (size_t i = 0; i < services.RowCount(); ++i) {
            a.facts.emplace_back(services.Text(i, 0) + " " + services.Text(i, 1),
                                 Percent(services, i, 4) + " (" + services.Text(i, 2) + " / " +
                                     services.Text(i, 3) + " lits, " + services.Text(i, 5) + ")");
        }
        alerts.push_back(std::move(a));
    }

    auto stocks = warehouse->Query(sql.Get("stock_alerts.sql"));
    if (stocks.RowCount() > 0) {
        Alert a;
        a.key = "stocks:" + logical_date;
        a.severity = "alerte";
        a.title = "HealthFlow : " + std::to_string(stocks.RowCount()) + " médicament(s) sous le seuil d'alerte";
        a.text = "Stocks au " + logical_date + " : médicaments au seuil d'alerte ou en dessous, les plus critiques "
                 "d'abord (20 premiers).";
        for (size_t i = 0; i < stocks.RowCount() && i < 20; ++i) {
            a.facts.emplace_back(stocks.Text(i, 0),
                                 stocks.Text(i, 1) + " : " + stocks.Text(i, 2) + " en stock, seuil " +
                                     stocks.Text(i, 3) + ", à commander " + stocks.Text(i, 5));
        }
        alerts.push_back(std::move(a));
    }
    return alerts;
}

}  // namespace hf::pipeline
