#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "transform/jinja/value.h"

namespace hf::transform::jinja {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// Function implementing a filter (`x|name(args)`) or a test (`x is name(args)`).
using FilterFn = Value (*)(Interpreter&, const Value& input, CallArgs& args);
using TestFn = bool (*)(Interpreter&, const Value& input, CallArgs& args);

enum class ExprKind {
    LITERAL,      // literal
    NAME,         // name
    LIST,         // items
    DICT,         // keys[i]: items[i]
    UNARY,        // name in {"-", "+"}, a
    BINARY,       // name is the operator, a op b (arithmetic, ~, comparisons, in)
    AND,          // a and b
    OR,           // a or b
    NOT,          // not a
    CONDITIONAL,  // a if b else c (c may be null)
    GETATTR,      // a.name
    GETITEM,      // a[b]
    CALL,         // a(items..., kwargs...)
    FILTER,       // a|name(items..., kwargs...); filter resolved at parse time
    TEST,         // a is [not] name(items...); test resolved at parse time
};

// One expression node. A tagged struct: only the fields its kind lists are used.
struct Expr {
    ExprKind kind;
    int line = 0;
    Value literal;
    std::string name;
    ExprPtr a, b, c;
    std::vector<ExprPtr> items;
    std::vector<ExprPtr> keys;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    bool negated = false;  // `is not`, `not in`
    FilterFn filter = nullptr;
    TestFn test = nullptr;
};

struct Node;
using Body = std::vector<Node>;

// A macro parameter with its optional default.
struct MacroParam {
    std::string name;
    ExprPtr default_value;
};

// A `{% macro %}` (or `{% test %}`, `{% snapshot %}`, `{% docs %}`) definition. Shared by the
// template that defines it and every callable bound to it; immutable after parsing.
struct MacroDef {
    std::string name;
    std::string file;
    int line = 0;
    std::vector<MacroParam> params;
    std::unique_ptr<Body> body;
    bool uses_kwargs = false;  // the body names `kwargs`: extra keyword arguments are allowed
    bool uses_varargs = false;
};

enum class NodeKind {
    TEXT,        // text
    OUTPUT,      // {{ expr }}
    IF,          // branches (cond, body)..., else_body
    FOR,         // for targets in expr [if cond] body [else else_body]
    SET,         // set targets = expr (target "ns.attr" sets an attribute)
    SET_BLOCK,   // set target %}body{% endset
    MACRO,       // macro definition
    CALL_BLOCK,  // call[(params)] expr %}body{% endcall
    DO,          // do expr
    BREAK,
    CONTINUE,
    FILTER_BLOCK,  // filter name %}body{% endfilter
};

// One statement node; only the fields its kind lists are used.
struct Node {
    NodeKind kind;
    int line = 0;
    std::string text;
    ExprPtr expr;
    ExprPtr cond;
    std::vector<std::string> targets;
    std::vector<std::pair<ExprPtr, Body>> branches;
    Body body;
    Body else_body;
    std::shared_ptr<MacroDef> macro;  // MACRO, and the caller of CALL_BLOCK
};

// A parsed template. Definitions found at its top level are listed by kind so the project
// loader can collect macros, generic tests, snapshots and docs blocks. Immutable; shareable
// between threads once built.
struct Template {
    std::string file;
    Body body;
    std::vector<std::shared_ptr<const MacroDef>> macros;     // {% macro %} and {% test %} (as test_<name>)
    std::vector<std::shared_ptr<const MacroDef>> snapshots;  // {% snapshot name %}
    std::vector<std::shared_ptr<const MacroDef>> docs;       // {% docs name %}
};

}  // namespace hf::transform::jinja
