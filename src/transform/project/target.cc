#include "transform/project/target.h"

#include <cstdlib>

#include <yaml-cpp/yaml.h>

#include "common/error.h"
#include "common/strings.h"
#include "db/warehouse.h"
#include "transform/jinja/interpreter.h"
#include "transform/jinja/parser.h"
#include "transform/project/yaml_value.h"

namespace hf::transform {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> FindProfiles(const Project& project, const TargetOptions& options) {
    if (options.profiles_dir) {
        fs::path p = *options.profiles_dir / "profiles.yml";
        if (!fs::exists(p)) {
            throw Error(ErrorKind::NOT_FOUND, "no profiles.yml in " + options.profiles_dir->string(),
                        "check --profiles-dir");
        }
        return p;
    }
    std::vector<fs::path> candidates = {fs::current_path() / "profiles.yml", project.root / "profiles.yml"};
    if (const char* home = std::getenv("HOME")) {
        candidates.push_back(fs::path(home) / ".dbt" / "profiles.yml");
    }
    for (const auto& c : candidates) {
        if (fs::exists(c)) {
            return c;
        }
    }
    return std::nullopt;
}

// Renders {{ env_var('X', 'default') }} inside profile strings.
jinja::Value RenderStrings(const jinja::Value& v, const std::string& file) {
    if (v.IsString() && v.AsString().find("{{") != std::string::npos) {
        auto tmpl = jinja::Parse(v.AsString(), file);
        jinja::Interpreter in([](std::string_view name) -> std::optional<jinja::Value> {
            if (name != "env_var") {
                return std::nullopt;
            }
            return jinja::Value::Function("env_var", [](jinja::Interpreter&, jinja::CallArgs& a) {
                std::string var = a.Required(0, "var", "env_var").Str();
                if (const char* value = std::getenv(var.c_str())) {
                    return jinja::Value(value);
                }
                if (a.positional.size() > 1) {
                    return a.positional[1];
                }
                throw Error(ErrorKind::INVALID_INPUT, "environment variable '" + var + "' is not set",
                            "export it or give env_var() a default");
            });
        });
        return jinja::Value(in.Render(*tmpl));
    }
    if (v.IsDict()) {
        jinja::ValueDict out;
        for (const auto& [k, x] : v.AsDict().Items()) {
            out.Set(k, RenderStrings(x, file));
        }
        return jinja::Value(std::move(out));
    }
    return v;
}

Target FromConfig(const Config& config) {
    Target t;
    t.profile_name = "healthflow";
    t.name = "default";
    t.from_config = true;
    t.type = db::WarehouseEngine(config);
    if (t.type == "duckdb") {
        t.path = config.Get("warehouse.path").empty() ? (config.DataDir() / "warehouse.duckdb").string()
                                                      : config.Get("warehouse.path");
        t.schema = "main";
        t.database = fs::path(t.path).stem().string();
    } else if (t.type == "postgres") {
        t.schema = "public";
    } else {
        throw Error(ErrorKind::INVALID_INPUT, "warehouse.engine is '" + t.type + "'", "use duckdb or postgres");
    }
    return t;
}

}  // namespace

Target ResolveTarget(const Project& project, const TargetOptions& options, const Config& config) {
    auto file = FindProfiles(project, options);
    Target t;
    if (!file) {
        t = FromConfig(config);
    } else {
        jinja::Value doc;
        try {
            doc = YamlToValue(YAML::LoadFile(file->string()));
        } catch (const YAML::Exception& e) {
            throw Error(ErrorKind::INVALID_INPUT, file->string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg,
                        "fix the YAML syntax");
        }
        const jinja::Value* profile = doc.IsDict() ? doc.AsDict().Find(project.profile) : nullptr;
        if (!profile || !profile->IsDict()) {
            throw Error(ErrorKind::NOT_FOUND, file->string() + " has no profile '" + project.profile + "'",
                        "add it, or set `profile:` in dbt_project.yml to one the file defines");
        }
        const jinja::Value* default_target = profile->AsDict().Find("target");
        t.name = !options.target_name.empty() ? options.target_name
                                               : (default_target ? default_target->Str() : std::string("dev"));
        const jinja::Value* outputs = profile->AsDict().Find("outputs");
        const jinja::Value* output = outputs && outputs->IsDict() ? outputs->AsDict().Find(t.name) : nullptr;
        if (!output || !output->IsDict()) {
            throw Error(ErrorKind::NOT_FOUND,
                        file->string() + ": profile '" + project.profile + "' has no output '" + t.name + "'",
                        "pick one of its outputs with --target");
        }
        jinja::Value fields = RenderStrings(*output, file->string());
        t.profile_name = project.profile;
        auto get = [&](std::string_view k) {
            const jinja::Value* v = fields.AsDict().Find(k);
            return v && !v->IsNone() ? v->Str() : std::string();
        };
        t.type = get("type");
        if (t.type != "duckdb" && t.type != "postgres") {
            throw Error(ErrorKind::INVALID_INPUT, file->string() + ": output '" + t.name + "' has type '" + t.type + "'",
                        "HealthFlow runs on type duckdb or postgres");
        }
        t.path = get("path");
        t.schema = get("schema").empty() ? (t.type == "duckdb" ? "main" : "public") : get("schema");
        t.database = t.type == "duckdb" ? (t.path.empty() ? "memory" : fs::path(t.path).stem().string())
                                        : (get("dbname").empty() ? get("database") : get("dbname"));
        long long threads = 1;
        t.threads = ParseInt64(get("threads"), threads) ? static_cast<int>(threads) : 1;
        for (const auto& [k, v] : fields.AsDict().Items()) {
            if (k != "password" && k != "pass") {
                t.fields.AsDict().Set(k, v);
            } else if (!v.IsNone()) {
                t.password = v.Str();
            }
        }
    }
    t.fields.AsDict().Set("name", jinja::Value(t.name));
    t.fields.AsDict().Set("type", jinja::Value(t.type));
    t.fields.AsDict().Set("schema", jinja::Value(t.schema));
    t.fields.AsDict().Set("database", jinja::Value(t.database));
    t.fields.AsDict().Set("profile_name", jinja::Value(t.profile_name));
    t.fields.AsDict().Set("threads", jinja::Value(t.threads));
    return t;
}

}  // namespace hf::transform
