#include "transform/compile/context.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

#include <spdlog/spdlog.h>

#include "common/error.h"
#include "common/utc_time.h"
#include "transform/compile/builtin_macros.h"
#include "transform/compile/relation.h"
#include "transform/project/node_config.h"
#include "transform/project/test_naming.h"

namespace hf::transform {

using jinja::CallArgs;
using jinja::Interpreter;
using jinja::Value;
using jinja::ValueDict;
using jinja::ValueList;

namespace {

std::string NowTimestamp() {
    return FormatUtcMicros(std::chrono::system_clock::now()) + "+00:00";
}

// run_started_at: renders as a timestamp and offers strftime()/isoformat().
class Timestamp : public jinja::Object {
public:
    explicit Timestamp(std::string text) : text_(std::move(text)) {}
    std::optional<Value> Attr(std::string_view name) const override {
        std::string text = text_;
        if (name == "isoformat") {
            std::string iso = text;
            iso[10] = 'T';
            return Value::Function("isoformat", [iso](Interpreter&, CallArgs&) { return Value(iso); });
        }
        if (name == "strftime") {
            return Value::Function("strftime", [text](Interpreter&, CallArgs& a) {
                std::tm tm{};
                if (!strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &tm)) {
                    throw Error(ErrorKind::INTERNAL, "bad run_started_at '" + text + "'");
                }
                char buf[128];
                size_t n = std::strftime(buf, sizeof(buf), a.Required(0, "format", "strftime").Str().c_str(), &tm);
                return Value(std::string(buf, n));
            });
        }
        return std::nullopt;
    }
    std::string Str() const override { return text_; }
    std::string_view TypeName() const override { return "datetime"; }

private:
    std::string text_;
};

Value MakeDict(std::initializer_list<std::pair<std::string, Value>> items) {
    ValueDict d;
    for (const auto& [k, v] : items) {
        d.Set(k, v);
    }
    return Value(std::move(d));
}

}  // namespace

jinja::Value NodeValue(const Node& node) {
    ValueList fqn;
    for (const auto& part : node.fqn) {
        fqn.emplace_back(part);
    }
    return MakeDict({{"name", Value(node.name)},
                     {"unique_id", Value(node.unique_id)},
                     {"resource_type", Value(ResourceTypeName(node.type))},
                     {"package_name", Value(node.package_name)},
                     {"path", Value(node.path)},
                     {"original_file_path", Value(node.original_file_path)},
                     {"fqn", Value(std::move(fqn))},
                     {"config", node.config},
                     {"tags", node.Config("tags", Value(ValueList{}))},
                     {"schema", Value(node.schema)},
                     {"alias", Value(node.alias)},
                     {"description", Value(node.description)}});
}

RenderContext::RenderContext(const Project& project, const Target& target, const CompileOptions& options,
                             const Node* node, Capture* capture)
    : project_(project), target_(target), options_(options), node_(node), capture_(capture) {}

Interpreter::Globals RenderContext::Globals() {
    return [this](std::string_view name) { return Resolve(name); };
}

std::optional<Value> RenderContext::Macro(std::string_view name, bool builtins_first) const {
    auto from_project = [&]() -> std::shared_ptr<const jinja::MacroDef> {
        auto it = project_.macros.find(std::string(name));
        return it == project_.macros.end() ? nullptr : it->second;
    };
    auto from_builtins = [&]() -> std::shared_ptr<const jinja::MacroDef> {
        auto it = BuiltinMacros().find(name);
        return it == BuiltinMacros().end() ? nullptr : it->second;
    };
    auto def = builtins_first ? from_builtins() : from_project();
    if (!def) {
        def = builtins_first ? from_project() : from_builtins();
    }
    if (!def) {
        return std::nullopt;
    }
    std::string macro_name = def->name;
    return Value::Function(macro_name, [def](Interpreter& in, CallArgs& args) {
        return in.Call(in.BindMacro(def), std::move(args));
    });
}

