#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hf::transform::jinja {

class Interpreter;
class Value;

// Insertion-ordered string-keyed map (Python dict semantics for the keys we use). Small dicts
// dominate templates, so lookups are linear. Not thread-safe.
class ValueDict {
public:
    // The value under `key`, or nullptr.
    const Value* Find(std::string_view key) const;
    Value* Find(std::string_view key);
    // Inserts or replaces, keeping the first insertion position.
    void Set(std::string key, Value value);
    bool Erase(std::string_view key);
    const std::vector<std::pair<std::string, Value>>& Items() const { return items_; }
    size_t Size() const { return items_.size(); }

private:
    std::vector<std::pair<std::string, Value>> items_;
};

using ValueList = std::vector<Value>;

// Arguments of a call: positional then keyword, as written at the call site.
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;

    // Keyword argument `name`, or nullptr.
    const Value* Keyword(std::string_view name) const;
    // Argument at `index` or given as `name`; throws INVALID_INPUT naming `callee` when missing.
    const Value& Required(size_t index, std::string_view name, std::string_view callee) const;
    // Argument at `index` or given as `name`, else `fallback`.
    Value Optional(size_t index, std::string_view name, Value fallback) const;
};

using NativeFunction = std::function<Value(Interpreter&, CallArgs&)>;

// Something templates can call: a native function or a macro bound by the interpreter.
struct Callable {
    std::string name;
    NativeFunction fn;
    std::shared_ptr<ValueDict> attributes;  // optional attributes (config.get, ...)
};

// A host object with attributes and a textual form (relations, `this`, adapters).
// Implementations are immutable and shared between values; thread-safety is theirs to state.
class Object {
public:
    virtual ~Object() = default;
    // Attribute `name`, or nullopt when the object has none.
    virtual std::optional<Value> Attr(std::string_view name) const = 0;
    // What `{{ obj }}` renders.
    virtual std::string Str() const = 0;
    virtual std::string_view TypeName() const = 0;
};

enum class ValueKind { NONE, BOOL, INT, FLOAT, STRING, LIST, DICT, CALLABLE, OBJECT };

// A Jinja value. Lists and dicts are shared by reference (as in Python), so `do x.append(1)`
// and namespace attributes mutate in place. Copying a Value is cheap except for strings.
// Not thread-safe when lists or dicts are shared between threads.
class Value {
public:
    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : v_(b) {}
    Value(int i) : v_(static_cast<int64_t>(i)) {}
    Value(int64_t i) : v_(i) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(ValueList list) : v_(std::make_shared<ValueList>(std::move(list))) {}
    Value(ValueDict dict) : v_(std::make_shared<ValueDict>(std::move(dict))) {}
    Value(std::shared_ptr<Callable> fn) : v_(std::move(fn)) {}
    Value(std::shared_ptr<const Object> obj) : v_(std::move(obj)) {}

    // A callable value wrapping `fn`.
    static Value Function(std::string name, NativeFunction fn);

    ValueKind Kind() const { return static_cast<ValueKind>(v_.index()); }
    bool IsNone() const { return Kind() == ValueKind::NONE; }
    bool IsString() const { return Kind() == ValueKind::STRING; }
    bool IsNumber() const { return Kind() == ValueKind::INT || Kind() == ValueKind::FLOAT; }
    bool IsList() const { return Kind() == ValueKind::LIST; }
    bool IsDict() const { return Kind() == ValueKind::DICT; }
    bool IsCallable() const { return Kind() == ValueKind::CALLABLE; }

    // Accessors throw INVALID_INPUT ("expected a string, got list") on a kind mismatch.
    bool AsBool() const;
    int64_t AsInt() const;
    double AsDouble() const;  // int or float
    const std::string& AsString() const;
    ValueList& AsList() const;
    ValueDict& AsDict() const;
    Callable& AsCallable() const;
    const Object& AsObject() const;

    // Python truthiness.
    bool Truthy() const;
    // Python str(): what `{{ value }}` renders ("None", "True", "1.5", "['a', 1]").
    std::string Str() const;
    // Python repr(): strings quoted.
    std::string Repr() const;
    std::string_view TypeName() const;
    // Python ==.
    bool Equals(const Value& other) const;
    // Elements when iterated (list items, dict keys, string characters); throws otherwise.
    ValueList Iterate() const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<ValueList>,
                 std::shared_ptr<ValueDict>, std::shared_ptr<Callable>, std::shared_ptr<const Object>>
        v_;
};

// Python float repr: 1.0, 0.1, 1e+16.
std::string FormatFloat(double d);
// Quotes a string as Python's repr does ('it''s' -> "it's").
std::string PythonQuote(std::string_view s);
// JSON text of a value (sorted keys, Jinja's tojson escaping of <, >, &, ').
std::string ToJson(const Value& value);

}  // namespace hf::transform::jinja
