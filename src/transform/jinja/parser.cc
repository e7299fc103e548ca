#include "transform/jinja/parser.h"

#include <initializer_list>

#include "common/error.h"
#include "transform/jinja/lexer.h"

namespace hf::transform::jinja {

namespace {

class Parser {
public:
    Parser(std::vector<Token> tokens, std::shared_ptr<Template> tmpl)
        : tokens_(std::move(tokens)), tmpl_(std::move(tmpl)) {}

    void Run() {
        std::string end = ParseBody(tmpl_->body, {});
        if (!end.empty()) {
            Fail(Peek().line, "unexpected '" + end + "'");
        }
    }

private:
    [[noreturn]] void Fail(int line, const std::string& what) const {
        throw Error(ErrorKind::INVALID_INPUT, tmpl_->file + ":" + std::to_string(line) + ": " + what,
                    "HealthFlow supports a Jinja subset: see docs/transform.md");
    }

    const Token& Peek(size_t ahead = 0) const {
        size_t i = pos_ + ahead;
        return i < tokens_.size() ? tokens_[i] : tokens_.back();
    }
    const Token& Next() {
        const Token& t = tokens_[pos_];
        if (pos_ + 1 < tokens_.size()) {
            ++pos_;
        }
        return t;
    }
    bool IsOp(std::string_view op, size_t ahead = 0) const {
        return Peek(ahead).kind == TokenKind::OP && Peek(ahead).text == op;
    }
    bool IsName(std::string_view name, size_t ahead = 0) const {
        return Peek(ahead).kind == TokenKind::NAME && Peek(ahead).text == name;
    }
    bool AcceptOp(std::string_view op) {
        if (IsOp(op)) {
            Next();
            return true;
        }
        return false;
    }
    bool AcceptName(std::string_view name) {
        if (IsName(name)) {
            Next();
            return true;
        }
        return false;
    }
    static std::string Describe(const Token& t) {
        switch (t.kind) {
            case TokenKind::END: return "end of template";
            case TokenKind::VAR_END: return "'}}'";
            case TokenKind::BLOCK_END: return "'%}'";
            case TokenKind::TEXT: return "text";
            default: return "'" + t.text + "'";
        }
    }
    void ExpectOp(std::string_view op) {
        if (!AcceptOp(op)) {
            Fail(Peek().line, "expected '" + std::string(op) + "', found " + Describe(Peek()));
        }
    }
    std::string ExpectName(std::string_view what) {
        if (Peek().kind != TokenKind::NAME) {
            Fail(Peek().line, "expected " + std::string(what) + ", found " + Describe(Peek()));
        }
        return Next().text;
    }
    void ExpectBlockEnd() {
        if (Peek().kind != TokenKind::BLOCK_END) {
            Fail(Peek().line, "expected '%}', found " + Describe(Peek()));
        }
        Next();
    }

    // Parses nodes until one of `ends` (a block tag name) and returns it, after consuming
    // `{% end... ` up to (not including) the rest of that tag. "" at end of template.
    std::string ParseBody(Body& body, std::initializer_list<std::string_view> ends) {
        while (true) {
            const Token& t = Peek();
            if (t.kind == TokenKind::END) {
                return "";
            }
            if (t.kind == TokenKind::TEXT) {
                Node n{NodeKind::TEXT};
                n.line = t.line;
                n.text = Next().text;
                body.push_back(std::move(n));
                continue;
            }
            if (t.kind == TokenKind::VAR_BEGIN) {
                Node n{NodeKind::OUTPUT};
                n.line = Next().line;
                n.expr = ParseExpression();
                if (Peek().kind != TokenKind::VAR_END) {
                    Fail(Peek().line, "expected '}}', found " + Describe(Peek()));
                }
                Next();
                body.push_back(std::move(n));
                continue;
            }
            Next();  // BLOCK_BEGIN
            const Token& tag = Peek();
            if (tag.kind != TokenKind::NAME) {
                Fail(tag.line, "expected a tag name after '{%', found " + Describe(tag));
            }
            for (auto e : ends) {
                if (tag.text == e) {
                    Next();
                    return tag.text;
                }
            }
            ParseTag(body);
        }
    }

    // Parses a block body that must end with `end` (or one of `also`); fails naming `opener`.
    std::string ParseBlock(Body& body, std::string_view opener, int line, std::initializer_list<std::string_view> ends) {
        std::string end = ParseBody(body, ends);
        if (end.empty()) {
            Fail(line, "'" + std::string(opener) + "' block is never closed (missing 'end" + std::string(opener) + "')");
        }
        return end;
    }

