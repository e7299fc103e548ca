#include "transform/run/run_support.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "common/fs.h"
#include "common/strings.h"
#include "common/utc_time.h"
#include "transform/compile/context.h"
#include "transform/jinja/interpreter.h"
#include "transform/jinja/parser.h"

namespace hf::transform {

std::string UtcNow(bool iso) {
    return FormatUtcMicros(std::chrono::system_clock::now(), iso) + (iso ? "Z" : "+00:00");
}

std::string NewInvocationId() {
    std::string hex = RandomToken(32);
    for (auto& c : hex) { // RandomToken is alphanumeric: map it onto hex digits
        c = "0123456789abcdef"[static_cast<unsigned char>(c) % 16];
    }
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-a" + hex.substr(17, 3) + "-" +
           hex.substr(20, 12);
}

jinja::Value QueryValue(const db::ResultSet& rs) {
    jinja::ValueList names, rows;
    for (const auto& c : rs.Columns()) {
        names.emplace_back(c.name);
    }
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        jinja::ValueList row;
        for (size_t c = 0; c < rs.ColumnCount(); ++c) {
            if (rs.IsNull(r, c)) {
                row.emplace_back();
            } else {
                row.emplace_back(rs.Text(r, c));
            }
        }
        rows.emplace_back(std::move(row));
    }
    jinja::ValueDict out;
    out.Set("column_names", jinja::Value(std::move(names)));
    out.Set("rows", jinja::Value(std::move(rows)));
    return jinja::Value(std::move(out));
}

std::vector<std::string> RenderHooks(Session& session, const Node& node, const std::string& key) {
    jinja::Value hooks = node.Config(key);
    if (hooks.IsNone()) {
        std::string dashed = key;
        std::replace(dashed.begin(), dashed.end(), '_', '-');
        hooks = node.Config(dashed);
    }
    std::vector<std::string> out;
    if (hooks.IsNone()) {
        return out;
    }
    jinja::ValueList texts = hooks.IsList() ? hooks.AsList() : jinja::ValueList{hooks};
    RenderContext ctx(session.GetProject(), session.GetTarget(), session.GetCompiler().MutableOptions(), &node,
                      nullptr);
    for (const auto& text : texts) {
        jinja::Value sql = text.IsDict() && text.AsDict().Find("sql") ? *text.AsDict().Find("sql") : text;
        jinja::Interpreter in(ctx.Globals());
        std::string rendered = in.Render(*jinja::Parse(sql.Str(), node.original_file_path + " (" + key + ")"));
        if (!Trim(rendered).empty()) {
            out.push_back(rendered);
        }
    }
    return out;
}

} // namespace hf::transform