std::optional<Value> RenderContext::Resolve(std::string_view name) {
    std::string key(name);
    if (auto it = cache_.find(key); it != cache_.end()) {
        return it->second;
    }
    std::optional<Value> v;
    const bool execute = capture_ == nullptr;
    if (name == "ref") {
        v = Value::Function("ref", [this](Interpreter&, CallArgs& a) { return Ref(a); });
    } else if (name == "source") {
        v = Value::Function("source", [this](Interpreter&, CallArgs& a) { return Source(a); });
    } else if (name == "config") {
        v = ConfigObject();
    } else if (name == "var") {
        v = Value::Function("var", [this](Interpreter&, CallArgs& a) { return Var(a); });
    } else if (name == "env_var") {
        v = Value::Function("env_var", [](Interpreter&, CallArgs& a) {
            std::string var = a.Required(0, "var", "env_var").Str();
            if (const char* value = std::getenv(var.c_str())) {
                return Value(value);
            }
            if (a.positional.size() > 1 || a.Keyword("default")) {
                return a.Optional(1, "default", Value());
            }
            throw Error(ErrorKind::INVALID_INPUT, "env_var('" + var + "'): the environment variable is not set",
                        "export " + var + " or give env_var() a default");
        });
    } else if (name == "this") {
        v = node_ ? Relation::Make(node_->database, node_->schema.empty() ? target_.schema : node_->schema,
                                   node_->alias.empty() ? node_->name : node_->alias)
                  : Value();
    } else if (name == "target") {
        v = target_.fields;
    } else if (name == "is_incremental") {
        bool incremental = node_ && options_.incremental.count(node_->unique_id) &&
                           node_->Materialized() == "incremental" && !options_.full_refresh;
        v = Value::Function("is_incremental", [incremental](Interpreter&, CallArgs&) { return Value(incremental); });
    } else if (name == "run_started_at") {
        v = Value(std::shared_ptr<const jinja::Object>(
            std::make_shared<Timestamp>(options_.run_started_at.empty() ? NowTimestamp() : options_.run_started_at)));
    } else if (name == "execute") {
        v = Value(execute);
    } else if (name == "log" || name == "print") {
        v = Value::Function("log", [](Interpreter&, CallArgs& a) {
            std::string msg = a.Optional(0, "msg", Value("")).Str();
            if (a.Optional(1, "info", Value(false)).Truthy()) {
                spdlog::info("{}", msg);
            } else {
                spdlog::debug("{}", msg);
            }
            return Value("");
        });
    } else if (name == "exceptions") {
        v = MakeDict({{"raise_compiler_error", Value::Function("raise_compiler_error",
                                                               [](Interpreter&, CallArgs& a) -> Value {
                                                                   throw Error(ErrorKind::INVALID_INPUT,
                                                                               "compilation error: " +
                                                                                   a.Optional(0, "msg", Value("")).Str(),
                                                                               "the project raised this error itself");
                                                               })},
                      {"warn", Value::Function("warn", [](Interpreter&, CallArgs& a) {
                           spdlog::warn("{}", a.Optional(0, "msg", Value("")).Str());
                           return Value("");
                       })}});
    } else if (name == "adapter") {
        v = Adapter();
    } else if (name == "run_query") {
        v = Value::Function("run_query", [this, execute](Interpreter&, CallArgs& a) -> Value {
            if (!execute) {
                return Value();
            }
            if (!options_.run_query) {
                throw Error(ErrorKind::INVALID_INPUT, "run_query() needs a warehouse connection, and none is open",
                            "guard the call with {% if execute %} or use a command that connects (transform run)");
            }
            return options_.run_query(a.Required(0, "sql", "run_query").Str());
        });
    } else if (name == "model") {
        v = node_ ? NodeValue(*node_) : Value();
    } else if (name == "flags") {
        v = MakeDict({{"FULL_REFRESH", Value(options_.full_refresh)}});
    } else if (name == "local_md5") {
        v = Value::Function("local_md5", [](Interpreter&, CallArgs& a) {
            return Value(Md5Hex(a.Required(0, "value", "local_md5").Str()));
        });
    } else if (name == "tojson") {
        v = Value::Function("tojson", [](Interpreter&, CallArgs& a) { return Value(jinja::ToJson(a.Required(0, "value", "tojson"))); });
    } else if (name == "dbt" || name == "dbt_utils") {
        v = Namespace(key, true);
    } else if (name == "project_name") {
        v = Value(project_.name);
    } else {
        v = Macro(name);
    }
    if (v) {
        cache_[key] = *v;
    }
    return v;
}

Value RenderContext::Ref(CallArgs& args) {
    if (args.positional.empty() || args.positional.size() > 2) {
        throw Error(ErrorKind::INVALID_INPUT, "ref() takes a model name, or a package and a model name",
                    "write ref('model') or ref('package', 'model')");
    }
    std::string package = args.positional.size() == 2 ? args.positional[0].Str() : "";
    std::string name = args.positional.back().Str();
    if (capture_) {
        capture_->refs.emplace_back(package, name);
    }
    const Node* target = project_.FindByName(name);
    if (!target) {
        if (capture_) {
            return Relation::Make(target_.database, target_.schema, name);
        }
        throw Error(ErrorKind::NOT_FOUND, "ref('" + name + "') names no model, seed or snapshot",
                    "check the name, or add the model");
    }
    if (target->Materialized() == "ephemeral") {
        return Relation::Make("", "", "__dbt__cte__" + target->name, true);
    }
    return Relation::Make(target->database, target->schema.empty() ? target_.schema : target->schema,
                          target->alias.empty() ? target->name : target->alias);
}

