#include "serve/routes.h"

#include "serve/table_output.h"

namespace hf::serve {

void RegisterMetaRoutes(Router& router) {
    router.Get("/api/meta", std::nullopt, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {});
        auto reference = ctx.Query("meta/reference.sql");
        auto services = ctx.Query("meta/services.sql");
        ctx.SendTable(params, "services", services, {{"reference", FirstRowToJson(reference)}});
    });
}

} // namespace hf::serve
