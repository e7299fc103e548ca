#include "transform/jinja/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "common/error.h"

namespace hf::transform::jinja {

const Value* ValueDict::Find(std::string_view key) const {
    for (const auto& [k, v] : items_) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

Value* ValueDict::Find(std::string_view key) {
    for (auto& [k, v] : items_) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

void ValueDict::Set(std::string key, Value value) {
    if (Value* existing = Find(key)) {
        *existing = std::move(value);
        return;
    }
    items_.emplace_back(std::move(key), std::move(value));
}

bool ValueDict::Erase(std::string_view key) {
    auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& kv) { return kv.first == key; });
    if (it == items_.end()) {
        return false;
    }
    items_.erase(it);
    return true;
}

const Value* CallArgs::Keyword(std::string_view name) const {
    for (const auto& [k, v] : keyword) {
        if (k == name) {
            return &v;
        }
    }
    return nullptr;
}

const Value& CallArgs::Required(size_t index, std::string_view name, std::string_view callee) const {
    if (index < positional.size()) {
        return positional[index];
    }
    if (const Value* v = Keyword(name)) {
        return *v;
    }
    throw Error(ErrorKind::INVALID_INPUT,
                std::string(callee) + "() is missing its argument '" + std::string(name) + "'",
                "pass it positionally or as " + std::string(name) + "=...");
}

Value CallArgs::Optional(size_t index, std::string_view name, Value fallback) const {
    if (index < positional.size()) {
        return positional[index];
    }
    if (const Value* v = Keyword(name)) {
        return *v;
    }
    return fallback;
}

Value Value::Function(std::string name, NativeFunction fn) {
    return Value(std::make_shared<Callable>(Callable{std::move(name), std::move(fn)}));
}

namespace {

[[noreturn]] void KindMismatch(std::string_view expected, const Value& got) {
    throw Error(ErrorKind::INVALID_INPUT,
                "expected " + std::string(expected) + ", got " + std::string(got.TypeName()) + " " + got.Repr());
}

}  // namespace

bool Value::AsBool() const {
    if (Kind() != ValueKind::BOOL) {
        KindMismatch("a boolean", *this);
    }
    return std::get<bool>(v_);
}

int64_t Value::AsInt() const {
    if (Kind() == ValueKind::BOOL) {
        return std::get<bool>(v_) ? 1 : 0;
    }
    if (Kind() != ValueKind::INT) {
        KindMismatch("an integer", *this);
    }
    return std::get<int64_t>(v_);
}

double Value::AsDouble() const {
    if (Kind() == ValueKind::FLOAT) {
        return std::get<double>(v_);
    }
    return static_cast<double>(AsInt());
}

const std::string& Value::AsString() const {
    if (Kind() != ValueKind::STRING) {
        KindMismatch("a string", *this);
    }
    return std::get<std::string>(v_);
}

ValueList& Value::AsList() const {
    if (Kind() != ValueKind::LIST) {
        KindMismatch("a list", *this);
    }
    return *std::get<std::shared_ptr<ValueList>>(v_);
}

ValueDict& Value::AsDict() const {
    if (Kind() != ValueKind::DICT) {
        KindMismatch("a dict", *this);
    }
    return *std::get<std::shared_ptr<ValueDict>>(v_);
}

Callable& Value::AsCallable() const {
    if (Kind() != ValueKind::CALLABLE) {
        KindMismatch("a callable", *this);
    }
    return *std::get<std::shared_ptr<Callable>>(v_);
}

const Object& Value::AsObject() const {
    if (Kind() != ValueKind::OBJECT) {
        KindMismatch("an object", *this);
    }
    return *std::get<std::shared_ptr<const Object>>(v_);
}

bool Value::Truthy() const {
    switch (Kind()) {
        case ValueKind::NONE: return false;
        case ValueKind::BOOL: return std::get<bool>(v_);
        case ValueKind::INT: return std::get<int64_t>(v_) != 0;
        case ValueKind::FLOAT: return std::get<double>(v_) != 0.0;
        case ValueKind::STRING: return !std::get<std::string>(v_).empty();
        case ValueKind::LIST: return !AsList().empty();
        case ValueKind::DICT: return AsDict().Size() != 0;
        case ValueKind::CALLABLE:
        case ValueKind::OBJECT: return true;
    }
    return false;
}

std::string FormatFloat(double d) {
    if (std::isnan(d)) {
        return "nan";
    }
    if (std::isinf(d)) {
        return d > 0 ? "inf" : "-inf";
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
    std::string s(buf, end);
    if (s.find_first_of(".en") == std::string::npos) {
        s += ".0";
    }
    return s;
}

std::string PythonQuote(std::string_view s) {
    char quote = (s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos) ? '"' : '\'';
    std::string out(1, quote);
    for (char c : s) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == quote) {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

std::string Value::Str() const {
    switch (Kind()) {
        case ValueKind::NONE: return "None";
        case ValueKind::BOOL: return std::get<bool>(v_) ? "True" : "False";
        case ValueKind::INT: return std::to_string(std::get<int64_t>(v_));
        case ValueKind::FLOAT: return FormatFloat(std::get<double>(v_));
        case ValueKind::STRING: return std::get<std::string>(v_);
        case ValueKind::OBJECT: return AsObject().Str();
        case ValueKind::CALLABLE: return "<function " + AsCallable().name + ">";
        default: return Repr();
    }
}

std::string Value::Repr() const {
    switch (Kind()) {
        case ValueKind::STRING: return PythonQuote(std::get<std::string>(v_));
        case ValueKind::LIST: {
            std::string out = "[";
            const auto& list = AsList();
            for (size_t i = 0; i < list.size(); ++i) {
                out += (i ? ", " : "") + list[i].Repr();
            }
            return out + "]";
        }
        case ValueKind::DICT: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, v] : AsDict().Items()) {
                out += (first ? "" : ", ") + PythonQuote(k) + ": " + v.Repr();
                first = false;
            }
            return out + "}";
        }
        default: return Str();
    }
}

