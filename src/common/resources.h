#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hf::resources {

// Files compiled into the binary (SQL, web assets), keyed by their path relative to the
// folder they were embedded from. Immutable after construction; thread-safe to read.
class Bundle {
public:
    Bundle(std::initializer_list<std::pair<std::string_view, std::string_view>> files);

    // Content of `path`; throws hf::Error(INTERNAL) if the bundle has no such file.
    std::string_view Get(std::string_view path) const;
    // True when the bundle holds `path`.
    bool Contains(std::string_view path) const;
    // Every path, sorted, optionally only those starting with `prefix`.
    std::vector<std::string> List(std::string_view prefix = {}) const;

private:
    std::map<std::string, std::string_view, std::less<>> files_;
};

}  // namespace hf::resources

// Declares the accessor that cmake's hf_embed_resources(NAME <name> ...) generates.
#define HF_DECLARE_RESOURCE_BUNDLE(name)                    \
    namespace hf::resources::bundles {                      \
    const ::hf::resources::Bundle& name();                  \
    }
