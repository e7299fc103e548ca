#include "transform/compile/builtin_macros.h"

#include "common/resources.h"
#include "transform/jinja/parser.h"

HF_DECLARE_RESOURCE_BUNDLE(transform_sql)

namespace hf::transform {

const std::map<std::string, std::shared_ptr<const jinja::MacroDef>, std::less<>>& BuiltinMacros() {
    static const auto kMacros = [] {
        std::map<std::string, std::shared_ptr<const jinja::MacroDef>, std::less<>> out;
        const auto& bundle = resources::bundles::transform_sql();
        for (const auto& path : bundle.List("macros/")) {
            auto tmpl = jinja::Parse(bundle.Get(path), "<builtin>/" + path);
            for (const auto& m : tmpl->macros) {
                out[m->name] = m;
            }
        }
        return out;
    }();
    return kMacros;
}

}  // namespace hf::transform
