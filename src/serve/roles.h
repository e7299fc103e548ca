#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hf::serve {

// The dashboard pages an API endpoint belongs to; a role sees a fixed set of them.
enum class Page { LITS, STOCKS, FINANCE, PATIENTS, PIPELINE };

// "lits", "stocks", "finance", "patients", "pipeline".
std::string PageName(Page page);

// The roles of users: direction (lits, finance, pipeline, pseudonymous patient history),
// pharmacie (stocks, pseudonymous patient history), finance (finance, pseudonymous patient
// history), admin (everything, patient identity and starting pipeline runs).
const std::vector<std::string>& KnownRoles();
// True when `role` may see `page`.
bool RoleCanSee(const std::string& role, Page page);
// Pages `role` may see, in menu order.
std::vector<std::string> PagesOf(const std::string& role);
// True when `role` sees patient identity (nom, prenom, telephone, email).
bool RoleSeesIdentity(const std::string& role);
// True when `role` may start a pipeline run from the dashboards.
bool RoleCanRunPipeline(const std::string& role);

} // namespace hf::serve
