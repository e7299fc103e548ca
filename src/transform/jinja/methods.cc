#include <algorithm>

#include "common/error.h"
#include "common/strings.h"
#include "transform/jinja/interpreter.h"

namespace hf::transform::jinja {

namespace {

Value Method(std::string name, NativeFunction fn) { return Value::Function(std::move(name), std::move(fn)); }

std::optional<Value> StringMethod(const Value& self, std::string_view name) {
    const std::string s = self.AsString();
    std::string n(name);
    if (name == "lower" || name == "upper" || name == "strip" || name == "lstrip" || name == "rstrip" ||
        name == "title" || name == "capitalize") {
        return Method(n, [s, n](Interpreter&, CallArgs& a) -> Value {
            if (n == "lower") return Value(ToLower(s));
            if (n == "upper") return Value(ToUpper(s));
            if (n == "capitalize" || n == "title") {
                std::string out = ToLower(s);
                bool start = true;
                for (char& c : out) {
                    if (start && std::isalpha(static_cast<unsigned char>(c))) {
                        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                    }
                    start = n == "title" ? !std::isalnum(static_cast<unsigned char>(c)) : false;
                }
                return Value(out);
            }
            std::string chars = a.Optional(0, "chars", Value(" \t\n\r\f\v")).Str();
            size_t b = n == "rstrip" ? 0 : s.find_first_not_of(chars);
            if (b == std::string::npos) {
                return Value("");
            }
            size_t e = n == "lstrip" ? s.size() : s.find_last_not_of(chars) + 1;
            return Value(s.substr(b, e - b));
        });
    }
    if (name == "split") {
        return Method(n, [s](Interpreter&, CallArgs& a) {
            Value sep = a.Optional(0, "sep", Value());
            ValueList out;
            if (sep.IsNone()) {
                size_t i = 0;
                while (i < s.size()) {
                    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
                    size_t j = i;
                    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
                    if (j > i) out.emplace_back(s.substr(i, j - i));
                    i = j;
                }
                return Value(std::move(out));
            }
            const std::string& d = sep.AsString();
            if (d.empty()) {
                throw Error(ErrorKind::INVALID_INPUT, "split() separator must not be empty");
            }
            size_t pos = 0;
            while (true) {
                size_t hit = s.find(d, pos);
                out.emplace_back(s.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos));
                if (hit == std::string::npos) break;
                pos = hit + d.size();
            }
            return Value(std::move(out));
        });
    }
    if (name == "replace") {
        return Method(n, [s](Interpreter&, CallArgs& a) {
            const std::string& from = a.Required(0, "old", "replace").AsString();
            if (from.empty()) {
                return Value(s);
            }
            return Value(ReplaceAll(s, from, a.Required(1, "new", "replace").Str()));
        });
    }
    if (name == "startswith" || name == "endswith") {
        return Method(n, [s, n](Interpreter&, CallArgs& a) {
            const std::string& x = a.Required(0, "prefix", n).AsString();
            return Value(n == "startswith" ? StartsWith(s, x) : EndsWith(s, x));
        });
    }
    if (name == "join") {
        return Method(n, [s](Interpreter&, CallArgs& a) {
            std::string out;
            bool first = true;
            for (const auto& item : a.Required(0, "iterable", "join").Iterate()) {
                out += (first ? "" : s) + item.Str();
                first = false;
            }
            return Value(out);
        });
    }
    if (name == "format") {
        return Method(n, [s](Interpreter&, CallArgs& a) {
            std::string out;
            size_t next = 0;
            for (size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
                    out += '{';
                    ++i;
                } else if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}') {
                    out += '}';
                    ++i;
                } else if (s[i] == '{') {
                    size_t close = s.find('}', i);
                    if (close == std::string::npos) {
                        throw Error(ErrorKind::INVALID_INPUT, "format(): unmatched '{' in " + PythonQuote(s));
                    }
                    std::string field = s.substr(i + 1, close - i - 1);
                    long long index = 0;
                    if (field.empty()) {
                        out += a.Required(next++, "{}", "format").Str();
                    } else if (ParseInt64(field, index)) {
                        out += a.Required(static_cast<size_t>(index), field, "format").Str();
                    } else {
                        out += a.Required(a.positional.size(), field, "format").Str();
                    }
                    i = close;
                } else {
                    out += s[i];
                }
            }
            return Value(out);
        });
    }
    return std::nullopt;
}

