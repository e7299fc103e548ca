#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hf::transform::jinja {

enum class TokenKind {
    TEXT,         // template text between tags (whitespace control already applied)
    VAR_BEGIN,    // {{
    VAR_END,      // }}
    BLOCK_BEGIN,  // {%
    BLOCK_END,    // %}
    NAME,
    STRING,       // value already unescaped
    INT,
    FLOAT,
    OP,           // operators and punctuation: + - * / // % ** ~ == != < <= > >= = ( ) [ ] { } , : . |
    END,
};

// One token with the 1-based line it starts on.
struct Token {
    TokenKind kind;
    std::string text;
    int line;
};

// Splits a template into tokens. Applies `-` whitespace control ({%- -%}, {{- -}}, {#- -#}),
// drops comments and one trailing newline (Jinja's keep_trailing_newline=False). Errors name
// `file` and the line. Pure function, thread-safe.
std::vector<Token> Tokenize(std::string_view source, const std::string& file);

}  // namespace hf::transform::jinja
