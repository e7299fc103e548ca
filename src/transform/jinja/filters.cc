#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "common/error.h"
#include "common/strings.h"
#include "transform/jinja/interpreter.h"
#include "transform/jinja/parser.h"

namespace hf::transform::jinja {

namespace {

// Attribute `path` (dots allowed) of an item, as map(attribute=) and sort(attribute=) read it.
Value AttributePath(const Value& item, const std::string& path) {
    Value current = item;
    for (const auto& part : Split(path, '.')) {
        auto next = GetAttribute(current, part);
        if (!next) {
            long long index = 0;
            if (ParseInt64(part, index)) {
                next = GetItem(current, Value(static_cast<int64_t>(index)));
            }
        }
        if (!next) {
            throw Error(ErrorKind::INVALID_INPUT, std::string(current.TypeName()) + " has no attribute '" + part + "'");
        }
        current = *next;
    }
    return current;
}

// Sequence view of a filter input: lists as they are, dicts as keys, strings as characters.
ValueList Items(const Value& v) { return v.Iterate(); }

Value Lower(Interpreter&, const Value& v, CallArgs&) { return Value(ToLower(v.Str())); }
Value Upper(Interpreter&, const Value& v, CallArgs&) { return Value(ToUpper(v.Str())); }
Value TrimF(Interpreter&, const Value& v, CallArgs& a) {
    Value chars = a.Optional(0, "chars", Value());
    std::string s = v.Str();
    if (chars.IsNone()) {
        return Value(std::string(Trim(s)));
    }
    const std::string& set = chars.AsString();
    size_t b = s.find_first_not_of(set);
    if (b == std::string::npos) {
        return Value("");
    }
    return Value(s.substr(b, s.find_last_not_of(set) - b + 1));
}
Value Replace(Interpreter&, const Value& v, CallArgs& a) {
    std::string s = v.Str();
    const std::string& from = a.Required(0, "old", "replace").AsString();
    std::string to = a.Required(1, "new", "replace").Str();
    int64_t count = a.Optional(2, "count", Value(static_cast<int64_t>(-1))).AsInt();
    if (from.empty()) {
        return Value(s);
    }
    std::string out;
    size_t pos = 0;
    for (int64_t n = 0; count < 0 || n < count; ++n) {
        size_t hit = s.find(from, pos);
        if (hit == std::string::npos) {
            break;
        }
        out += s.substr(pos, hit - pos) + to;
        pos = hit + from.size();
    }
    return Value(out + s.substr(pos));
}
Value JoinF(Interpreter&, const Value& v, CallArgs& a) {
    std::string sep = a.Optional(0, "d", Value("")).Str();
    Value attribute = a.Optional(1, "attribute", Value());
    std::string out;
    bool first = true;
    for (const auto& item : Items(v)) {
        out += first ? "" : sep;
        first = false;
        out += attribute.IsNone() ? item.Str() : AttributePath(item, attribute.Str()).Str();
    }
    return Value(out);
}
Value Length(Interpreter&, const Value& v, CallArgs&) {
    if (v.IsString()) {
        return Value(static_cast<int64_t>(v.AsString().size()));
    }
    if (v.IsDict()) {
        return Value(static_cast<int64_t>(v.AsDict().Size()));
    }
    return Value(static_cast<int64_t>(v.AsList().size()));
}
Value ListF(Interpreter&, const Value& v, CallArgs&) { return Value(Items(v)); }
Value StringF(Interpreter&, const Value& v, CallArgs&) { return Value(v.Str()); }
Value IntF(Interpreter&, const Value& v, CallArgs& a) {
    Value fallback = a.Optional(0, "default", Value(static_cast<int64_t>(0)));
    if (v.Kind() == ValueKind::INT || v.Kind() == ValueKind::BOOL) {
        return Value(v.AsInt());
    }
    if (v.Kind() == ValueKind::FLOAT) {
        return Value(static_cast<int64_t>(v.AsDouble()));
    }
    long long i = 0;
    double d = 0;
    std::string s(Trim(v.Str()));
    if (ParseInt64(s, i)) {
        return Value(static_cast<int64_t>(i));
    }
    if (ParseDouble(s, d)) {
        return Value(static_cast<int64_t>(d));
    }
    return fallback;
}
Value FloatF(Interpreter&, const Value& v, CallArgs& a) {
    Value fallback = a.Optional(0, "default", Value(0.0));
    if (v.IsNumber() || v.Kind() == ValueKind::BOOL) {
        return Value(v.AsDouble());
    }
    double d = 0;
    if (ParseDouble(std::string(Trim(v.Str())), d)) {
        return Value(d);
    }
    return fallback;
}
Value First(Interpreter&, const Value& v, CallArgs&) {
    ValueList items = Items(v);
    return items.empty() ? Value() : items.front();
}
Value Last(Interpreter&, const Value& v, CallArgs&) {
    ValueList items = Items(v);
    return items.empty() ? Value() : items.back();
}
Value ToJsonF(Interpreter&, const Value& v, CallArgs&) { return Value(ToJson(v)); }
Value Abs(Interpreter&, const Value& v, CallArgs&) {
    return v.Kind() == ValueKind::FLOAT ? Value(std::fabs(v.AsDouble())) : Value(static_cast<int64_t>(std::llabs(v.AsInt())));
}
Value Round(Interpreter&, const Value& v, CallArgs& a) {
    int64_t precision = a.Optional(0, "precision", Value(0)).AsInt();
    std::string method = a.Optional(1, "method", Value("common")).Str();
    double scale = std::pow(10.0, static_cast<double>(precision));
    double x = v.AsDouble() * scale;
    x = method == "floor" ? std::floor(x) : method == "ceil" ? std::ceil(x) : std::round(x);
    return Value(x / scale);
}
Value Capitalize(Interpreter&, const Value& v, CallArgs&) {
    std::string s = ToLower(v.Str());
    if (!s.empty()) {
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    }
    return Value(s);
}
Value Reverse(Interpreter&, const Value& v, CallArgs&) {
    if (v.IsString()) {
        std::string s = v.AsString();
        std::reverse(s.begin(), s.end());
        return Value(s);
    }
    ValueList items = Items(v);
    std::reverse(items.begin(), items.end());
    return Value(std::move(items));
}
Value Sort(Interpreter&, const Value& v, CallArgs& a) {
    bool reverse = a.Optional(0, "reverse", Value(false)).Truthy();
    Value attribute = a.Optional(2, "attribute", Value());
    ValueList items = Items(v);
    auto key = [&](const Value& x) { return attribute.IsNone() ? x : AttributePath(x, attribute.Str()); };
    std::stable_sort(items.begin(), items.end(), [&](const Value& x, const Value& y) {
        Value kx = key(x), ky = key(y);
        bool less = kx.IsNumber() && ky.IsNumber() ? kx.AsDouble() < ky.AsDouble() : kx.Str() < ky.Str();
        return reverse ? (!less && !kx.Equals(ky)) : less;
    });
    return Value(std::move(items));
}
Value Unique(Interpreter&, const Value& v, CallArgs&) {
    ValueList out;
    for (auto& item : Items(v)) {
        if (std::none_of(out.begin(), out.end(), [&](const Value& o) { return o.Equals(item); })) {
            out.push_back(item);
        }
    }
    return Value(std::move(out));
}
Value ItemsF(Interpreter&, const Value& v, CallArgs&) {
    ValueList out;
    for (const auto& [k, val] : v.AsDict().Items()) {
        out.emplace_back(ValueList{Value(k), val});
    }
    return Value(std::move(out));
}
Value Sum(Interpreter&, const Value& v, CallArgs& a) {
    Value attribute = a.Optional(0, "attribute", Value());
    Value total = a.Optional(1, "start", Value(0));
    for (const auto& item : Items(v)) {
        Value x = attribute.IsNone() ? item : AttributePath(item, attribute.Str());
        total = total.Kind() == ValueKind::FLOAT || x.Kind() == ValueKind::FLOAT ? Value(total.AsDouble() + x.AsDouble())
                                                                                : Value(total.AsInt() + x.AsInt());
    }
    return total;
}
Value Indent(Interpreter&, const Value& v, CallArgs& a) {
    std::string pad(static_cast<size_t>(a.Optional(0, "width", Value(4)).AsInt()), ' ');
    bool first = a.Optional(1, "first", Value(false)).Truthy();
    std::string s = v.Str(), out;
    for (size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '\n' && i + 1 < s.size() && s[i + 1] != '\n') {
            out += pad;
        }
    }
    return Value(first ? pad + out : out);
}
Value Identity(Interpreter&, const Value& v, CallArgs&) { return v; }

// Remaining arguments after the first `skip` positional ones (for map/select that forward them).
CallArgs Forwarded(const CallArgs& a, size_t skip) {
    CallArgs out;
    for (size_t i = skip; i < a.positional.size(); ++i) {
        out.positional.push_back(a.positional[i]);
    }
    return out;
}

Value MapF(Interpreter& in, const Value& v, CallArgs& a) {
    ValueList out;
    if (const Value* attribute = a.Keyword("attribute")) {
        const Value* fallback = a.Keyword("default");
        for (const auto& item : Items(v)) {
            try {
                out.push_back(AttributePath(item, attribute->Str()));
            } catch (const Error&) {
                if (!fallback) {
                    throw;
                }
                out.push_back(*fallback);
            }
        }
        return Value(std::move(out));
    }
    std::string name = a.Required(0, "filter", "map").Str();
    FilterFn f = FindFilter(name);
    if (!f) {
        throw Error(ErrorKind::INVALID_INPUT, "unknown filter '" + name + "' given to map()");
    }
    for (const auto& item : Items(v)) {
        CallArgs rest = Forwarded(a, 1);
        out.push_back(f(in, item, rest));
    }
    return Value(std::move(out));
}

Value SelectImpl(Interpreter& in, const Value& v, CallArgs& a, bool keep, bool by_attribute) {
    size_t next = 0;
    std::string attribute = by_attribute ? a.Required(next++, "attribute", "selectattr").Str() : "";
    TestFn test = nullptr;
    if (next < a.positional.size()) {
        std::string name = a.positional[next++].Str();
        test = FindTest(name);
        if (!test) {
            throw Error(ErrorKind::INVALID_INPUT, "unknown test '" + name + "' given to select/reject");
        }
    }
    ValueList out;
    for (const auto& item : Items(v)) {
        Value subject = by_attribute ? AttributePath(item, attribute) : item;
        CallArgs rest = Forwarded(a, next);
        bool ok = test ? test(in, subject, rest) : subject.Truthy();
        if (ok == keep) {
            out.push_back(item);
        }
    }
    return Value(std::move(out));
}
Value Select(Interpreter& in, const Value& v, CallArgs& a) { return SelectImpl(in, v, a, true, false); }
Value Reject(Interpreter& in, const Value& v, CallArgs& a) { return SelectImpl(in, v, a, false, false); }
Value SelectAttr(Interpreter& in, const Value& v, CallArgs& a) { return SelectImpl(in, v, a, true, true); }
Value RejectAttr(Interpreter& in, const Value& v, CallArgs& a) { return SelectImpl(in, v, a, false, true); }

bool IsNoneT(Interpreter&, const Value& v, CallArgs&) { return v.IsNone(); }
bool IsStringT(Interpreter&, const Value& v, CallArgs&) { return v.IsString(); }
bool IsNumberT(Interpreter&, const Value& v, CallArgs&) { return v.IsNumber(); }
bool IsIntegerT(Interpreter&, const Value& v, CallArgs&) { return v.Kind() == ValueKind::INT; }
bool IsFloatT(Interpreter&, const Value& v, CallArgs&) { return v.Kind() == ValueKind::FLOAT; }
bool IsBooleanT(Interpreter&, const Value& v, CallArgs&) { return v.Kind() == ValueKind::BOOL; }
bool IsTrueT(Interpreter&, const Value& v, CallArgs&) { return v.Kind() == ValueKind::BOOL && v.AsBool(); }
bool IsFalseT(Interpreter&, const Value& v, CallArgs&) { return v.Kind() == ValueKind::BOOL && !v.AsBool(); }
bool IsMappingT(Interpreter&, const Value& v, CallArgs&) { return v.IsDict(); }
bool IsSequenceT(Interpreter&, const Value& v, CallArgs&) { return v.IsList() || v.IsString() || v.IsDict(); }
bool IsCallableT(Interpreter&, const Value& v, CallArgs&) { return v.IsCallable(); }
bool IsOddT(Interpreter&, const Value& v, CallArgs&) { return v.AsInt() % 2 != 0; }
bool IsEvenT(Interpreter&, const Value& v, CallArgs&) { return v.AsInt() % 2 == 0; }
bool IsDivisibleByT(Interpreter&, const Value& v, CallArgs& a) {
    int64_t d = a.Required(0, "num", "divisibleby").AsInt();
    return d != 0 && v.AsInt() % d == 0;
}
bool IsEqT(Interpreter&, const Value& v, CallArgs& a) { return v.Equals(a.Required(0, "other", "eq")); }
bool IsNeT(Interpreter&, const Value& v, CallArgs& a) { return !v.Equals(a.Required(0, "other", "ne")); }
bool IsLtT(Interpreter&, const Value& v, CallArgs& a) { return v.AsDouble() < a.Required(0, "other", "lt").AsDouble(); }
bool IsLeT(Interpreter&, const Value& v, CallArgs& a) { return v.AsDouble() <= a.Required(0, "other", "le").AsDouble(); }
bool IsGtT(Interpreter&, const Value& v, CallArgs& a) { return v.AsDouble() > a.Required(0, "other", "gt").AsDouble(); }
bool IsGeT(Interpreter&, const Value& v, CallArgs& a) { return v.AsDouble() >= a.Required(0, "other", "ge").AsDouble(); }
bool IsInT(Interpreter&, const Value& v, CallArgs& a) {
    const Value& seq = a.Required(0, "seq", "in");
    if (seq.IsString()) {
        return seq.AsString().find(v.Str()) != std::string::npos;
    }
    if (seq.IsDict()) {
        return v.IsString() && seq.AsDict().Find(v.AsString());
    }
    const auto& list = seq.AsList();
    return std::any_of(list.begin(), list.end(), [&](const Value& x) { return x.Equals(v); });
}
bool IsLowerT(Interpreter&, const Value& v, CallArgs&) { return v.IsString() && ToLower(v.AsString()) == v.AsString(); }
bool IsUpperT(Interpreter&, const Value& v, CallArgs&) { return v.IsString() && ToUpper(v.AsString()) == v.AsString(); }

}  // namespace

