#pragma once

#include <memory>
#include <string>

#include "transform/jinja/value.h"

namespace hf::transform {

// A warehouse relation as templates see it (ref(), source(), this): renders as
// "schema"."identifier"; an ephemeral model renders as its CTE name. Immutable; thread-safe.
class Relation : public jinja::Object {
public:
    Relation(std::string database, std::string schema, std::string identifier, bool is_cte = false);

    std::optional<jinja::Value> Attr(std::string_view name) const override;
    std::string Str() const override;
    std::string_view TypeName() const override { return "relation"; }

    // A value holding a new relation.
    static jinja::Value Make(std::string database, std::string schema, std::string identifier, bool is_cte = false);

private:
    std::string database_;
    std::string schema_;
    std::string identifier_;
    bool is_cte_;
};

// "name" with embedded double quotes doubled.
std::string QuoteIdentifier(std::string_view name);

}  // namespace hf::transform