    void ParseTag(Body& body) {
        const Token& tag = Next();
        const std::string name = tag.text;
        const int line = tag.line;
        Node n{NodeKind::TEXT};
        n.line = line;
        if (name == "if") {
            n.kind = NodeKind::IF;
            ExprPtr cond = ParseExpression();
            ExpectBlockEnd();
            while (true) {
                Body branch;
                std::string end = ParseBlock(branch, "if", line, {"elif", "else", "endif"});
                n.branches.emplace_back(std::move(cond), std::move(branch));
                if (end == "elif") {
                    cond = ParseExpression();
                    ExpectBlockEnd();
                    continue;
                }
                if (end == "else") {
                    ExpectBlockEnd();
                    ParseBlock(n.else_body, "if", line, {"endif"});
                }
                break;
            }
            ExpectBlockEnd();
        } else if (name == "for") {
            n.kind = NodeKind::FOR;
            n.targets.push_back(ExpectName("a loop variable"));
            while (AcceptOp(",")) {
                n.targets.push_back(ExpectName("a loop variable"));
            }
            if (!AcceptName("in")) {
                Fail(Peek().line, "expected 'in' in for loop, found " + Describe(Peek()));
            }
            n.expr = ParseOr();
            if (AcceptName("if")) {
                n.cond = ParseOr();
            }
            if (IsName("recursive")) {
                Fail(Peek().line, "recursive for loops are not supported");
            }
            ExpectBlockEnd();
            ++loop_depth_;
            std::string end = ParseBlock(n.body, "for", line, {"else", "endfor"});
            --loop_depth_;
            if (end == "else") {
                ExpectBlockEnd();
                ParseBlock(n.else_body, "for", line, {"endfor"});
            }
            ExpectBlockEnd();
        } else if (name == "set") {
            std::string target = ExpectName("a variable name");
            if (AcceptOp(".")) {
                target += "." + ExpectName("an attribute name");
            }
            n.targets.push_back(target);
            while (AcceptOp(",")) {
                n.targets.push_back(ExpectName("a variable name"));
            }
            if (AcceptOp("=")) {
                n.kind = NodeKind::SET;
                n.expr = ParseTuple();
                ExpectBlockEnd();
            } else {
                if (n.targets.size() != 1) {
                    Fail(line, "a block set assigns one variable");
                }
                n.kind = NodeKind::SET_BLOCK;
                ExpectBlockEnd();
                ParseBlock(n.body, "set", line, {"endset"});
                ExpectBlockEnd();
            }
        } else if (name == "macro" || name == "test") {
            n.kind = NodeKind::MACRO;
            std::string macro_name = ExpectName("a macro name");
            n.macro = ParseDefinition(name == "test" ? "test_" + macro_name : macro_name, line, true);
            ParseDefinitionBody(*n.macro, name);
            tmpl_->macros.push_back(n.macro);
        } else if (name == "snapshot" || name == "docs") {
            std::string def_name = ExpectName(name == "docs" ? "a docs block name" : "a snapshot name");
            auto def = ParseDefinition(def_name, line, false);
            ParseDefinitionBody(*def, name);
            (name == "snapshot" ? tmpl_->snapshots : tmpl_->docs).push_back(def);
            return;
        } else if (name == "call") {
            n.kind = NodeKind::CALL_BLOCK;
            n.macro = ParseDefinition("caller", line, IsOp("("));
            n.expr = ParseExpression();
            if (n.expr->kind != ExprKind::CALL) {
                Fail(line, "'call' needs a macro call, as in {% call my_macro() %}");
            }
            ExpectBlockEnd();
            n.macro->body = std::make_unique<Body>();
            ParseBlock(*n.macro->body, "call", line, {"endcall"});
            ExpectBlockEnd();
        } else if (name == "do") {
            n.kind = NodeKind::DO;
            n.expr = ParseTuple();
            ExpectBlockEnd();
        } else if (name == "break" || name == "continue") {
            if (loop_depth_ == 0) {
                Fail(line, "'" + name + "' outside a for loop");
            }
            n.kind = name == "break" ? NodeKind::BREAK : NodeKind::CONTINUE;
            ExpectBlockEnd();
        } else if (name == "filter") {
            n.kind = NodeKind::FILTER_BLOCK;
            auto holder = std::make_unique<Expr>(Expr{ExprKind::LITERAL});
            holder->line = line;
            n.expr = ParseFilter(std::move(holder));
            ExpectBlockEnd();
            ParseBlock(n.body, "filter", line, {"endfilter"});
            ExpectBlockEnd();
        } else if (name.rfind("end", 0) == 0 || name == "elif" || name == "else") {
            Fail(line, "unexpected '" + name + "'");
        } else {
            Fail(line, "unsupported tag '" + name + "'");
        }
        body.push_back(std::move(n));
    }