Value RenderContext::Source(CallArgs& args) {
    std::string source = args.Required(0, "source_name", "source").Str();
    std::string table = args.Required(1, "table_name", "source").Str();
    if (capture_) {
        capture_->sources.emplace_back(source, table);
    }
    const SourceTable* s = project_.FindSource(source, table);
    if (!s) {
        if (capture_) {
            return Relation::Make("", source, table);
        }
        throw Error(ErrorKind::NOT_FOUND, "source('" + source + "', '" + table + "') is not declared",
                    "declare it under sources: in a YAML file of the models folder");
    }
    return Relation::Make(s->database, s->schema, s->identifier);
}

Value RenderContext::ConfigValue(std::string_view key) const {
    if (capture_) {
        if (const Value* v = capture_->config.AsDict().Find(key)) {
            return *v;
        }
    }
    return node_ ? node_->Config(key) : Value();
}

Value RenderContext::ConfigObject() {
    auto fn = std::make_shared<jinja::Callable>();
    fn->name = "config";
    fn->fn = [this](Interpreter&, CallArgs& a) {
        if (!capture_) {
            return Value("");
        }
        for (const auto& p : a.positional) {
            MergeConfig(capture_->config, p);
        }
        ValueDict kw;
        for (const auto& [k, v] : a.keyword) {
            kw.Set(k, v);
        }
        MergeConfig(capture_->config, Value(std::move(kw)));
        return Value("");
    };
    fn->attributes = std::make_shared<ValueDict>();
    fn->attributes->Set("get", Value::Function("get", [this](Interpreter&, CallArgs& a) {
        Value v = ConfigValue(a.Required(0, "name", "config.get").Str());
        return v.IsNone() ? a.Optional(1, "default", Value()) : v;
    }));
    fn->attributes->Set("require", Value::Function("require", [this](Interpreter&, CallArgs& a) {
        std::string key = a.Required(0, "name", "config.require").Str();
        Value v = ConfigValue(key);
        if (v.IsNone()) {
            throw Error(ErrorKind::INVALID_INPUT, "config '" + key + "' is required but not set",
                        "set it with config(" + key + "=...) or in YAML");
        }
        return v;
    }));
    return Value(std::move(fn));
}

Value RenderContext::Var(CallArgs& args) const {
    std::string name = args.Required(0, "name", "var").Str();
    if (const Value* v = options_.cli_vars.AsDict().Find(name)) {
        return *v;
    }
    if (const Value* v = project_.vars.AsDict().Find(name)) {
        return *v;
    }
    if (args.positional.size() > 1 || args.Keyword("default")) {
        return args.Optional(1, "default", Value());
    }
    throw Error(ErrorKind::INVALID_INPUT, "required var '" + name + "' is not set",
                "define it under vars: in dbt_project.yml or pass --vars '{" + name + ": ...}'");
}

Value RenderContext::Adapter() {
    ValueDict adapter;
    adapter.Set("type", Value(target_.type));
    adapter.Set("dispatch", Value::Function("dispatch", [this](Interpreter&, CallArgs& a) -> Value {
        std::string macro_name = a.Required(0, "macro_name", "adapter.dispatch").Str();
        for (const std::string& prefix : {target_.type + "__", std::string("default__")}) {
            if (auto m = Macro(prefix + macro_name)) {
                return *m;
            }
        }
        throw Error(ErrorKind::INVALID_INPUT,
                    "adapter.dispatch('" + macro_name + "') found neither '" + target_.type + "__" + macro_name +
                        "' nor 'default__" + macro_name + "'",
                    "define one of these macros in the macros folder");
    }));
    adapter.Set("quote", Value::Function("quote", [](Interpreter&, CallArgs& a) {
        return Value(QuoteIdentifier(a.Required(0, "identifier", "adapter.quote").Str()));
    }));
    return Value(std::move(adapter));
}

namespace {

// `dbt.x` / `dbt_utils.x`: macros looked up by attribute.
class MacroNamespace : public jinja::Object {
public:
    MacroNamespace(std::string name, std::function<std::optional<Value>(std::string_view)> lookup)
        : name_(std::move(name)), lookup_(std::move(lookup)) {}
    std::optional<Value> Attr(std::string_view name) const override { return lookup_(name); }
    std::string Str() const override { return "<namespace " + name_ + ">"; }
    std::string_view TypeName() const override { return "namespace"; }

private:
    std::string name_;
    std::function<std::optional<Value>(std::string_view)> lookup_;
};

}  // namespace

Value RenderContext::Namespace(std::string name, bool builtins_first) {
    return Value(std::shared_ptr<const jinja::Object>(std::make_shared<MacroNamespace>(
        std::move(name), [this, builtins_first](std::string_view macro) {
            if (auto m = Macro(macro, builtins_first)) {
                return m;
            }
            return Macro("test_" + std::string(macro), builtins_first);
        })));
}

}  // namespace hf::transform
