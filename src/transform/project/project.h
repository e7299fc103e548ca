#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "transform/jinja/ast.h"
#include "transform/jinja/value.h"

namespace hf::transform {

// What a node of the project is (dbt's resource types; sources are not built, only read).
enum class ResourceType { MODEL, SEED, SNAPSHOT, TEST, SOURCE };

// "model", "seed", "snapshot", "test", "source".
std::string_view ResourceTypeName(ResourceType type);

// A column documented (and possibly tested) in a YAML file.
struct ColumnDef {
    std::string name;
    std::string description;
    std::string data_type;
};

// The generic test a test node instantiates (manifest's test_metadata).
struct TestMetadata {
    std::string name;            // not_null, accepted_values, expression_is_true ...
    std::string test_namespace;  // "" or "dbt_utils"
    jinja::Value kwargs;         // dict: column_name, model, and the test's own arguments
};

// One buildable or testable thing: model, seed, snapshot or test. Filled by the loader, then by
// the parse pass (config, refs, sources, relation) and the compile pass (compiled_code).
struct Node {
    std::string unique_id;  // model.<project>.<name>, test.<project>.<name>.<hash>
    ResourceType type = ResourceType::MODEL;
    std::string name;
    std::string package_name;
    std::string original_file_path;  // relative to the project root: models/staging/stg_patients.sql
    std::string path;                // relative to its resource folder: staging/stg_patients.sql
    std::vector<std::string> fqn;    // project, folders..., name
    std::string raw_code;
    std::shared_ptr<const jinja::Template> tmpl;         // models, singular tests
    std::shared_ptr<const jinja::MacroDef> block;        // legacy snapshot block
    jinja::Value config{jinja::ValueDict{}};             // effective config (dict)
    jinja::Value yaml_config{jinja::ValueDict{}};        // config given in a YAML file
    std::string description;
    std::vector<ColumnDef> columns;
    std::vector<std::pair<std::string, std::string>> refs;     // (package or "", name)
    std::vector<std::pair<std::string, std::string>> sources;  // (source, table)
    std::vector<std::string> depends_on;                       // unique ids of nodes and sources
    std::string database;
    std::string schema;
    std::string alias;
    std::string relation_name;  // "schema"."alias" ("" for tests)
    std::string compiled_code;  // for tests: the query returning failing rows
    std::string test_query;     // tests only: compiled_code wrapped as failures/should_warn/should_error
    std::optional<TestMetadata> test_metadata;  // generic tests
    std::string attached_node;                  // generic tests: the model/source tested
    std::string column_name;                    // generic tests on a column
    std::filesystem::path seed_file;            // seeds: the CSV file

    // Value of a config key, or `fallback`.
    jinja::Value Config(std::string_view key, jinja::Value fallback = {}) const;
    std::string Materialized() const { return Config("materialized", jinja::Value("")).Str(); }
    bool Enabled() const { return Config("enabled", jinja::Value(true)).Truthy(); }
    std::vector<std::string> Tags() const;
};

// A table of a declared source (sources.yml).
struct SourceTable {
    std::string unique_id;  // source.<project>.<source>.<table>
    std::string source_name;
    std::string name;
    std::string identifier;
    std::string schema;
    std::string database;
    std::string description;
    std::string loaded_at_field;
    jinja::Value freshness;  // {warn_after: {count, period}, error_after: ..., filter} or none
    std::vector<ColumnDef> columns;
    std::vector<std::string> fqn;
    std::string original_file_path;
    std::string relation_name;
    std::vector<std::string> tags;
};

// A loaded dbt project: dbt_project.yml, every node, source, macro and docs block.
// Built once by LoadProject then completed by ParseProject; read-only afterwards, so it can be
// read from several threads.
struct Project {
    std::filesystem::path root;
    std::string name;
    std::string profile;
    std::vector<std::string> model_paths{"models"};
    std::vector<std::string> seed_paths{"seeds"};
    std::vector<std::string> snapshot_paths{"snapshots"};
    std::vector<std::string> macro_paths{"macros"};
    std::vector<std::string> test_paths{"tests"};
    std::string target_path = "target";
    jinja::Value vars{jinja::ValueDict{}};  // project vars (global and under the project's name)
    // Resource config trees from dbt_project.yml (models:, seeds:, snapshots:, data_tests:).
    std::map<ResourceType, jinja::Value> folder_configs;
    std::map<std::string, Node> nodes;          // by unique id
    std::map<std::string, SourceTable> sources;  // by unique id
    std::map<std::string, std::shared_ptr<const jinja::MacroDef>> macros;  // project macros by name
    std::map<std::string, std::shared_ptr<const jinja::MacroDef>> docs;    // docs blocks by name

    // The model, seed or snapshot called `name` (enabled ones), or nullptr.
    const Node* FindByName(std::string_view name) const;
    // The source table (source, table), or nullptr.
    const SourceTable* FindSource(std::string_view source, std::string_view table) const;
};

}  // namespace hf::transform
