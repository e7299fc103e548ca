#include "transform/jinja/lexer.h"

#include <cctype>

#include "common/error.h"

namespace hf::transform::jinja {

namespace {

class Lexer {
public:
    Lexer(std::string_view src, const std::string& file) : src_(src), file_(file) {}

    std::vector<Token> Run() {
        while (pos_ < src_.size()) {
            size_t open = FindOpen(pos_);
            EmitText(src_.substr(pos_, open - pos_));
            if (open == src_.size()) {
                break;
            }
            pos_ = open;
            char kind = src_[pos_ + 1];
            bool trim_before = pos_ + 2 < src_.size() && src_[pos_ + 2] == '-';
            if (trim_before) {
                TrimLastText();
            }
            int start_line = line_;
            Advance(trim_before || (pos_ + 2 < src_.size() && src_[pos_ + 2] == '+') ? 3 : 2);
            if (kind == '#') {
                SkipComment(start_line);
                continue;
            }
            tokens_.push_back({kind == '{' ? TokenKind::VAR_BEGIN : TokenKind::BLOCK_BEGIN, "", start_line});
            LexTag(kind == '{' ? '}' : '%', start_line);
        }
        if (!tokens_.empty() && tokens_.back().kind == TokenKind::TEXT && !tokens_.back().text.empty() &&
            tokens_.back().text.back() == '\n') {
            tokens_.back().text.pop_back();
        }
        tokens_.push_back({TokenKind::END, "", line_});
        return std::move(tokens_);
    }

private:
    [[noreturn]] void Fail(int line, const std::string& what) {
        throw Error(ErrorKind::INVALID_INPUT, file_ + ":" + std::to_string(line) + ": " + what,
                    "fix the template syntax");
    }

    size_t FindOpen(size_t from) const {
        for (size_t i = from; i + 1 < src_.size(); ++i) {
            if (src_[i] == '{' && (src_[i + 1] == '{' || src_[i + 1] == '%' || src_[i + 1] == '#')) {
                return i;
            }
        }
        return src_.size();
    }

    void Advance(size_t n) {
        for (size_t i = 0; i < n && pos_ < src_.size(); ++i, ++pos_) {
            if (src_[pos_] == '\n') {
                ++line_;
            }
        }
    }

    void EmitText(std::string_view text) {
        int line = line_;
        if (trim_next_) {
            size_t i = 0;
            while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) {
                ++i;
            }
            Advance(i);
            text.remove_prefix(i);
            trim_next_ = false;
            line = line_;
        }
        Advance(text.size());
        if (!text.empty()) {
            tokens_.push_back({TokenKind::TEXT, std::string(text), line});
        }
    }

    void TrimLastText() {
        if (tokens_.empty() || tokens_.back().kind != TokenKind::TEXT) {
            return;
        }
        std::string& t = tokens_.back().text;
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) {
            t.pop_back();
        }
        if (t.empty()) {
            tokens_.pop_back();
        }
    }

    void SkipComment(int start_line) {
        size_t end = src_.find("#}", pos_);
        if (end == std::string_view::npos) {
            Fail(start_line, "unclosed comment '{#'");
        }
        trim_next_ = end > pos_ && src_[end - 1] == '-';
        Advance(end + 2 - pos_);
    }

    // Lexes expression tokens until the closing `close}` (close is '}' or '%').
    void LexTag(char close, int start_line) {
        while (true) {
            while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) {
                Advance(1);
            }
            if (pos_ >= src_.size()) {
                Fail(start_line, std::string("unclosed tag '") + (close == '}' ? "{{" : "{%") + "'");
            }
            char c = src_[pos_];
            bool dash_close = c == '-' && pos_ + 2 < src_.size() + 0 && src_[pos_ + 1] == close &&
                              src_[pos_ + 2] == '}';
            if (dash_close || (c == close && pos_ + 1 < src_.size() && src_[pos_ + 1] == '}')) {
                tokens_.push_back({close == '}' ? TokenKind::VAR_END : TokenKind::BLOCK_END, "", line_});
                Advance(dash_close ? 3 : 2);
                trim_next_ = dash_close;
                return;
            }
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t s = pos_;
                while (pos_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_')) {
                    ++pos_;
                }
                tokens_.push_back({TokenKind::NAME, std::string(src_.substr(s, pos_ - s)), line_});
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                LexNumber();
            } else if (c == '\'' || c == '"') {
                LexString(c);
            } else {
                LexOperator();
            }
        }
    }

    void LexNumber() {
        size_t s = pos_;
        bool is_float = false;
        while (pos_ < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_')) {
            ++pos_;
        }
        if (pos_ + 1 < src_.size() && src_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(src_[pos_ + 1]))) {
            is_float = true;
            ++pos_;
            while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) {
                ++pos_;
            }
        }
        if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
            size_t e = pos_ + 1;
            if (e < src_.size() && (src_[e] == '+' || src_[e] == '-')) {
                ++e;
            }
            if (e < src_.size() && std::isdigit(static_cast<unsigned char>(src_[e]))) {
                is_float = true;
                pos_ = e;
                while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) {
                    ++pos_;
                }
            }
        }
        std::string text;
        for (char ch : src_.substr(s, pos_ - s)) {
            if (ch != '_') {
                text += ch;
            }
        }
        tokens_.push_back({is_float ? TokenKind::FLOAT : TokenKind::INT, text, line_});
    }

    void LexString(char quote) {
        int start_line = line_;
        Advance(1);
        std::string value;
        while (true) {
            if (pos_ >= src_.size()) {
                Fail(start_line, "unterminated string literal");
            }
            char ch = src_[pos_];
            if (ch == quote) {
                Advance(1);
                break;
            }
            if (ch == '\\' && pos_ + 1 < src_.size()) {
                char n = src_[pos_ + 1];
                switch (n) {
                    case 'n': value += '\n'; break;
                    case 't': value += '\t'; break;
                    case 'r': value += '\r'; break;
                    case '\\': value += '\\'; break;
                    case '\'': value += '\''; break;
                    case '"': value += '"'; break;
                    default: value += '\\'; value += n; break;
                }
                Advance(2);
                continue;
            }
            value += ch;
            Advance(1);
        }
        tokens_.push_back({TokenKind::STRING, std::move(value), start_line});
    }

    void LexOperator() {
        static constexpr std::string_view kTwo[] = {"//", "**", "==", "!=", "<=", ">="};
        std::string_view rest = src_.substr(pos_);
        for (auto op : kTwo) {
            if (rest.substr(0, 2) == op) {
                tokens_.push_back({TokenKind::OP, std::string(op), line_});
                Advance(2);
                return;
            }
        }
        static constexpr std::string_view kOne = "+-*/%~=()[]{},:.|<>";
        if (kOne.find(rest[0]) == std::string_view::npos) {
            Fail(line_, std::string("unexpected character '") + rest[0] + "' in tag");
        }
        tokens_.push_back({TokenKind::OP, std::string(1, rest[0]), line_});
        Advance(1);
    }

    std::string_view src_;
    const std::string& file_;
    size_t pos_ = 0;
    int line_ = 1;
    bool trim_next_ = false;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view source, const std::string& file) {
    return Lexer(source, file).Run();
}

}  // namespace hf::transform::jinja
