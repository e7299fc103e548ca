#include <gtest/gtest.h>

#include "common/error.h"
#include "transform/jinja/interpreter.h"
#include "transform/jinja/parser.h"

namespace hf::transform::jinja {
namespace {

std::string R(std::string_view src, Interpreter::Globals globals = nullptr) {
    auto tmpl = Parse(src, "models/x.sql");
    Interpreter in(std::move(globals));
    return in.Render(*tmpl);
}

std::string ErrorOf(std::string_view src) {
    try {
        R(src);
    } catch (const Error& e) {
        return e.Message();
    }
    return "(no error)";
}

TEST(JinjaLiterals, RenderPythonStyle) {
    EXPECT_EQ(R("{{ 'a' }}|{{ \"b\" }}|{{ 1 }}|{{ 1.5 }}|{{ 2.0 }}|{{ true }}|{{ none }}"), "a|b|1|1.5|2.0|True|None");
    EXPECT_EQ(R("{{ [1, 'a', [true]] }}"), "[1, 'a', [True]]");
    EXPECT_EQ(R("{{ {'a': 1, 'b': 'x'} }}"), "{'a': 1, 'b': 'x'}");
    EXPECT_EQ(R("{{ 'it''s' }}"), "its");
    EXPECT_EQ(R("{{ \"it's\" }}"), "it's");
}

TEST(JinjaExpressions, Arithmetic) {
    EXPECT_EQ(R("{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ -(3) }}"),
              "7 3 -4 1 3.5 1024 -3");
    EXPECT_EQ(R("{{ 'a' ~ 1 ~ none }}|{{ 'ab' + 'c' }}|{{ [1] + [2] }}|{{ 'x' * 3 }}"), "a1None|abc|[1, 2]|xxx");
    EXPECT_EQ(ErrorOf("{{ 1 / 0 }}"), "models/x.sql:1: division by zero");
    EXPECT_EQ(ErrorOf("\n{{ 1 + 'a' }}"), "models/x.sql:2: unsupported operand types for '+': int and string");
}

TEST(JinjaExpressions, LogicAndComparisons) {
    EXPECT_EQ(R("{{ 1 < 2 and 2 <= 2 }} {{ 'a' == 'a' }} {{ 1 != 1 }} {{ not 0 }} {{ 0 or 'x' }} {{ '' and 1 }}"),
              "True True False True x ");
    EXPECT_EQ(R("{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 3 not in [1] }}"), "True True True True");
    EXPECT_EQ(R("{{ 'y' if 1 > 2 else 'n' }}|{{ 'y' if false }}|"), "n||");
}

TEST(JinjaExpressions, AttributesItemsAndCalls) {
    EXPECT_EQ(R("{% set d = {'a': {'b': [10, 20]}} %}{{ d.a.b[1] }} {{ d['a']['b'][-1] }} {{ d.a.b.0 }}"), "20 20 10");
    EXPECT_EQ(R("{{ 'A,b'.lower().split(',') }} {{ ' x '.strip() }} {{ 'ab'.startswith('a') }} {{ '-'.join(['a', 'b']) }}"),
              "['a', 'b'] x True a-b");
    EXPECT_EQ(R("{{ '{} and {}'.format(1, 'b') }} {{ 'a_b'.replace('_', ' ').upper() }}"), "1 and b A B");
    EXPECT_EQ(R("{% set l = [] %}{% do l.append(1) %}{% do l.extend([2, 3]) %}{{ l }} {{ l.pop() }} {{ l }}"),
              "[1, 2, 3] 3 [1, 2]");
    EXPECT_EQ(R("{% set d = {} %}{% do d.update({'a': 1}) %}{{ d.get('a') }} {{ d.get('z', 'no') }} {{ d.items() }}"),
              "1 no [['a', 1]]");
    EXPECT_EQ(ErrorOf("{% set d = {} %}\n\n{{ d.missing }}"), "models/x.sql:3: dict has no attribute 'missing'");
    EXPECT_EQ(ErrorOf("{{ [1][5] }}"), "models/x.sql:1: list has no item 5");
    EXPECT_EQ(ErrorOf("{{ 'x'() }}"), "models/x.sql:1: string 'x' is not callable");
}

TEST(JinjaUndefined, IsAnErrorUnlessTestedOrDefaulted) {
    EXPECT_EQ(ErrorOf("select 1\n{{ missing }}"), "models/x.sql:2: 'missing' is undefined");
    EXPECT_EQ(R("{{ missing is defined }} {{ missing is undefined }} {{ missing.x is defined }}"), "False True False");
    EXPECT_EQ(R("{{ missing | default('d') }} {{ missing | d(3) }} {{ '' | default('e', true) }} {{ none | default(1) }}"),
              "d 3 e None");
    EXPECT_EQ(R("{% set d = {'a': 1} %}{{ d.b | default('no') }} {{ d.a | default('no') }}"), "no 1");
}

TEST(JinjaTests, IsTests) {
    EXPECT_EQ(R("{{ none is none }} {{ 1 is not none }} {{ 'a' is string }} {{ 1 is number }} {{ 3 is odd }} "
                "{{ 4 is even }} {{ 9 is divisibleby(3) }} {{ {} is mapping }} {{ [] is sequence }} {{ 2 is in [1, 2] }} "
                "{{ 1 is eq 1 }} {{ true is true }}"),
              "True True True True True True True True True True True True");
    EXPECT_EQ(ErrorOf("{{ 1 is prime }}"), "models/x.sql:1: unknown test 'prime'");
}

TEST(JinjaStatements, SetAndSetBlock) {
    EXPECT_EQ(R("{% set a = 1 %}{% set b, c = [2, 3] %}{{ a }}{{ b }}{{ c }}"), "123");
    EXPECT_EQ(R("{% set sql %}select {{ 1 + 1 }}{% endset %}[{{ sql }}]"), "[select 2]");
    EXPECT_EQ(R("{% set ns = namespace(n=0) %}{% for i in [1, 2, 3] %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}"),
              "6");
    EXPECT_EQ(R("{% set x = 1 %}{% for i in [5] %}{% set x = i %}{% endfor %}{{ x }}"), "1");
}

TEST(JinjaStatements, IfElifElse) {
    const char* t = "{% if n > 1 %}big{% elif n == 1 %}one{% else %}small{% endif %}";
    for (auto [n, want] : std::vector<std::pair<int, std::string>>{{2, "big"}, {1, "one"}, {0, "small"}}) {
        EXPECT_EQ(R(t, [n = n](std::string_view name) -> std::optional<Value> {
                      return name == "n" ? std::optional<Value>(Value(n)) : std::nullopt;
                  }),
                  want);
    }
}

TEST(JinjaStatements, ForLoop) {
    EXPECT_EQ(R("{% for x in ['a', 'b', 'c'] %}{{ loop.index }}{{ loop.index0 }}{{ x }}{{ loop.length }}"
                "{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}{% if not loop.last %},{% endif %}{% endfor %}"),
              "10a3F,21b3,32c3L");
    EXPECT_EQ(R("{% for x in [] %}x{% else %}empty{% endfor %}"), "empty");
    EXPECT_EQ(R("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}"), "a=1;b=2;");
    EXPECT_EQ(R("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}"), "ab");
    EXPECT_EQ(R("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}"
                "{{ x }}{% endfor %}"),
              "013");
    EXPECT_EQ(R("{% for x in range(6) if x is even %}{{ x }}{% endfor %}"), "024");
    EXPECT_EQ(ErrorOf("{% break %}"), "models/x.sql:1: 'break' outside a for loop");
}

TEST(JinjaStatements, MacrosWithDefaultsKwargsReturnAndCaller) {
    EXPECT_EQ(R("{% macro greet(name, punct='!') %}hi {{ name }}{{ punct }}{% endmacro %}{{ greet('a') }} "
                "{{ greet('b', punct='?') }} {{ greet(name='c') }}"),
              "hi a! hi b? hi c!");
    EXPECT_EQ(R("{% macro f(x) %}ignored{{ return(x * 2) }}{% endmacro %}{{ f(21) + 0 }}"), "42");
    EXPECT_EQ(R("{% macro f() %}{% for i in [1, 2] %}{% do return(i) %}{% endfor %}{% endmacro %}{{ f() }}"), "1");
    EXPECT_EQ(R("{% macro k(a) %}{{ a }}{{ kwargs }}{% endmacro %}{{ k(1, b=2) }}"), "1{'b': 2}");
    EXPECT_EQ(R("{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}in{% endcall %}"), "<in>");
    EXPECT_EQ(R("{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}"
                "{% call(v) each([1, 2]) %}[{{ v }}]{% endcall %}"),
              "[1][2]");
    EXPECT_EQ(ErrorOf("{% macro f(a) %}{% endmacro %}\n{{ f(1, 2) }}"), "models/x.sql:2: macro 'f' takes 1 argument(s), got 2");
    EXPECT_EQ(ErrorOf("{% macro f(a) %}{% endmacro %}{{ f(b=1) }}"), "models/x.sql:1: macro 'f' has no parameter 'b'");
    EXPECT_EQ(ErrorOf("{% macro f(a) %}\n{{ a.x }}{% endmacro %}{{ f({}) }}"), "models/x.sql:2: dict has no attribute 'x'");
}

TEST(JinjaStatements, DoAndFilterBlock) {
    EXPECT_EQ(R("{% do [1] %}{% filter upper %}abc{% endfilter %}"), "ABC");
}

TEST(JinjaWhitespace, DashTrimsOnlyWhereAsked) {
    EXPECT_EQ(R("a\n  {%- if true -%}\n  b\n  {%- endif %}\nc"), "ab\nc");
    EXPECT_EQ(R("a\n{% if true %}\nb\n{% endif %}\nc\n"), "a\n\nb\n\nc");
    EXPECT_EQ(R("x {{- 1 -}} y {#- note -#} z"), "x1yz");
    EXPECT_EQ(R("a {# comment #}b"), "a b");
}

TEST(JinjaFilters, EachFilter) {
    EXPECT_EQ(R("{{ 'AbC' | lower }} {{ 'abc' | upper }} [{{ '  x ' | trim }}] {{ 'a-b-c' | replace('-', '+') }}"),
              "abc ABC [x] a+b+c");
    EXPECT_EQ(R("{{ ['a', 'b'] | join(', ') }} {{ [1, 2] | join }} {{ [1, 2, 3] | length }} {{ 'abcd' | count }}"),
              "a, b 12 3 4");
    EXPECT_EQ(R("{{ 'ab' | list }} {{ 12 | string ~ 'x' }} {{ '42' | int + 1 }} {{ 'x' | int }} {{ '1.5' | float }}"),
              "['a', 'b'] 12x 43 0 1.5");
    EXPECT_EQ(R("{{ [3, 4] | first }} {{ [3, 4] | last }} {{ 'xy' | first }}"), "3 4 x");
    EXPECT_EQ(R("{{ [{'n': 'a'}, {'n': 'b'}] | map(attribute='n') | join(',') }} {{ ['A'] | map('lower') | list }}"),
              "a,b ['a']");
    EXPECT_EQ(R("{{ [1, 2, 3, 4] | select('even') | list }} {{ [1, 2, 3] | reject('odd') | list }} "
                "{{ [none, 1] | reject('none') | list }}"),
              "[2, 4] [2] [1]");
    EXPECT_EQ(R("{{ {'b': [1, 'x'], 'a': none, 'c': \"<'&>\"} | tojson }}"),
              "{\"a\": null, \"b\": [1, \"x\"], \"c\": \"\\u003c\\u0027\\u0026\\u003e\"}");
    EXPECT_EQ(R("{{ [3, 1, 2] | sort | list }} {{ [1, 1, 2] | unique | list }} {{ [1, 2] | sum }} {{ -2 | abs }}"),
              "[1, 2, 3] [1, 2] 3 2");
    EXPECT_EQ(ErrorOf("select 1\n\n{{ name | slugify }}"), "models/x.sql:3: unknown filter 'slugify'");
}

TEST(JinjaFilters, RemainingFilters) {
    EXPECT_EQ(R("{{ 'hELLO wORLD' | capitalize }} {{ 2.567 | round(2) }} {{ 2.5 | round(0, 'floor') }} {{ 'abc' | reverse }} "
                "{{ [1, 2] | reverse | list }}"),
              "Hello world 2.57 2.0 cba [2, 1]");
    EXPECT_EQ(R("{{ {'a': 1} | items | list }} {{ 'a\nb' | indent(2) }} {{ 'x' | safe }} {{ '--x--' | trim('-') }}"),
              "[['a', 1]] a\n  b x x");
    EXPECT_EQ(R("{% set rows = [{'n': 'a', 'ok': true}, {'n': 'b', 'ok': false}] %}"
                "{{ rows | selectattr('ok') | map(attribute='n') | list }} "
                "{{ rows | rejectattr('ok') | map(attribute='n') | list }} "
                "{{ rows | map(attribute='z', default='?') | list }} {{ rows | sort(attribute='n', reverse=true) | map(attribute='n') | join }}"),
              "['a'] ['b'] ['?', '?'] ba");
    EXPECT_EQ(R("{{ ['a', 'b'] | tojson }} {{ 1.5 | tojson }} {{ none | tojson }} {{ 'x' | float }} {{ 3 | float }}"),
              "[\"a\", \"b\"] 1.5 null 0.0 3.0");
    EXPECT_EQ(ErrorOf("{{ [1] | map('nope') | list }}"), "models/x.sql:1: unknown filter 'nope' given to map()");
    EXPECT_EQ(ErrorOf("\n{{ 'a' | replace('a') }}"), "models/x.sql:2: replace() is missing its argument 'new'");
}

TEST(JinjaErrors, SyntaxOutsideTheSubsetFailsWithLine) {
    EXPECT_EQ(ErrorOf("a\n{% include 'x.sql' %}"), "models/x.sql:2: unsupported tag 'include'");
    EXPECT_EQ(ErrorOf("{% if x %}\n\nnever closed"), "models/x.sql:1: 'if' block is never closed (missing 'endif')");
    EXPECT_EQ(ErrorOf("a\n\n{% endfor %}"), "models/x.sql:3: unexpected 'endfor'");
    EXPECT_EQ(ErrorOf("{{ 1 +  }}"), "models/x.sql:1: unexpected '}}' in expression");
    EXPECT_EQ(ErrorOf("{{ x[1:2] }}"), "models/x.sql:1: slices are not supported");
    EXPECT_EQ(ErrorOf("\n{{ 'abc }}"), "models/x.sql:2: unterminated string literal");
    EXPECT_EQ(ErrorOf("{{ a "), "models/x.sql:1: unclosed tag '{{'");
    EXPECT_EQ(ErrorOf("{% for x in y recursive %}{% endfor %}"), "models/x.sql:1: recursive for loops are not supported");
}

TEST(JinjaTemplate, CollectsDefinitions) {
    auto t = Parse("{% macro a() %}{% endmacro %}{% test t(model) %}{% endtest %}{% snapshot s %}x{% endsnapshot %}"
                   "{% docs d %}y{% enddocs %}",
                   "f.sql");
    ASSERT_EQ(t->macros.size(), 2u);
    EXPECT_EQ(t->macros[0]->name, "a");
    EXPECT_EQ(t->macros[1]->name, "test_t");
    ASSERT_EQ(t->snapshots.size(), 1u);
    EXPECT_EQ(t->snapshots[0]->name, "s");
    ASSERT_EQ(t->docs.size(), 1u);
    Interpreter in(nullptr);
    EXPECT_EQ(in.RenderDefinition(*t->snapshots[0]), "x");
    EXPECT_EQ(in.Render(*t), "");
}

}  // namespace
}  // namespace hf::transform::jinja
