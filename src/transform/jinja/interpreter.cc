#include "transform/jinja/interpreter.h"

#include <cmath>

#include "common/error.h"
#include "transform/jinja/parser.h"

namespace hf::transform::jinja {

namespace {

bool Compare(const Value& a, const Value& b, const std::string& op) {
    if (op == "==") {
        return a.Equals(b);
    }
    if (op == "!=") {
        return !a.Equals(b);
    }
    int cmp = 0;
    if ((a.IsNumber() || a.Kind() == ValueKind::BOOL) && (b.IsNumber() || b.Kind() == ValueKind::BOOL)) {
        double x = a.AsDouble(), y = b.AsDouble();
        cmp = x < y ? -1 : (x > y ? 1 : 0);
    } else if (a.IsString() && b.IsString()) {
        cmp = a.AsString().compare(b.AsString());
    } else {
        throw Error(ErrorKind::INVALID_INPUT, "'" + op + "' is not supported between " + std::string(a.TypeName()) +
                                                  " and " + std::string(b.TypeName()));
    }
    if (op == "<") return cmp < 0;
    if (op == "<=") return cmp <= 0;
    if (op == ">") return cmp > 0;
    return cmp >= 0;
}

bool Contains(const Value& container, const Value& item) {
    switch (container.Kind()) {
        case ValueKind::STRING:
            return container.AsString().find(item.AsString()) != std::string::npos;
        case ValueKind::LIST:
            for (const auto& v : container.AsList()) {
                if (v.Equals(item)) {
                    return true;
                }
            }
            return false;
        case ValueKind::DICT:
            return item.IsString() && container.AsDict().Find(item.AsString()) != nullptr;
        default:
            throw Error(ErrorKind::INVALID_INPUT,
                        "'in' needs a string, list or dict on its right, got " + std::string(container.TypeName()));
    }
}

Value Arithmetic(const Value& a, const Value& b, const std::string& op) {
    if (op == "+" && a.IsString() && b.IsString()) {
        return Value(a.AsString() + b.AsString());
    }
    if (op == "+" && a.IsList() && b.IsList()) {
        ValueList out = a.AsList();
        out.insert(out.end(), b.AsList().begin(), b.AsList().end());
        return Value(std::move(out));
    }
    if (op == "*" && (a.IsString() || a.IsList()) && b.Kind() == ValueKind::INT) {
        if (a.IsString()) {
            std::string out;
            for (int64_t i = 0; i < b.AsInt(); ++i) {
                out += a.AsString();
            }
            return Value(std::move(out));
        }
        ValueList out;
        for (int64_t i = 0; i < b.AsInt(); ++i) {
            out.insert(out.end(), a.AsList().begin(), a.AsList().end());
        }
        return Value(std::move(out));
    }
    bool numbers = (a.IsNumber() || a.Kind() == ValueKind::BOOL) && (b.IsNumber() || b.Kind() == ValueKind::BOOL);
    if (!numbers) {
        throw Error(ErrorKind::INVALID_INPUT, "unsupported operand types for '" + op + "': " +
                                                  std::string(a.TypeName()) + " and " + std::string(b.TypeName()));
    }
    bool ints = a.Kind() != ValueKind::FLOAT && b.Kind() != ValueKind::FLOAT;
    if ((op == "/" || op == "//" || op == "%") && b.AsDouble() == 0.0) {
        throw Error(ErrorKind::INVALID_INPUT, "division by zero");
    }
    if (ints) {
        int64_t x = a.AsInt(), y = b.AsInt();
        if (op == "+") return Value(x + y);
        if (op == "-") return Value(x - y);
        if (op == "*") return Value(x * y);
        if (op == "/") return Value(static_cast<double>(x) / static_cast<double>(y));
        if (op == "//") {
            int64_t q = x / y;
            return Value((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q);
        }
        if (op == "%") {
            int64_t r = x % y;
            return Value((r != 0 && ((r < 0) != (y < 0))) ? r + y : r);
        }
        if (op == "**" && y >= 0) {
            int64_t r = 1;
            for (int64_t i = 0; i < y; ++i) {
                r *= x;
            }
            return Value(r);
        }
    }
    double x = a.AsDouble(), y = b.AsDouble();
    if (op == "+") return Value(x + y);
    if (op == "-") return Value(x - y);
    if (op == "*") return Value(x * y);
    if (op == "/") return Value(x / y);
    if (op == "//") return Value(std::floor(x / y));
    if (op == "%") return Value(x - y * std::floor(x / y));
    return Value(std::pow(x, y));
}

}  // namespace

Interpreter::Interpreter(Globals globals) : globals_(std::move(globals)) {
    frames_.push_back(std::make_shared<Frame>());
}

template <typename F>
auto Interpreter::Guarded(F&& body) {
    if (depth_ > 0) {
        ++depth_;
        auto result = body();
        --depth_;
        return result;
    }
    depth_ = 1;
    auto saved_frames = frames_;
    std::string saved_file = file_;
    try {
        auto result = body();
        depth_ = 0;
        return result;
    } catch (const Error& e) {
        std::string where = file_ + ":" + std::to_string(line_) + ": ";
        depth_ = 0;
        frames_ = std::move(saved_frames);
        file_ = std::move(saved_file);
        control_ = Control::NONE;
        throw Error(e.Kind(), where + e.Message(), e.Hint());
    }
}

std::string Interpreter::Render(const Template& tmpl) {
    return Guarded([&] {
        file_ = tmpl.file;
        std::string out;
        RenderBody(tmpl.body, out);
        control_ = Control::NONE;
        return out;
    });
}

std::string Interpreter::RenderDefinition(const MacroDef& def) {
    return Guarded([&] {
        CallArgs none;
        return CallMacro(def, none, nullptr).Str();
    });
}

Value Interpreter::BindMacro(std::shared_ptr<const MacroDef> def) {
    std::string name = def->name;
    return Value::Function(name, [def = std::move(def)](Interpreter& in, CallArgs& args) {
        return in.CallMacro(*def, args, nullptr);
    });
}

Value Interpreter::Call(const Value& callee, CallArgs args) {
    return Guarded([&] { return callee.AsCallable().fn(*this, args); });
}

void Interpreter::SetGlobal(std::string name, Value value) { (*frames_.front())[std::move(name)] = std::move(value); }

void Interpreter::Return(Value value) {
    return_value_ = std::move(value);
    control_ = Control::RETURN;
}

std::optional<Value> Interpreter::Lookup(std::string_view name) const {
    std::string key(name);
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
        auto found = (*it)->find(key);
        if (found != (*it)->end()) {
            return found->second;
        }
    }
    if (auto v = globals_ ? globals_(name) : std::nullopt) {
        return v;
    }
    if (name == "return") {
        return Value::Function("return", [](Interpreter& in, CallArgs& args) {
            in.Return(args.Optional(0, "value", Value()));
            return Value();
        });
    }
    if (name == "range") {
        return Value::Function("range", [](Interpreter&, CallArgs& args) {
            int64_t start = 0, stop = 0, step = 1;
            if (args.positional.size() == 1) {
                stop = args.positional[0].AsInt();
            } else if (args.positional.size() >= 2) {
                start = args.positional[0].AsInt();
                stop = args.positional[1].AsInt();
                if (args.positional.size() > 2) {
                    step = args.positional[2].AsInt();
                }
            }
            if (step == 0) {
                throw Error(ErrorKind::INVALID_INPUT, "range() step must not be zero");
            }
            ValueList out;
            for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
                out.emplace_back(i);
            }
            return Value(std::move(out));
        });
    }
    if (name == "namespace" || name == "dict") {
        return Value::Function(std::string(name), [](Interpreter&, CallArgs& args) {
            ValueDict d;
            if (!args.positional.empty()) {
                for (const auto& [k, v] : args.positional[0].AsDict().Items()) {
                    d.Set(k, v);
                }
            }
            for (auto& [k, v] : args.keyword) {
                d.Set(k, v);
            }
            return Value(std::move(d));
        });
    }
    return std::nullopt;
}

