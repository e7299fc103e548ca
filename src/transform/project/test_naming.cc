#include "transform/project/test_naming.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

#include "common/error.h"
#include "common/hash.h"

namespace hf::transform {

std::string Md5Hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr) != 1) {
        throw Error(ErrorKind::INTERNAL, "MD5 digest failed", "check the OpenSSL installation");
    }
    return ToHex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

namespace {

std::string Clean(const std::string& s) {
    std::string out;
    bool in_run = false;
    for (char c : s) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        if (ok) {
            out += c;
            in_run = false;
        } else if (!in_run) {
            out += '_';
            in_run = true;
        }
    }
    return out;
}

}  // namespace

std::string GenericTestName(const std::string& test, const std::string& target, const jinja::Value& kwargs) {
    std::vector<std::pair<std::string, jinja::Value>> args(kwargs.AsDict().Items().begin(), kwargs.AsDict().Items().end());
    std::sort(args.begin(), args.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> parts;
    for (const auto& [name, value] : args) {
        if (name == "model") {
            continue;
        }
        if (value.IsDict()) {
            for (const auto& kv : value.AsDict().Items()) {
                parts.push_back(Clean(kv.second.Str()));
            }
        } else if (value.IsList()) {
            for (const auto& item : value.AsList()) {
                parts.push_back(Clean(item.Str()));
            }
        } else {
            parts.push_back(Clean(value.Str()));
        }
    }
    std::string unique;
    for (size_t i = 0; i < parts.size(); ++i) {
        unique += (i ? "__" : "") + parts[i];
    }
    std::string identifier = test + "_" + target;
    std::string full = identifier + "_" + unique;
    if (full.size() >= 64) {
        return identifier.substr(0, 30) + "_" + Md5Hex(full);
    }
    return full;
}

std::string TestUniqueId(const std::string& project, const std::string& name, const std::string& test_namespace,
                         const std::string& test, const jinja::Value& kwargs) {
    jinja::ValueDict meta;
    meta.Set("kwargs", kwargs);
    meta.Set("name", jinja::Value(test));
    meta.Set("namespace", test_namespace.empty() ? jinja::Value() : jinja::Value(test_namespace));
    std::string hash = Md5Hex(name + jinja::ToJson(jinja::Value(std::move(meta))));
    return "test." + project + "." + name + "." + hash.substr(hash.size() - 10);
}

}  // namespace hf::transform