    std::shared_ptr<MacroDef> ParseDefinition(std::string def_name, int line, bool with_params) {
        auto def = std::make_shared<MacroDef>();
        def->name = std::move(def_name);
        def->file = tmpl_->file;
        def->line = line;
        if (with_params) {
            ExpectOp("(");
            while (!IsOp(")")) {
                MacroParam p;
                p.name = ExpectName("a parameter name");
                if (AcceptOp("=")) {
                    p.default_value = ParseExpression();
                }
                def->params.push_back(std::move(p));
                if (!AcceptOp(",")) {
                    break;
                }
            }
            ExpectOp(")");
        }
        return def;
    }

    void ParseDefinitionBody(MacroDef& def, const std::string& tag) {
        ExpectBlockEnd();
        def.body = std::make_unique<Body>();
        bool saved_kwargs = uses_kwargs_, saved_varargs = uses_varargs_;
        int saved_depth = loop_depth_;
        uses_kwargs_ = uses_varargs_ = false;
        loop_depth_ = 0;
        if (tag == "macro" || tag == "test") {
            ParseBlock(*def.body, tag, def.line, {tag == "macro" ? "endmacro" : "endtest"});
        } else {
            ParseBlock(*def.body, tag, def.line, {tag == "docs" ? "enddocs" : "endsnapshot"});
        }
        ExpectBlockEnd();
        def.uses_kwargs = uses_kwargs_;
        def.uses_varargs = uses_varargs_;
        uses_kwargs_ = saved_kwargs;
        uses_varargs_ = saved_varargs;
        loop_depth_ = saved_depth;
    }

    ExprPtr Make(ExprKind kind, int line) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = line;
        return e;
    }

    // expression [, expression]* -> a list when there is a comma.
    ExprPtr ParseTuple() {
        int line = Peek().line;
        ExprPtr first = ParseExpression();
        if (!IsOp(",")) {
            return first;
        }
        auto list = Make(ExprKind::LIST, line);
        list->items.push_back(std::move(first));
        while (AcceptOp(",")) {
            list->items.push_back(ParseExpression());
        }
        return list;
    }

    ExprPtr ParseExpression() {
        ExprPtr value = ParseOr();
        while (IsName("if")) {
            int line = Next().line;
            auto cond = Make(ExprKind::CONDITIONAL, line);
            cond->a = std::move(value);
            cond->b = ParseOr();
            if (AcceptName("else")) {
                cond->c = ParseExpression();
            }
            value = std::move(cond);
        }
        return value;
    }

    ExprPtr ParseOr() {
        ExprPtr left = ParseAnd();
        while (IsName("or")) {
            auto e = Make(ExprKind::OR, Next().line);
            e->a = std::move(left);
            e->b = ParseAnd();
            left = std::move(e);
        }
        return left;
    }

    ExprPtr ParseAnd() {
        ExprPtr left = ParseNot();
        while (IsName("and")) {
            auto e = Make(ExprKind::AND, Next().line);
            e->a = std::move(left);
            e->b = ParseNot();
            left = std::move(e);
        }
        return left;
    }

    ExprPtr ParseNot() {
        if (IsName("not")) {
            auto e = Make(ExprKind::NOT, Next().line);
            e->a = ParseNot();
            return e;
        }
        return ParseCompare();
    }