void Interpreter::Fail(int line, const std::string& what) const {
    const_cast<Interpreter*>(this)->line_ = line;
    throw Error(ErrorKind::INVALID_INPUT, what, "fix the template or the values it is given");
}

void Interpreter::RenderBody(const Body& body, std::string& out) {
    for (const Node& node : body) {
        Exec(node, out);
        if (control_ != Control::NONE) {
            return;
        }
    }
}

void Interpreter::Assign(const std::string& name, Value value) { (*frames_.back())[name] = std::move(value); }

void Interpreter::Exec(const Node& node, std::string& out) {
    line_ = node.line;
    switch (node.kind) {
        case NodeKind::TEXT: out += node.text; return;
        case NodeKind::OUTPUT: {
            Value v = Eval(*node.expr);
            if (control_ != Control::RETURN) {
                out += v.Str();
            }
            return;
        }
        case NodeKind::IF:
            for (const auto& [cond, body] : node.branches) {
                if (Eval(*cond).Truthy()) {
                    RenderBody(body, out);
                    return;
                }
            }
            RenderBody(node.else_body, out);
            return;
        case NodeKind::FOR: ExecFor(node, out); return;
        case NodeKind::SET: ExecSet(node); return;
        case NodeKind::SET_BLOCK: {
            std::string captured;
            RenderBody(node.body, captured);
            Assign(node.targets[0], Value(std::move(captured)));
            return;
        }
        case NodeKind::MACRO: Assign(node.macro->name, BindMacro(node.macro)); return;
        case NodeKind::CALL_BLOCK: ExecCallBlock(node, out); return;
        case NodeKind::DO: Eval(*node.expr); return;
        case NodeKind::BREAK: control_ = Control::BREAK; return;
        case NodeKind::CONTINUE: control_ = Control::CONTINUE; return;
        case NodeKind::FILTER_BLOCK: {
            std::string captured;
            RenderBody(node.body, captured);
            CallArgs args = EvalArgs(*node.expr);
            out += node.expr->filter(*this, Value(std::move(captured)), args).Str();
            return;
        }
    }
}

