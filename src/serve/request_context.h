#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/warehouse.h"
#include "serve/params.h"
#include "serve/server.h"
#include "serve/sessions.h"
#include "serve/warehouse_pool.h"

namespace hf::serve {

// Everything a route handler needs for one request: who asks, the request, the response, and
// the warehouse through one read transaction opened on first use, so that every query of the
// request reads the same snapshot even while a pipeline run swaps the marts. One per request;
// used by one thread.
class RequestContext {
public:
    RequestContext(const httplib::Request& request, httplib::Response& response, Identity identity, WarehousePool& pool,
                   const ServerOptions& options);
    ~RequestContext();

    const httplib::Request& Request() const { return request_; }
    httplib::Response& Response() { return response_; }
    const Identity& Who() const { return identity_; }
    const ServerOptions& Options() const { return options_; }

    // Runs the embedded query sql/<name> with $n parameters in the request's transaction.
    db::ResultSet Query(const std::string& name, const std::vector<db::Value>& params = {});

    // Sends a JSON body.
    void SendJson(const nlohmann::json& body, int status = 200);
    // Sends `rows` as {"rows": [...], ...extra} or, with ?format=csv, as a CSV download named
    // <filename>.csv. `hidden` columns are left out of both.
    void SendTable(const QueryParams& params, const std::string& filename, const db::ResultSet& rows,
                   nlohmann::json extra = nlohmann::json::object(), const std::vector<std::string>& hidden = {});

    // The period [du, au] of the request, with defaults taken from the reference date
    // (marts.kpi_reference): `default_days` days ending on the reference date.
    QueryParams::Period ResolvePeriod(const QueryParams& params, int default_days);
    // The service filter, checked against marts.dim_services (400 for an unknown code).
    std::optional<std::string> ResolveService(const QueryParams& params);

private:
    db::Warehouse& Warehouse();

    const httplib::Request& request_;
    httplib::Response& response_;
    Identity identity_;
    WarehousePool& pool_;
    const ServerOptions& options_;
    std::optional<WarehousePool::Lease> lease_;
};

} // namespace hf::serve
