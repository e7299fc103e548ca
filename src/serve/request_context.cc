#include "serve/request_context.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "common/resources.h"
#include "serve/api_error.h"
#include "serve/table_output.h"

HF_DECLARE_RESOURCE_BUNDLE(serve_sql)

namespace hf::serve {

namespace {

// `date` (YYYY-MM-DD, already checked) moved by `days`.
std::string AddDays(const std::string& date, int days) {
    using namespace std::chrono;
    year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                       day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
    year_month_day moved{sys_days{ymd} + std::chrono::days{days}};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(moved.year()),
                  static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
    return out;
}

} // namespace

RequestContext::RequestContext(const httplib::Request& request, httplib::Response& response, Identity identity,
                               WarehousePool& pool, const ServerOptions& options)
    : request_(request), response_(response), identity_(std::move(identity)), pool_(pool), options_(options) {}

RequestContext::~RequestContext() = default; // the lease rolls the read transaction back

db::Warehouse& RequestContext::Warehouse() {
    if (!lease_) {
        lease_.emplace(pool_.Acquire());
        (*lease_)->Begin();
    }
    return **lease_;
}

db::ResultSet RequestContext::Query(const std::string& name, const std::vector<db::Value>& params) {
    auto sql = resources::bundles::serve_sql().Get(name);
    return Warehouse().Query(sql, params);
}

void RequestContext::SendJson(const nlohmann::json& body, int status) {
    response_.status = status;
    response_.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void RequestContext::SendTable(const QueryParams& params, const std::string& filename, const db::ResultSet& rows,
                               nlohmann::json extra, const std::vector<std::string>& hidden) {
    if (params.WantsCsv()) {
        response_.status = 200;
        response_.set_header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"");
        response_.set_content(RowsToCsv(rows, hidden), "text/csv; charset=utf-8");
        return;
    }
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : rows.Columns()) {
        if (std::find(hidden.begin(), hidden.end(), column.name) == hidden.end()) {
            columns.push_back(column.name);
        }
    }
    extra["columns"] = std::move(columns);
    response_.status = 200;
    response_.set_content(TableToJson(extra, rows, hidden), "application/json");
}

QueryParams::Period RequestContext::ResolvePeriod(const QueryParams& params, int default_days) {
    auto period = params.GetPeriod();
    if (period.from && period.to) {
        return period;
    }
    auto ref = Query("meta/reference.sql");
    if (ref.RowCount() == 0 || ref.IsNull(0, ref.ColumnIndex("date_reference"))) {
        throw ApiError{503, "la date de référence est inconnue : marts.kpi_reference est vide",
                       "relancez la construction des marts (pipeline), puis rechargez la page"};
    }
    std::string reference = ref.Text(0, ref.ColumnIndex("date_reference"));
    if (!period.to) {
        period.to = reference;
    }
    if (!period.from) {
        period.from = AddDays(*period.to, -(default_days - 1));
    }
    if (*period.from > *period.to) {
        throw ApiError{400, "période invalide : « du » (" + *period.from + ") est après « au » (" + *period.to + ")",
                       "choisissez une date de début antérieure à la date de fin"};
    }
    return period;
}

std::optional<std::string> RequestContext::ResolveService(const QueryParams& params) {
    auto code = params.ServiceCode();
    if (!code) {
        return std::nullopt;
    }
    auto found = Query("meta/service_exists.sql", {db::Value(*code)});
    if (found.RowCount() == 0) {
        throw ApiError{400, "service inconnu « " + *code + " »",
                       "choisissez un service dans la liste (codes de marts.dim_services)"};
    }
    return code;
}

} // namespace hf::serve