void Interpreter::ExecFor(const Node& node, std::string& out) {
    ValueList items = Eval(*node.expr).Iterate();
    frames_.push_back(std::make_shared<Frame>());
    if (node.cond) {
        ValueList kept;
        for (auto& item : items) {
            if (node.targets.size() == 1) {
                Assign(node.targets[0], item);
            }
            if (Eval(*node.cond).Truthy()) {
                kept.push_back(std::move(item));
            }
        }
        items = std::move(kept);
    }
    Value loop{ValueDict{}};
    Assign("loop", loop);
    const int64_t n = static_cast<int64_t>(items.size());
    for (int64_t i = 0; i < n; ++i) {
        ValueDict& l = loop.AsDict();
        l.Set("index", Value(i + 1));
        l.Set("index0", Value(i));
        l.Set("revindex", Value(n - i));
        l.Set("revindex0", Value(n - i - 1));
        l.Set("first", Value(i == 0));
        l.Set("last", Value(i == n - 1));
        l.Set("length", Value(n));
        l.Set("previtem", i > 0 ? items[i - 1] : Value());
        l.Set("nextitem", i + 1 < n ? items[i + 1] : Value());
        if (node.targets.size() == 1) {
            Assign(node.targets[0], items[i]);
        } else {
            ValueList parts = items[i].Iterate();
            if (parts.size() != node.targets.size()) {
                Fail(node.line, "cannot unpack " + std::to_string(parts.size()) + " values into " +
                                    std::to_string(node.targets.size()) + " loop variables");
            }
            for (size_t k = 0; k < parts.size(); ++k) {
                Assign(node.targets[k], parts[k]);
            }
        }
        RenderBody(node.body, out);
        if (control_ == Control::CONTINUE) {
            control_ = Control::NONE;
        } else if (control_ == Control::BREAK) {
            control_ = Control::NONE;
            break;
        } else if (control_ == Control::RETURN) {
            break;
        }
    }
    frames_.pop_back();
    if (n == 0 && control_ == Control::NONE) {
        RenderBody(node.else_body, out);
    }
}

void Interpreter::ExecSet(const Node& node) {
    Value v = Eval(*node.expr);
    if (node.targets.size() > 1) {
        ValueList parts = v.Iterate();
        if (parts.size() != node.targets.size()) {
            Fail(node.line, "cannot unpack " + std::to_string(parts.size()) + " values into " +
                                std::to_string(node.targets.size()) + " variables");
        }
        for (size_t i = 0; i < parts.size(); ++i) {
            Assign(node.targets[i], parts[i]);
        }
        return;
    }
    const std::string& target = node.targets[0];
    size_t dot = target.find('.');
    if (dot == std::string::npos) {
        Assign(target, std::move(v));
        return;
    }
    std::string ns = target.substr(0, dot);
    auto holder = Lookup(ns);
    if (!holder || !holder->IsDict()) {
        Fail(node.line, "cannot set '" + target + "': '" + ns + "' is not a namespace()");
    }
    holder->AsDict().Set(target.substr(dot + 1), std::move(v));
}