std::optional<Value> ListMethod(const Value& self, std::string_view name) {
    Value list = self;  // shares the underlying list
    std::string n(name);
    if (name == "append") {
        return Method(n, [list](Interpreter&, CallArgs& a) {
            list.AsList().push_back(a.Required(0, "item", "append"));
            return Value();
        });
    }
    if (name == "extend") {
        return Method(n, [list](Interpreter&, CallArgs& a) {
            for (auto& item : a.Required(0, "iterable", "extend").Iterate()) {
                list.AsList().push_back(std::move(item));
            }
            return Value();
        });
    }
    if (name == "pop") {
        return Method(n, [list](Interpreter&, CallArgs& a) {
            auto& l = list.AsList();
            if (l.empty()) {
                throw Error(ErrorKind::INVALID_INPUT, "pop() from an empty list");
            }
            int64_t i = a.Optional(0, "index", Value(static_cast<int64_t>(l.size()) - 1)).AsInt();
            if (i < 0) i += static_cast<int64_t>(l.size());
            if (i < 0 || i >= static_cast<int64_t>(l.size())) {
                throw Error(ErrorKind::INVALID_INPUT, "pop() index out of range");
            }
            Value v = l[static_cast<size_t>(i)];
            l.erase(l.begin() + i);
            return v;
        });
    }
    if (name == "insert") {
        return Method(n, [list](Interpreter&, CallArgs& a) {
            auto& l = list.AsList();
            int64_t i = std::clamp<int64_t>(a.Required(0, "index", "insert").AsInt(), 0, static_cast<int64_t>(l.size()));
            l.insert(l.begin() + i, a.Required(1, "item", "insert"));
            return Value();
        });
    }
    if (name == "index") {
        return Method(n, [list](Interpreter&, CallArgs& a) {
            const Value& x = a.Required(0, "item", "index");
            const auto& l = list.AsList();
            for (size_t i = 0; i < l.size(); ++i) {
                if (l[i].Equals(x)) return Value(static_cast<int64_t>(i));
            }
            throw Error(ErrorKind::INVALID_INPUT, x.Repr() + " is not in list");
        });
    }
    return std::nullopt;
}

std::optional<Value> DictMethod(const Value& self, std::string_view name) {
    Value dict = self;
    std::string n(name);
    if (name == "get") {
        return Method(n, [dict](Interpreter&, CallArgs& a) {
            const Value* v = dict.AsDict().Find(a.Required(0, "key", "get").Str());
            return v ? *v : a.Optional(1, "default", Value());
        });
    }
    if (name == "items" || name == "keys" || name == "values") {
        return Method(n, [dict, n](Interpreter&, CallArgs&) {
            ValueList out;
            for (const auto& [k, v] : dict.AsDict().Items()) {
                if (n == "items") out.emplace_back(ValueList{Value(k), v});
                else if (n == "keys") out.emplace_back(k);
                else out.push_back(v);
            }
            return Value(std::move(out));
        });
    }
    if (name == "update") {
        return Method(n, [dict](Interpreter&, CallArgs& a) {
            if (!a.positional.empty()) {
                for (const auto& [k, v] : a.positional[0].AsDict().Items()) dict.AsDict().Set(k, v);
            }
            for (const auto& [k, v] : a.keyword) dict.AsDict().Set(k, v);
            return Value();
        });
    }
    if (name == "pop") {
        return Method(n, [dict](Interpreter&, CallArgs& a) {
            std::string key = a.Required(0, "key", "pop").Str();
            const Value* v = dict.AsDict().Find(key);
            if (!v) {
                if (a.positional.size() > 1) return a.positional[1];
                throw Error(ErrorKind::INVALID_INPUT, "pop(): no key " + PythonQuote(key));
            }
            Value out = *v;
            dict.AsDict().Erase(key);
            return out;
        });
    }
    if (name == "setdefault") {
        return Method(n, [dict](Interpreter&, CallArgs& a) {
            std::string key = a.Required(0, "key", "setdefault").Str();
            if (const Value* v = dict.AsDict().Find(key)) return *v;
            Value fallback = a.Optional(1, "default", Value());
            dict.AsDict().Set(key, fallback);
            return fallback;
        });
    }
    if (name == "copy") {
        return Method(n, [dict](Interpreter&, CallArgs&) { return Value(ValueDict(dict.AsDict())); });
    }
    return std::nullopt;
}

}  // namespace

std::optional<Value> GetAttribute(const Value& self, std::string_view name) {
    switch (self.Kind()) {
        case ValueKind::STRING: return StringMethod(self, name);
        case ValueKind::LIST: return ListMethod(self, name);
        case ValueKind::DICT: {
            if (auto m = DictMethod(self, name)) {
                return m;
            }
            const Value* v = self.AsDict().Find(name);
            return v ? std::optional<Value>(*v) : std::nullopt;
        }
        case ValueKind::OBJECT: return self.AsObject().Attr(name);
        case ValueKind::CALLABLE: {
            const auto& attributes = self.AsCallable().attributes;
            const Value* v = attributes ? attributes->Find(name) : nullptr;
            return v ? std::optional<Value>(*v) : std::nullopt;
        }
        default: return std::nullopt;
    }
}

std::optional<Value> GetItem(const Value& self, const Value& key) {
    switch (self.Kind()) {
        case ValueKind::DICT: {
            if (!key.IsString()) {
                return std::nullopt;
            }
            const Value* v = self.AsDict().Find(key.AsString());
            return v ? std::optional<Value>(*v) : std::nullopt;
        }
        case ValueKind::LIST:
        case ValueKind::STRING: {
            if (key.Kind() != ValueKind::INT) {
                return std::nullopt;
            }
            int64_t size = self.IsList() ? static_cast<int64_t>(self.AsList().size())
                                         : static_cast<int64_t>(self.AsString().size());
            int64_t i = key.AsInt() < 0 ? key.AsInt() + size : key.AsInt();
            if (i < 0 || i >= size) {
                return std::nullopt;
            }
            if (self.IsList()) {
                return self.AsList()[static_cast<size_t>(i)];
            }
            return Value(std::string(1, self.AsString()[static_cast<size_t>(i)]));
        }
        case ValueKind::OBJECT: return key.IsString() ? self.AsObject().Attr(key.AsString()) : std::nullopt;
        default: return std::nullopt;
    }
}

}  // namespace hf::transform::jinja
