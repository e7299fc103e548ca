#include "serve/roles.h"

#include <algorithm>
#include <map>

namespace hf::serve {

namespace {

const std::map<std::string, std::vector<Page>>& RolePages() {
    static const std::map<std::string, std::vector<Page>> pages = {
        {"admin", {Page::LITS, Page::STOCKS, Page::FINANCE, Page::PATIENTS, Page::PIPELINE}},
        {"direction", {Page::LITS, Page::FINANCE, Page::PATIENTS, Page::PIPELINE}},
        {"pharmacie", {Page::STOCKS, Page::PATIENTS}},
        {"finance", {Page::FINANCE, Page::PATIENTS}},
    };
    return pages;
}

} // namespace

std::string PageName(Page page) {
    switch (page) {
    case Page::LITS:
        return "lits";
    case Page::STOCKS:
        return "stocks";
    case Page::FINANCE:
        return "finance";
    case Page::PATIENTS:
        return "patients";
    case Page::PIPELINE:
        return "pipeline";
    }
    return "?";
}

const std::vector<std::string>& KnownRoles() {
    static const std::vector<std::string> roles = {"direction", "pharmacie", "finance", "admin"};
    return roles;
}

bool RoleCanSee(const std::string& role, Page page) {
    auto it = RolePages().find(role);
    return it != RolePages().end() && std::find(it->second.begin(), it->second.end(), page) != it->second.end();
}

std::vector<std::string> PagesOf(const std::string& role) {
    std::vector<std::string> out;
    auto it = RolePages().find(role);
    if (it != RolePages().end()) {
        for (Page page : it->second) {
            out.push_back(PageName(page));
        }
    }
    return out;
}

bool RoleSeesIdentity(const std::string& role) {
    return role == "admin";
}

bool RoleCanRunPipeline(const std::string& role) {
    return role == "admin";
}

} // namespace hf::serve