void Interpreter::ExecCallBlock(const Node& node, std::string& out) {
    std::shared_ptr<const MacroDef> def = node.macro;
    auto captured = frames_;
    Value caller = Value::Function("caller", [def, captured](Interpreter& in, CallArgs& args) {
        auto saved = std::move(in.frames_);
        in.frames_ = captured;
        auto frame = std::make_shared<Frame>();
        for (size_t i = 0; i < def->params.size(); ++i) {
            const MacroParam& p = def->params[i];
            (*frame)[p.name] = args.Optional(i, p.name, p.default_value ? in.Eval(*p.default_value) : Value());
        }
        in.frames_.push_back(frame);
        std::string rendered;
        in.RenderBody(*def->body, rendered);
        in.frames_ = std::move(saved);
        return Value(std::move(rendered));
    });
    const Expr& call = *node.expr;
    Value callee = Eval(*call.a);
    CallArgs args = EvalArgs(call);
    line_ = node.line;
    if (callee.IsCallable()) {
        args.keyword.emplace_back("caller", caller);
        out += callee.AsCallable().fn(*this, args).Str();
        return;
    }
    Fail(node.line, "'call' target is not a macro");
}

Value Interpreter::CallMacro(const MacroDef& def, CallArgs& args, const Value* caller) {
    auto frame = std::make_shared<Frame>();
    if (args.positional.size() > def.params.size() && !def.uses_varargs) {
        Fail(line_, "macro '" + def.name + "' takes " + std::to_string(def.params.size()) + " argument(s), got " +
                        std::to_string(args.positional.size()));
    }
    ValueDict extra_kwargs;
    Value caller_value = caller ? *caller : Value();
    for (auto& [k, v] : args.keyword) {
        bool known = false;
        for (const auto& p : def.params) {
            known = known || p.name == k;
        }
        if (k == "caller") {
            caller_value = v;
        } else if (!known) {
            if (!def.uses_kwargs) {
                Fail(line_, "macro '" + def.name + "' has no parameter '" + k + "'");
            }
            extra_kwargs.Set(k, v);
        }
    }
    auto saved_frames = std::move(frames_);
    frames_ = {saved_frames.front(), frame};
    std::string saved_file = file_;
    int saved_line = line_;
    file_ = def.file;
    for (size_t i = 0; i < def.params.size(); ++i) {
        const MacroParam& p = def.params[i];
        if (i < args.positional.size()) {
            (*frame)[p.name] = args.positional[i];
        } else if (const Value* v = args.Keyword(p.name)) {
            (*frame)[p.name] = *v;
        } else if (p.default_value) {
            (*frame)[p.name] = Eval(*p.default_value);
        }
    }
    if (def.uses_varargs) {
        ValueList rest;
        for (size_t i = def.params.size(); i < args.positional.size(); ++i) {
            rest.push_back(args.positional[i]);
        }
        (*frame)["varargs"] = Value(std::move(rest));
    }
    if (def.uses_kwargs) {
        (*frame)["kwargs"] = Value(std::move(extra_kwargs));
    }
    if (!caller_value.IsNone()) {
        (*frame)["caller"] = caller_value;
    }
    std::string out;
    RenderBody(*def.body, out);
    Value result = control_ == Control::RETURN ? std::move(return_value_) : Value(std::move(out));
    control_ = Control::NONE;
    return_value_ = Value();
    frames_ = std::move(saved_frames);
    file_ = std::move(saved_file);
    line_ = saved_line;
    return result;
}

std::optional<Value> Interpreter::EvalMaybe(const Expr& expr) {
    line_ = expr.line;
    switch (expr.kind) {
        case ExprKind::NAME: return Lookup(expr.name);
        case ExprKind::GETATTR: {
            auto base = EvalMaybe(*expr.a);
            return base ? GetAttribute(*base, expr.name) : std::nullopt;
        }
        case ExprKind::GETITEM: {
            auto base = EvalMaybe(*expr.a);
            return base ? GetItem(*base, Eval(*expr.b)) : std::nullopt;
        }
        default: return Eval(expr);
    }
}