std::string_view Value::TypeName() const {
    switch (Kind()) {
        case ValueKind::NONE: return "none";
        case ValueKind::BOOL: return "bool";
        case ValueKind::INT: return "int";
        case ValueKind::FLOAT: return "float";
        case ValueKind::STRING: return "string";
        case ValueKind::LIST: return "list";
        case ValueKind::DICT: return "dict";
        case ValueKind::CALLABLE: return "function";
        case ValueKind::OBJECT: return AsObject().TypeName();
    }
    return "?";
}

bool Value::Equals(const Value& other) const {
    if (IsNumber() || Kind() == ValueKind::BOOL) {
        if (!(other.IsNumber() || other.Kind() == ValueKind::BOOL)) {
            return false;
        }
        return AsDouble() == other.AsDouble();
    }
    if (Kind() != other.Kind()) {
        return false;
    }
    switch (Kind()) {
        case ValueKind::NONE: return true;
        case ValueKind::STRING: return AsString() == other.AsString();
        case ValueKind::LIST: {
            const auto& a = AsList();
            const auto& b = other.AsList();
            if (a.size() != b.size()) {
                return false;
            }
            for (size_t i = 0; i < a.size(); ++i) {
                if (!a[i].Equals(b[i])) {
                    return false;
                }
            }
            return true;
        }
        case ValueKind::DICT: {
            const auto& a = AsDict();
            const auto& b = other.AsDict();
            if (a.Size() != b.Size()) {
                return false;
            }
            for (const auto& [k, v] : a.Items()) {
                const Value* o = b.Find(k);
                if (!o || !v.Equals(*o)) {
                    return false;
                }
            }
            return true;
        }
        case ValueKind::CALLABLE: return &AsCallable() == &other.AsCallable();
        case ValueKind::OBJECT: return &AsObject() == &other.AsObject() || Str() == other.Str();
        default: return false;
    }
}

ValueList Value::Iterate() const {
    switch (Kind()) {
        case ValueKind::LIST: return AsList();
        case ValueKind::DICT: {
            ValueList keys;
            for (const auto& kv : AsDict().Items()) {
                keys.emplace_back(kv.first);
            }
            return keys;
        }
        case ValueKind::STRING: {
            ValueList chars;
            for (char c : AsString()) {
                chars.emplace_back(std::string(1, c));
            }
            return chars;
        }
        default:
            throw Error(ErrorKind::INVALID_INPUT, std::string(TypeName()) + " " + Repr() + " is not iterable");
    }
}

namespace {

void JsonString(std::string_view s, std::string& out) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            case '\'': out += "\\u0027"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void JsonValue(const Value& v, std::string& out) {
    switch (v.Kind()) {
        case ValueKind::NONE: out += "null"; return;
        case ValueKind::BOOL: out += v.AsBool() ? "true" : "false"; return;
        case ValueKind::INT:
        case ValueKind::FLOAT: out += v.Str(); return;
        case ValueKind::LIST: {
            out += '[';
            bool first = true;
            for (const auto& item : v.AsList()) {
                out += first ? "" : ", ";
                first = false;
                JsonValue(item, out);
            }
            out += ']';
            return;
        }
        case ValueKind::DICT: {
            std::map<std::string, const Value*> sorted;
            for (const auto& [k, val] : v.AsDict().Items()) {
                sorted[k] = &val;
            }
            out += '{';
            bool first = true;
            for (const auto& [k, val] : sorted) {
                out += first ? "" : ", ";
                first = false;
                JsonString(k, out);
                out += ": ";
                JsonValue(*val, out);
            }
            out += '}';
            return;
        }
        default: JsonString(v.Str(), out); return;
    }
}

}  // namespace

std::string ToJson(const Value& value) {
    std::string out;
    JsonValue(value, out);
    return out;
}

}  // namespace hf::transform::jinja
