#pragma once

#include <string>
#include <vector>

#include "db/types.h"
#include "transform/jinja/value.h"
#include "transform/session.h"

namespace hf::transform {

// Now in UTC: ISO-8601 "2026-12-04T18:30:00.123456Z" when `iso`, else run_started_at's
// "2026-12-04 18:30:00.123456+00:00".
std::string UtcNow(bool iso);

// A random version-4 UUID naming one run in the artifacts.
std::string NewInvocationId();

// A run_query() result as templates see it: {column_names: [...], rows: [[...], ...]} (text cells,
// NULL as none).
jinja::Value QueryValue(const db::ResultSet& rs);

// The node's pre_hook or post_hook statements (a string, a list, or {sql: ...} entries;
// `pre-hook` also accepted), rendered with the node's context; empty ones dropped. Uses the
// session's compiler options: call under the compiler's lock.
std::vector<std::string> RenderHooks(Session& session, const Node& node, const std::string& key);

} // namespace hf::transform