    ExprPtr ParseCompare() {
        ExprPtr left = ParseMath1();
        while (true) {
            const Token& t = Peek();
            std::string op;
            bool negated = false;
            if (t.kind == TokenKind::OP &&
                (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=")) {
                op = t.text;
                Next();
            } else if (IsName("in")) {
                op = "in";
                Next();
            } else if (IsName("not") && IsName("in", 1)) {
                op = "in";
                negated = true;
                Next();
                Next();
            } else {
                return left;
            }
            auto e = Make(ExprKind::BINARY, t.line);
            e->name = op;
            e->negated = negated;
            e->a = std::move(left);
            e->b = ParseMath1();
            left = std::move(e);
        }
    }

    ExprPtr Binary(ExprPtr left, const std::string& op, int line, ExprPtr right) {
        auto e = Make(ExprKind::BINARY, line);
        e->name = op;
        e->a = std::move(left);
        e->b = std::move(right);
        return e;
    }

    ExprPtr ParseMath1() {
        ExprPtr left = ParseConcat();
        while (IsOp("+") || IsOp("-")) {
            const Token& t = Next();
            left = Binary(std::move(left), t.text, t.line, ParseConcat());
        }
        return left;
    }

    ExprPtr ParseConcat() {
        ExprPtr left = ParseMath2();
        while (IsOp("~")) {
            const Token& t = Next();
            left = Binary(std::move(left), "~", t.line, ParseMath2());
        }
        return left;
    }

    ExprPtr ParseMath2() {
        ExprPtr left = ParsePow();
        while (IsOp("*") || IsOp("/") || IsOp("//") || IsOp("%")) {
            const Token& t = Next();
            left = Binary(std::move(left), t.text, t.line, ParsePow());
        }
        return left;
    }

    ExprPtr ParsePow() {
        ExprPtr left = ParseUnary();
        while (IsOp("**")) {
            const Token& t = Next();
            left = Binary(std::move(left), "**", t.line, ParseUnary());
        }
        return left;
    }

    ExprPtr ParseUnary(bool with_filters = true) {
        if (IsOp("-") || IsOp("+")) {
            const Token& t = Next();
            auto e = Make(ExprKind::UNARY, t.line);
            e->name = t.text;
            e->a = ParseUnary(false);
            return with_filters ? ParseFilters(std::move(e)) : std::move(e);
        }
        ExprPtr node = ParsePostfix(ParsePrimary());
        return with_filters ? ParseFilters(std::move(node)) : std::move(node);
    }

    ExprPtr ParseFilters(ExprPtr node) {
        while (true) {
            if (IsOp("|")) {
                node = ParseFilter(std::move(node));
            } else if (IsName("is")) {
                node = ParseTest(std::move(node));
            } else {
                return node;
            }
        }
    }

    ExprPtr ParseFilter(ExprPtr input) {
        if (IsOp("|")) {
            Next();
        }
        int line = Peek().line;
        std::string name = ExpectName("a filter name");
        auto e = Make(ExprKind::FILTER, line);
        e->name = name;
        e->filter = FindFilter(name);
        if (!e->filter && name != "default" && name != "d") {
            Fail(line, "unknown filter '" + name + "'");
        }
        e->a = std::move(input);
        if (IsOp("(")) {
            ParseCallArgs(*e);
        }
        return e;
    }

    ExprPtr ParseTest(ExprPtr input) {
        int line = Next().line;  // is
        auto e = Make(ExprKind::TEST, line);
        e->negated = AcceptName("not");
        e->name = Peek().kind == TokenKind::NAME ? Next().text : ExpectName("a test name");
        if (e->name == "none" || e->name == "None") {
            e->name = "none";
        }
        e->test = FindTest(e->name);
        if (!e->test && e->name != "defined" && e->name != "undefined") {
            Fail(line, "unknown test '" + e->name + "'");
        }
        e->a = std::move(input);
        if (IsOp("(")) {
            ParseCallArgs(*e);
        } else if (Peek().kind == TokenKind::STRING || Peek().kind == TokenKind::INT ||
                   Peek().kind == TokenKind::FLOAT || IsOp("[") || IsOp("{") ||
                   (Peek().kind == TokenKind::NAME && !IsName("and") && !IsName("or") && !IsName("else") &&
                    !IsName("if") && !IsName("is") && !IsName("not") && !IsName("in"))) {
            e->items.push_back(ParsePrimary());
        }
        return e;
    }

    void ParseCallArgs(Expr& call) {
        ExpectOp("(");
        while (!IsOp(")")) {
            if (IsOp("**") || IsOp("*")) {
                std::string spread = Next().text;
                call.kwargs.emplace_back(spread, ParseExpression());
            } else if (Peek().kind == TokenKind::NAME && IsOp("=", 1)) {
                std::string key = Next().text;
                Next();
                call.kwargs.emplace_back(key, ParseExpression());
            } else {
                if (!call.kwargs.empty() && call.kwargs.back().first != "*") {
                    Fail(Peek().line, "positional argument after a keyword argument");
                }
                call.items.push_back(ParseExpression());
            }
            if (!AcceptOp(",")) {
                break;
            }
        }
        ExpectOp(")");
    }

    ExprPtr ParsePostfix(ExprPtr node) {
        while (true) {
            if (IsOp(".")) {
                int line = Next().line;
                auto e = Make(ExprKind::GETATTR, line);
                if (Peek().kind == TokenKind::INT) {
                    e->kind = ExprKind::GETITEM;
                    e->b = Make(ExprKind::LITERAL, line);
                    e->b->literal = Value(static_cast<int64_t>(std::stoll(Next().text)));
                } else {
                    e->name = ExpectName("an attribute name");
                }
                e->a = std::move(node);
                node = std::move(e);
            } else if (IsOp("[")) {
                int line = Next().line;
                auto e = Make(ExprKind::GETITEM, line);
                e->a = std::move(node);
                if (IsOp(":")) {
                    Fail(line, "slices are not supported");
                }
                e->b = ParseExpression();
                if (IsOp(":")) {
                    Fail(line, "slices are not supported");
                }
                ExpectOp("]");
                node = std::move(e);
            } else if (IsOp("(")) {
                auto e = Make(ExprKind::CALL, Peek().line);
                e->a = std::move(node);
                ParseCallArgs(*e);
                node = std::move(e);
            } else {
                return node;
            }
        }
    }

    ExprPtr ParsePrimary() {
        const Token& t = Peek();
        switch (t.kind) {
            case TokenKind::STRING: {
                auto e = Make(ExprKind::LITERAL, t.line);
                std::string s = Next().text;
                while (Peek().kind == TokenKind::STRING) {  // adjacent literals concatenate
                    s += Next().text;
                }
                e->literal = Value(std::move(s));
                return e;
            }
            case TokenKind::INT: {
                auto e = Make(ExprKind::LITERAL, t.line);
                e->literal = Value(static_cast<int64_t>(std::stoll(Next().text)));
                return e;
            }
            case TokenKind::FLOAT: {
                auto e = Make(ExprKind::LITERAL, t.line);
                e->literal = Value(std::stod(Next().text));
                return e;
            }
            case TokenKind::NAME: {
                auto e = Make(ExprKind::LITERAL, t.line);
                const std::string& n = t.text;
                if (n == "true" || n == "True") {
                    e->literal = Value(true);
                } else if (n == "false" || n == "False") {
                    e->literal = Value(false);
                } else if (n == "none" || n == "None") {
                    e->literal = Value();
                } else {
                    e->kind = ExprKind::NAME;
                    e->name = n;
                    uses_kwargs_ = uses_kwargs_ || n == "kwargs";
                    uses_varargs_ = uses_varargs_ || n == "varargs";
                }
                Next();
                return e;
            }
            case TokenKind::OP: {
                if (t.text == "(") {
                    Next();
                    if (AcceptOp(")")) {
                        return Make(ExprKind::LIST, t.line);
                    }
                    ExprPtr inner = ParseExpression();
                    if (IsOp(",")) {
                        auto list = Make(ExprKind::LIST, t.line);
                        list->items.push_back(std::move(inner));
                        while (AcceptOp(",") && !IsOp(")")) {
                            list->items.push_back(ParseExpression());
                        }
                        inner = std::move(list);
                    }
                    ExpectOp(")");
                    return inner;
                }
                if (t.text == "[") {
                    auto e = Make(ExprKind::LIST, Next().line);
                    while (!IsOp("]")) {
                        e->items.push_back(ParseExpression());
                        if (!AcceptOp(",")) {
                            break;
                        }
                    }
                    ExpectOp("]");
                    return e;
                }
                if (t.text == "{") {
                    auto e = Make(ExprKind::DICT, Next().line);
                    while (!IsOp("}")) {
                        e->keys.push_back(ParseExpression());
                        ExpectOp(":");
                        e->items.push_back(ParseExpression());
                        if (!AcceptOp(",")) {
                            break;
                        }
                    }
                    ExpectOp("}");
                    return e;
                }
                break;
            }
            default: break;
        }
        Fail(t.line, "unexpected " + Describe(t) + " in expression");
    }

    std::vector<Token> tokens_;
    size_t pos_ = 0;
    std::shared_ptr<Template> tmpl_;
    int loop_depth_ = 0;
    bool uses_kwargs_ = false;
    bool uses_varargs_ = false;
};

}  // namespace

std::shared_ptr<const Template> Parse(std::string_view source, std::string file) {
    auto tmpl = std::make_shared<Template>();
    tmpl->file = std::move(file);
    Parser parser(Tokenize(source, tmpl->file), tmpl);
    parser.Run();
    return tmpl;
}

}  // namespace hf::transform::jinja
