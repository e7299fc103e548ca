#include "transform/snapshot/snapshot_config.h"

#include "common/error.h"
#include "common/strings.h"

namespace hf::transform {

namespace {

using jinja::Value;

[[noreturn]] void Fail(const SnapshotSpec& spec, const std::string& what, const std::string& hint) {
    throw Error(ErrorKind::INVALID_INPUT, "snapshot '" + spec.name + "': " + what, hint);
}

// A config value that must be a string or a list of strings; empty strings are refused.
std::vector<std::string> StringOrList(const SnapshotSpec& spec, const Value& value, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& item : value.IsList() ? value.AsList() : jinja::ValueList{value}) {
        if (!item.IsString() || Trim(item.AsString()).empty()) {
            Fail(spec, "`" + key + "` must be a column name or a list of column names, got " + item.Repr(),
                 "write e.g. " + key + "='id' or " + key + "=['id', 'date_effet']");
        }
        out.emplace_back(Trim(item.AsString()));
    }
    return out;
}

// A boolean given as a YAML/Jinja boolean or as the text true/false.
bool Flag(const Value& value) {
    if (value.IsString()) {
        return ToLower(Trim(value.AsString())) == "true";
    }
    return value.Truthy();
}

HardDeletes ParseHardDeletes(const SnapshotSpec& spec, const Node& node) {
    Value mode = node.Config("hard_deletes");
    Value legacy = node.Config("invalidate_hard_deletes");
    if (!mode.IsNone() && !legacy.IsNone()) {
        Fail(spec, "both `hard_deletes` and `invalidate_hard_deletes` are set",
             "keep only hard_deletes (ignore | invalidate | new_record)");
    }
    if (mode.IsNone()) {
        return Flag(legacy) ? HardDeletes::INVALIDATE : HardDeletes::IGNORE;
    }
    std::string text = mode.IsString() ? ToLower(Trim(mode.AsString())) : mode.Str();
    if (text == "ignore") {
        return HardDeletes::IGNORE;
    }
    if (text == "invalidate") {
        return HardDeletes::INVALIDATE;
    }
    if (text == "new_record") {
        return HardDeletes::NEW_RECORD;
    }
    Fail(spec, "unknown hard_deletes value " + mode.Repr(), "use ignore, invalidate or new_record");
}

void ParseColumnNames(SnapshotSpec& spec, const Node& node) {
    Value names = node.Config("snapshot_meta_column_names");
    if (names.IsNone()) {
        return;
    }
    if (!names.IsDict()) {
        Fail(spec, "`snapshot_meta_column_names` must be a mapping, got " + names.Repr(),
             "write e.g. snapshot_meta_column_names: {dbt_valid_from: date_debut, dbt_valid_to: date_fin}");
    }
    std::pair<const char*, std::string*> slots[] = {
        {"dbt_scd_id", &spec.columns.scd_id},         {"dbt_updated_at", &spec.columns.updated_at},
        {"dbt_valid_from", &spec.columns.valid_from}, {"dbt_valid_to", &spec.columns.valid_to},
        {"dbt_is_deleted", &spec.columns.is_deleted},
    };
    for (const auto& [key, value] : names.AsDict().Items()) {
        bool known = false;
        for (auto& [slot_key, slot] : slots) {
            if (key == slot_key) {
                known = true;
                if (!value.IsNone()) {
                    if (!value.IsString() || Trim(value.AsString()).empty()) {
                        Fail(spec, "snapshot_meta_column_names." + key + " must be a column name", "give a name");
                    }
                    *slot = std::string(Trim(value.AsString()));
                }
            }
        }
        if (!known) {
            Fail(spec, "unknown key '" + key + "' in snapshot_meta_column_names",
                 "use dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to or dbt_is_deleted");
        }
    }
}

}  // namespace

SnapshotSpec ParseSnapshotSpec(const Node& node) {
    SnapshotSpec spec;
    spec.name = node.name;

    std::string strategy = ToLower(Trim(node.Config("strategy", Value("")).Str()));
    if (strategy == "check") {
        spec.strategy = SnapshotStrategy::CHECK;
    } else if (strategy == "timestamp") {
        spec.strategy = SnapshotStrategy::TIMESTAMP;
    } else if (strategy.empty()) {
        Fail(spec, "no `strategy` configured",
             "set strategy='timestamp' (with updated_at) or 'check' (with check_cols)");
    } else {
        Fail(spec, "unknown strategy '" + strategy + "'", "use 'timestamp' or 'check'");
    }

    Value key = node.Config("unique_key");
    if (key.IsNone() || (key.IsList() && key.AsList().empty())) {
        Fail(spec, "no `unique_key` configured", "set unique_key to the column (or list of columns) naming a row");
    }
    spec.composite_key = key.IsList();
    spec.unique_key = StringOrList(spec, key, "unique_key");

    Value updated_at = node.Config("updated_at");
    if (!updated_at.IsNone()) {
        if (!updated_at.IsString() || Trim(updated_at.AsString()).empty()) {
            Fail(spec, "`updated_at` must be a column name, got " + updated_at.Repr(),
                 "write updated_at='date_modification'");
        }
        spec.updated_at = std::string(Trim(updated_at.AsString()));
    }

    Value check_cols = node.Config("check_cols");
    if (spec.strategy == SnapshotStrategy::TIMESTAMP) {
        if (spec.updated_at.empty()) {
            Fail(spec, "the timestamp strategy needs `updated_at`",
                 "set updated_at to the column holding the change time");
        }
        if (!check_cols.IsNone()) {
            Fail(spec, "the timestamp strategy takes no `check_cols`", "remove check_cols or use strategy='check'");
        }
    } else {
        if (check_cols.IsString() && ToLower(Trim(check_cols.AsString())) == "all") {
            spec.check_all = true;
        } else if (check_cols.IsList() && !check_cols.AsList().empty()) {
            spec.check_cols = StringOrList(spec, check_cols, "check_cols");
        } else {
            Fail(spec, "the check strategy needs `check_cols` ('all' or a list of columns), got " + check_cols.Repr(),
                 "set check_cols='all' or check_cols=['adresse', 'mutuelle']");
        }
    }

    spec.hard_deletes = ParseHardDeletes(spec, node);
    ParseColumnNames(spec, node);
    Value current = node.Config("dbt_valid_to_current");
    if (!current.IsNone()) {
        spec.valid_to_current = std::string(Trim(current.Str()));
    }
    return spec;
}

}  // namespace hf::transform
