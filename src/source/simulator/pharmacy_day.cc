#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "source/generator/calendar.h"
#include "source/generator/medication_catalog.h"
#include "source/simulator/day_context.h"

namespace hf::source::simulator {

namespace {

constexpr double kReferenceOccupancy = 0.85;  // conso_jour_moyenne is the demand at this occupancy
constexpr double kPriceChangesPerDayPer150 = 0.5;

std::string Money(double value) {
    const long long cents = std::llround(value * 100.0);
    return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100);
}

}  // namespace

void RunPharmacyDay(DayContext& day) {
    const double activity =
        day.report.beds > 0 ? static_cast<double>(day.report.census) / day.report.beds / kReferenceOccupancy : 1.0;
    auto stocks = day.conn.Exec(SimulationSql("stocks.sql"));
    const int n = stocks.Rows();
    const double price_rate = kPriceChangesPerDayPer150 * n / 150.0;
    const double price_change_p = n > 0 ? std::min(1.0, price_rate / n) : 0.0;
    std::vector<std::string> ids, quantities, prices;
    std::vector<std::string> order_ids, order_quantities, order_dates;
    std::vector<std::string> delivered;
    for (int r = 0; r < n; ++r) {
        const long long id = stocks.GetInt(r, 0);
        const long long before = stocks.GetInt(r, 1);
        const long long seuil = stocks.GetInt(r, 2);
        const double conso = stocks.GetDouble(r, 3);
        const long long delai = stocks.GetInt(r, 4);
        const double price_before = stocks.GetDouble(r, 5);
        long long quantite = before;
        bool pending = !stocks.IsNull(r, 6);
        if (pending && generator::ParseMinute(std::string(stocks.Get(r, 7))) < day.end) {
            quantite += stocks.GetInt(r, 6);
            delivered.push_back(std::to_string(id));
            pending = false;
            ++day.report.deliveries;
        }
        quantite = std::max(0LL, quantite - day.rng.Poisson(conso * activity));
        double price = price_before;
        if (day.rng.Bernoulli(price_change_p)) {
            price = std::max(0.01, std::round(price_before * day.rng.Uniform(0.92, 1.08) * 100.0) / 100.0);
            if (price != price_before) {
                ++day.report.price_changes;
            }
        }
        if (quantite <= seuil && !pending) {
            // Order up to the threshold plus a month of cover; delivered after the lead time.
            const long long order = seuil - quantite + static_cast<long long>(std::ceil(conso * generator::kOrderCoverDays)) + 1;
            order_ids.push_back(std::to_string(id));
            order_quantities.push_back(std::to_string(order));
            order_dates.push_back(generator::FormatMinute(day.start + delai * generator::kMinutesPerDay + 4 * 60));
            ++day.report.orders;
        }
        if (quantite <= seuil) {
            ++day.report.stock_alerts;
        }
        if (quantite != before || price != price_before) {
            ids.push_back(std::to_string(id));
            quantities.push_back(std::to_string(quantite));
            prices.push_back(Money(price));
        }
    }
    if (!delivered.empty()) {
        day.conn.ExecParams("DELETE FROM simulation.commandes_en_cours WHERE medicament_id = ANY($1::integer[])",
                            {ArrayLiteral(delivered)});
    }
    if (!ids.empty()) {
        day.conn.ExecParams(SimulationSql("update_stocks.sql"), {ArrayLiteral(ids), ArrayLiteral(quantities), ArrayLiteral(prices)});
    }
    if (!order_ids.empty()) {
        day.conn.ExecParams(SimulationSql("insert_orders.sql"),
                            {ArrayLiteral(order_ids), ArrayLiteral(order_quantities), generator::FormatMinute(day.start),
                             ArrayLiteral(order_dates)});
    }
}

}  // namespace hf::source::simulator
