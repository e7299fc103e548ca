#include "transform/compile/relation.h"

namespace hf::transform {

std::string QuoteIdentifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

Relation::Relation(std::string database, std::string schema, std::string identifier, bool is_cte)
    : database_(std::move(database)), schema_(std::move(schema)), identifier_(std::move(identifier)), is_cte_(is_cte) {}

jinja::Value Relation::Make(std::string database, std::string schema, std::string identifier, bool is_cte) {
    return jinja::Value(std::shared_ptr<const jinja::Object>(
        std::make_shared<Relation>(std::move(database), std::move(schema), std::move(identifier), is_cte)));
}

std::optional<jinja::Value> Relation::Attr(std::string_view name) const {
    if (name == "database") return jinja::Value(database_);
    if (name == "schema") return jinja::Value(schema_);
    if (name == "identifier" || name == "name" || name == "table") return jinja::Value(identifier_);
    if (name == "is_cte") return jinja::Value(is_cte_);
    if (name == "render") {
        std::string text = Str();
        return jinja::Value::Function("render", [text](jinja::Interpreter&, jinja::CallArgs&) { return jinja::Value(text); });
    }
    if (name == "include" || name == "quote" || name == "incorporate") {
        auto self = Make(database_, schema_, identifier_, is_cte_);
        return jinja::Value::Function(std::string(name), [self](jinja::Interpreter&, jinja::CallArgs&) { return self; });
    }
    return std::nullopt;
}

std::string Relation::Str() const {
    if (is_cte_) {
        return identifier_;
    }
    return QuoteIdentifier(schema_) + "." + QuoteIdentifier(identifier_);
}

}  // namespace hf::transform