Value Interpreter::Eval(const Expr& expr) {
    line_ = expr.line;
    switch (expr.kind) {
        case ExprKind::LITERAL: return expr.literal;
        case ExprKind::NAME: {
            auto v = Lookup(expr.name);
            if (!v) {
                Fail(expr.line, "'" + expr.name + "' is undefined");
            }
            return *v;
        }
        case ExprKind::LIST: {
            ValueList items;
            for (const auto& e : expr.items) {
                items.push_back(Eval(*e));
            }
            return Value(std::move(items));
        }
        case ExprKind::DICT: {
            ValueDict d;
            for (size_t i = 0; i < expr.keys.size(); ++i) {
                Value key = Eval(*expr.keys[i]);
                d.Set(key.IsString() ? key.AsString() : key.Str(), Eval(*expr.items[i]));
            }
            return Value(std::move(d));
        }
        case ExprKind::UNARY: {
            Value v = Eval(*expr.a);
            if (expr.name == "+") {
                return v;
            }
            if (v.Kind() == ValueKind::FLOAT) {
                return Value(-v.AsDouble());
            }
            return Value(-v.AsInt());
        }
        case ExprKind::BINARY: return EvalBinary(expr);
        case ExprKind::AND: {
            Value a = Eval(*expr.a);
            return a.Truthy() ? Eval(*expr.b) : a;
        }
        case ExprKind::OR: {
            Value a = Eval(*expr.a);
            return a.Truthy() ? a : Eval(*expr.b);
        }
        case ExprKind::NOT: return Value(!Eval(*expr.a).Truthy());
        case ExprKind::CONDITIONAL:
            if (Eval(*expr.b).Truthy()) {
                return Eval(*expr.a);
            }
            return expr.c ? Eval(*expr.c) : Value("");
        case ExprKind::GETATTR: {
            Value base = Eval(*expr.a);
            auto v = GetAttribute(base, expr.name);
            if (!v) {
                Fail(expr.line, std::string(base.TypeName()) + " " +
                                    (base.IsDict() || base.IsList() ? "" : base.Repr() + " ") + "has no attribute '" +
                                    expr.name + "'");
            }
            return *v;
        }
        case ExprKind::GETITEM: {
            Value base = Eval(*expr.a);
            Value key = Eval(*expr.b);
            auto v = GetItem(base, key);
            if (!v) {
                Fail(expr.line, std::string(base.TypeName()) + " has no item " + key.Repr());
            }
            return *v;
        }
        case ExprKind::CALL: return EvalCall(expr);
        case ExprKind::FILTER: {
            if (!expr.filter) {  // default / d
                auto v = EvalMaybe(*expr.a);
                CallArgs args = EvalArgs(expr);
                bool boolean = args.Optional(1, "boolean", Value(false)).Truthy();
                if (!v || (boolean && !v->Truthy())) {
                    return args.Optional(0, "default_value", Value(""));
                }
                return *v;
            }
            Value input = Eval(*expr.a);
            CallArgs args = EvalArgs(expr);
            line_ = expr.line;
            return expr.filter(*this, input, args);
        }
        case ExprKind::TEST: {
            bool result;
            if (!expr.test) {
                bool defined = EvalMaybe(*expr.a).has_value();
                result = expr.name == "defined" ? defined : !defined;
            } else {
                Value input = Eval(*expr.a);
                CallArgs args = EvalArgs(expr);
                line_ = expr.line;
                result = expr.test(*this, input, args);
            }
            return Value(expr.negated ? !result : result);
        }
    }
    return Value();
}

Value Interpreter::EvalBinary(const Expr& expr) {
    Value a = Eval(*expr.a);
    Value b = Eval(*expr.b);
    line_ = expr.line;
    const std::string& op = expr.name;
    if (op == "~") {
        return Value(a.Str() + b.Str());
    }
    if (op == "in") {
        bool in = Contains(b, a);
        return Value(expr.negated ? !in : in);
    }
    if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
        return Value(Compare(a, b, op));
    }
    return Arithmetic(a, b, op);
}

CallArgs Interpreter::EvalArgs(const Expr& expr) {
    CallArgs args;
    for (const auto& e : expr.items) {
        args.positional.push_back(Eval(*e));
    }
    for (const auto& [k, e] : expr.kwargs) {
        Value v = Eval(*e);
        if (k == "**") {
            for (const auto& [dk, dv] : v.AsDict().Items()) {
                args.keyword.emplace_back(dk, dv);
            }
        } else if (k == "*") {
            for (auto& item : v.Iterate()) {
                args.positional.push_back(std::move(item));
            }
        } else {
            args.keyword.emplace_back(k, std::move(v));
        }
    }
    return args;
}

Value Interpreter::EvalCall(const Expr& expr) {
    Value callee = Eval(*expr.a);
    if (!callee.IsCallable()) {
        Fail(expr.line, std::string(callee.TypeName()) + " " + callee.Repr() + " is not callable");
    }
    CallArgs args = EvalArgs(expr);
    line_ = expr.line;
    return callee.AsCallable().fn(*this, args);
}

}  // namespace hf::transform::jinja
