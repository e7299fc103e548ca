#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "transform/jinja/ast.h"
#include "transform/jinja/value.h"

namespace hf::transform::jinja {

// Renders parsed templates. Names not bound by the template (set, for, macro arguments) are
// asked of the `Globals` resolver given at construction (context functions, project macros);
// a name nobody knows is an error unless tested with `is defined` or given a `default`.
// Errors are hf::Error (INVALID_INPUT unless a host function chose another kind) whose
// message starts with "<file>:<line>: " of the innermost template position.
// One interpreter renders one thing at a time; not thread-safe. Create one per render.
class Interpreter {
public:
    // Looks up a global name; nullopt when unknown.
    using Globals = std::function<std::optional<Value>(std::string_view name)>;

    explicit Interpreter(Globals globals);

    // Renders the top-level body of `tmpl` (definitions of snapshots and docs produce nothing).
    std::string Render(const Template& tmpl);
    // Renders the body of a parameterless definition (a snapshot or docs block).
    std::string RenderDefinition(const MacroDef& def);
    // A callable value that runs `def` as a macro when called; keeps `def` alive.
    Value BindMacro(std::shared_ptr<const MacroDef> def);
    // Calls a callable value (a macro or a native function) with `args`.
    Value Call(const Value& callee, CallArgs args);
    // Binds `name` in the outermost scope (visible to the whole render).
    void SetGlobal(std::string name, Value value);
    // Resolves a name through the scopes then the globals resolver.
    std::optional<Value> Lookup(std::string_view name) const;
    // Ends the running macro with `value` as its result (what `return(value)` does).
    void Return(Value value);
    // Renders `value` as `{{ value }}` would.
    static std::string Render(const Value& value) { return value.Str(); }

private:
    using Frame = std::unordered_map<std::string, Value>;
    enum class Control { NONE, BREAK, CONTINUE, RETURN };

    template <typename F>
    auto Guarded(F&& body);
    void RenderBody(const Body& body, std::string& out);
    void Exec(const Node& node, std::string& out);
    void ExecFor(const Node& node, std::string& out);
    void ExecSet(const Node& node);
    void ExecCallBlock(const Node& node, std::string& out);
    Value Eval(const Expr& expr);
    std::optional<Value> EvalMaybe(const Expr& expr);
    Value EvalBinary(const Expr& expr);
    Value EvalCall(const Expr& expr);
    CallArgs EvalArgs(const Expr& expr);
    Value CallMacro(const MacroDef& def, CallArgs& args, const Value* caller);
    [[noreturn]] void Fail(int line, const std::string& what) const;
    void Assign(const std::string& name, Value value);

    Globals globals_;
    std::vector<std::shared_ptr<Frame>> frames_;
    Control control_ = Control::NONE;
    Value return_value_;
    std::string file_;
    int line_ = 0;
    int depth_ = 0;
};

// Attribute `name` of `self` as templates see it: dict keys, object attributes and the
// Python methods templates use (str.lower, list.append, dict.get, ...). Defined in methods.cc.
std::optional<Value> GetAttribute(const Value& self, std::string_view name);
// Item `key` of `self` (list index, dict key, string index); nullopt when missing.
std::optional<Value> GetItem(const Value& self, const Value& key);

}  // namespace hf::transform::jinja
