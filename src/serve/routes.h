#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "serve/request_context.h"
#include "serve/roles.h"

namespace hf::serve {

// Answers one request; throws ApiError for a request it cannot answer.
using Handler = std::function<void(RequestContext&)>;

// One API endpoint: method, path (a regular expression for httplib, anchored), the page whose
// role check applies (nullopt: any logged-in user) and the handler.
struct Route {
    std::string method; // "GET" or "POST"
    std::string pattern;
    std::optional<Page> page;
    Handler handler;
};

// The API's endpoints, filled by the Register*Routes functions below. Not thread-safe; built
// once before the server starts.
class Router {
public:
    void Get(std::string pattern, std::optional<Page> page, Handler handler) {
        routes_.push_back({"GET", std::move(pattern), page, std::move(handler)});
    }
    void Post(std::string pattern, std::optional<Page> page, Handler handler) {
        routes_.push_back({"POST", std::move(pattern), page, std::move(handler)});
    }
    const std::vector<Route>& Routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

// /api/meta: reference instant, services, who is asking.
void RegisterMetaRoutes(Router& router);
// /api/lits/*: Pilotage des lits.
void RegisterBedRoutes(Router& router);
// /api/stocks/*: Gestion des stocks.
void RegisterStockRoutes(Router& router);
// /api/finance/*: Analyse financière.
void RegisterFinanceRoutes(Router& router);
// /api/patients/*: Historique patient (identity for admin only).
void RegisterPatientRoutes(Router& router);
// /api/pipeline/*: run history, task timeline, tests, freshness; POST starts a run (admin).
void RegisterPipelineRoutes(Router& router);

} // namespace hf::serve