FilterFn FindFilter(std::string_view name) {
    static const std::unordered_map<std::string_view, FilterFn> kFilters = {
        {"lower", Lower},       {"upper", Upper},         {"trim", TrimF},        {"replace", Replace},
        {"join", JoinF},        {"length", Length},       {"count", Length},      {"list", ListF},
        {"string", StringF},    {"int", IntF},            {"float", FloatF},      {"first", First},
        {"last", Last},         {"map", MapF},            {"select", Select},     {"reject", Reject},
        {"selectattr", SelectAttr}, {"rejectattr", RejectAttr}, {"tojson", ToJsonF}, {"abs", Abs},
        {"round", Round},       {"capitalize", Capitalize}, {"reverse", Reverse}, {"sort", Sort},
        {"unique", Unique},     {"items", ItemsF},        {"sum", Sum},           {"indent", Indent},
        {"safe", Identity},
    };
    auto it = kFilters.find(name);
    return it == kFilters.end() ? nullptr : it->second;
}

TestFn FindTest(std::string_view name) {
    static const std::unordered_map<std::string_view, TestFn> kTests = {
        {"none", IsNoneT},       {"string", IsStringT},   {"number", IsNumberT},   {"integer", IsIntegerT},
        {"float", IsFloatT},     {"boolean", IsBooleanT}, {"true", IsTrueT},       {"false", IsFalseT},
        {"mapping", IsMappingT}, {"sequence", IsSequenceT}, {"iterable", IsSequenceT}, {"callable", IsCallableT},
        {"odd", IsOddT},         {"even", IsEvenT},       {"divisibleby", IsDivisibleByT}, {"eq", IsEqT},
        {"equalto", IsEqT},      {"==", IsEqT},           {"ne", IsNeT},           {"lt", IsLtT},
        {"le", IsLeT},           {"gt", IsGtT},           {"ge", IsGeT},           {"in", IsInT},
        {"sameas", IsEqT},       {"lower", IsLowerT},     {"upper", IsUpperT},
    };
    auto it = kTests.find(name);
    return it == kTests.end() ? nullptr : it->second;
}

}  // namespace hf::transform::jinja
