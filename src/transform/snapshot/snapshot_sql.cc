#include "transform/snapshot/snapshot_sql.h"

#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(transform_snapshot_sql)

namespace hf::transform {

namespace {

using db::Warehouse;

std::string Template(std::string_view name) {
    return std::string(resources::bundles::transform_snapshot_sql().Get(std::string(name) + ".sql"));
}

std::string Quoted(std::string_view name) {
    return Warehouse::QuoteIdentifier(name);
}

std::string QuotedList(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& n : names) {
        out.push_back(Quoted(n));
    }
    return Join(out, ", ");
}

// The compiled select without trailing blanks and semicolons, so that it can be wrapped.
std::string StripStatementEnd(std::string_view sql) {
    size_t end = sql.size();
    while (end > 0 && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';')) {
        --end;
    }
    return std::string(sql.substr(0, end));
}

}  // namespace

std::string FillTemplate(std::string_view sql_template,
                         const std::vector<std::pair<std::string, std::string>>& values) {
    std::string out;
    out.reserve(sql_template.size() * 2);
    size_t pos = 0;
    while (pos < sql_template.size()) {
        size_t open = sql_template.find('{', pos);
        if (open == std::string_view::npos) {
            break;
        }
        size_t close = sql_template.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        std::string_view name = sql_template.substr(open + 1, close - open - 1);
        const std::string* value = nullptr;
        for (const auto& [k, v] : values) {
            if (k == name) {
                value = &v;
            }
        }
        out.append(sql_template.substr(pos, open - pos));
        if (value) {
            out.append(*value);
        } else {
            out.append(sql_template.substr(open, close - open + 1));
        }
        pos = close + 1;
    }
    out.append(sql_template.substr(pos));
    return out;
}

SnapshotSql::SnapshotSql(const SnapshotSpec& spec, const db::Dialect& dialect, std::string target,
                         std::string snapshot_time)
    : spec_(spec), dialect_(dialect), target_(std::move(target)), time_(std::move(snapshot_time)),
      source_(Quoted(kSourceTable)) {}

std::string SnapshotSql::CreateSource(std::string_view select) const {
    // The select is substituted last so that braces inside it are never taken for placeholders.
    std::string head = FillTemplate(Template("source"), {{"source", Quoted(kSourceTable)}});
    std::string sql = ReplaceAll(std::move(head), "{sql}", StripStatementEnd(select));
    return ReadsSelectInPlace() ? sql + "\nLIMIT 0" : sql;
}

std::string SnapshotSql::CountSource() const {
    return "SELECT count(*) FROM " + source_ + " AS snapshot_query";
}

bool SnapshotSql::ReadsSelectInPlace() const {
    return dialect_.engine == "duckdb";
}

void SnapshotSql::ReadSourceFrom(std::string_view select) {
    source_ = ReadsSelectInPlace() ? "(\n" + StripStatementEnd(select) + "\n)" : Quoted(kSourceTable);
}

std::string SnapshotSql::TemporaryColumns() const {
    return Template(dialect_.engine == "postgres" ? "source_columns_postgres" : "source_columns_duckdb");
}

std::string SnapshotSql::AfterSourceFilled() const {
    if (dialect_.engine != "postgres") {
        return "";
    }
    return FillTemplate(Template("analyze_postgres"), {{"source", Quoted(kSourceTable)}});
}

std::string SnapshotSql::KeyProblems() const {
    std::vector<std::string> keys, positions, nulls;
    for (size_t i = 0; i < spec_.unique_key.size(); ++i) {
        const std::string alias = "hf_key_" + std::to_string(i + 1);
        keys.push_back("cast(" + spec_.unique_key[i] + " AS " + dialect_.TypeName(db::LogicalType::VARCHAR) + ") AS " +
                       alias);
        positions.push_back(std::to_string(i + 1));
        nulls.push_back("count(*) FILTER (WHERE " + spec_.unique_key[i] + " IS NULL) > 0");
    }
    return FillTemplate(Template("key_problems"), {{"keys", Join(keys, ", ")},
                                                   {"key_positions", Join(positions, ", ")},
                                                   {"key_exprs", Join(spec_.unique_key, ", ")},
                                                   {"any_key_null", Join(nulls, " OR ")},
                                                   {"source", source_}});
}

std::string SnapshotSql::LockTarget() const {
    if (dialect_.engine != "postgres") {
        return "";
    }
    return FillTemplate(Template("lock_postgres"), {{"target", target_}});
}

std::string SnapshotSql::HashOf(const std::vector<std::string>& parts) {
    std::vector<std::string> casts;
    for (const auto& p : parts) {
        casts.push_back("coalesce(cast(" + p + " as varchar), '')");
    }
    return "md5(" + Join(casts, " || '|' || ") + ")";
}

std::string SnapshotSql::CreateTable(const std::vector<std::string>& source_columns) const {
    const std::string updated_at = spec_.updated_at.empty() ? time_ : spec_.updated_at;
    std::vector<std::string> scd_parts = spec_.unique_key;
    scd_parts.push_back(updated_at);
    std::string is_deleted;
    if (spec_.hard_deletes == HardDeletes::NEW_RECORD) {
        is_deleted = ",\n       CAST('False' AS " + dialect_.TypeName(db::LogicalType::VARCHAR) + ") AS " +
                     Meta(spec_.columns.is_deleted);
    }
    return FillTemplate(Template("create_table"),
                        {{"target", target_},
                         {"source_columns", QuotedList(source_columns)},
                         {"scd_id", HashOf(scd_parts)},
                         {"updated_at", updated_at},
                         {"valid_to_current", spec_.valid_to_current.empty() ? "NULL" : spec_.valid_to_current},
                         {"scd_id_col", Meta(spec_.columns.scd_id)},
                         {"updated_at_col", Meta(spec_.columns.updated_at)},
                         {"valid_from_col", Meta(spec_.columns.valid_from)},
                         {"valid_to_col", Meta(spec_.columns.valid_to)},
                         {"is_deleted_column", is_deleted},
                         {"source", source_}});
}

std::string SnapshotSql::AddColumn(std::string_view column, std::string_view type) const {
    return FillTemplate(Template("add_column"),
                        {{"target", target_}, {"column", Quoted(column)}, {"type", std::string(type)}});
}

std::string SnapshotSql::IsCurrent(std::string_view alias) const {
    std::string column = std::string(alias) + "." + Meta(spec_.columns.valid_to);
    if (spec_.valid_to_current.empty()) {
        return column + " IS NULL";
    }
    return "(" + column + " IS NULL OR " + column + " = " + spec_.valid_to_current + ")";
}

std::string SnapshotSql::KeyColumns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < spec_.unique_key.size(); ++i) {
        out.push_back(spec_.unique_key[i] + " AS hf_key_" + std::to_string(i + 1));
    }
    return Join(out, ",\n           ");
}

std::string SnapshotSql::KeyJoin() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < spec_.unique_key.size(); ++i) {
        const std::string key = "hf_key_" + std::to_string(i + 1);
        out.push_back("s." + key + " = c." + key);
    }
    return Join(out, " AND ");
}

std::string SnapshotSql::StagingColumns(const std::vector<std::string>& source_columns) const {
    std::vector<std::string> out = source_columns;
    for (const auto* meta :
         {&spec_.columns.scd_id, &spec_.columns.updated_at, &spec_.columns.valid_from, &spec_.columns.valid_to}) {
        out.push_back(*meta);
    }
    if (spec_.hard_deletes == HardDeletes::NEW_RECORD) {
        out.push_back(spec_.columns.is_deleted);
    }
    return QuotedList(out);
}

std::string SnapshotSql::ValuesOf(const std::vector<std::string>& source_columns, std::string_view row_alias,
                                  const std::vector<std::string>& meta_values) const {
    std::vector<std::string> out;
    for (const auto& column : source_columns) {
        out.push_back(std::string(row_alias) + "." + Quoted(column));
    }
    const std::string* names[] = {&spec_.columns.scd_id, &spec_.columns.updated_at, &spec_.columns.valid_from,
                                  &spec_.columns.valid_to, &spec_.columns.is_deleted};
    for (size_t i = 0; i < meta_values.size(); ++i) {
        out.push_back(meta_values[i] + " AS " + Meta(*names[i]));
    }
    return Join(out, ",\n       ");
}

std::string SnapshotSql::KeyMatch(std::string_view alias) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < spec_.unique_key.size(); ++i) {
        const std::string key = "hf_key_" + std::to_string(i + 1);
        out.push_back("k." + key + " = " + std::string(alias) + "." + key);
    }
    return Join(out, " AND ");
}

std::string SnapshotSql::Changed(const std::vector<std::string>& check_columns, bool all_changed) const {
    std::string changed;
    if (spec_.strategy == SnapshotStrategy::TIMESTAMP) {
        changed = "c." + Meta(spec_.columns.valid_from) + " < s.hf_updated_at";
    } else if (all_changed) {
        changed = "TRUE";
    } else {
        std::vector<std::string> diffs;
        for (const auto& column : check_columns) {
            diffs.push_back("c." + Quoted(column) + " IS DISTINCT FROM s." + Quoted(column));
        }
        changed = diffs.empty() ? "FALSE" : Join(diffs, " OR ");
    }
    if (spec_.hard_deletes == HardDeletes::NEW_RECORD) {
        changed += " OR c." + Meta(spec_.columns.is_deleted) + " = 'True'";
    }
    return "(" + changed + ")";
}

std::string SnapshotSql::CreateChangedKeys(const std::vector<std::string>& check_columns, bool all_changed) const {
    std::vector<std::string> keys;
    for (size_t i = 0; i < spec_.unique_key.size(); ++i) {
        const std::string key = "hf_key_" + std::to_string(i + 1);
        keys.push_back("coalesce(s." + key + ", c." + key + ") AS " + key);
    }
    return FillTemplate(Template("changed_keys"),
                        {{"keys", Quoted(kKeysTable)},
                         {"source_keys", KeyColumns()},
                         {"current_keys", KeyColumns()},
                         {"updated_at", spec_.updated_at.empty() ? time_ : spec_.updated_at},
                         {"source", source_},
                         {"target", target_},
                         {"is_current", IsCurrent("snapshotted")},
                         {"changed_keys", Join(keys, ", ")},
                         {"key_join", KeyJoin()},
                         {"source_missing", "s.hf_key_1 IS NULL"},
                         {"current_missing", "c.hf_key_1 IS NULL"},
                         {"changed", Changed(check_columns, all_changed)}});
}

std::string SnapshotSql::CreateStaging(const std::vector<std::string>& source_columns,
                                       const std::vector<std::string>& check_columns, bool all_changed) const {
    const bool new_record = spec_.hard_deletes == HardDeletes::NEW_RECORD;
    const std::string text_type = dialect_.TypeName(db::LogicalType::VARCHAR);
    const std::string updated_at = spec_.updated_at.empty() ? time_ : spec_.updated_at;
    std::vector<std::string> scd_parts = spec_.unique_key;
    scd_parts.push_back(updated_at);

    const std::string changed = Changed(check_columns, all_changed);

    const std::string current_marker = spec_.valid_to_current.empty() ? "NULL" : spec_.valid_to_current;
    const std::string c_scd = "c." + Meta(spec_.columns.scd_id);
    const std::string c_deleted = "c." + Meta(spec_.columns.is_deleted);
    std::vector<std::string> insert_meta = {"s.hf_scd_id", "s.hf_updated_at", "s.hf_updated_at",
                                            "coalesce(nullif(s.hf_updated_at, s.hf_updated_at), " + current_marker +
                                                ")"};
    std::vector<std::string> update_meta = {c_scd, "s.hf_updated_at", "s.hf_updated_at", "s.hf_updated_at"};
    std::vector<std::string> delete_meta = {c_scd, time_, time_, time_};
    std::vector<std::string> record_meta = {HashOf({c_scd, time_}), time_, time_, "c." + Meta(spec_.columns.valid_to),
                                            "CAST('True' AS " + text_type + ")"};
    if (new_record) {
        insert_meta.push_back("CAST('False' AS " + text_type + ")");
        update_meta.push_back(c_deleted);
        delete_meta.push_back(c_deleted);
    }

    std::string hard_deletes;
    if (spec_.hard_deletes != HardDeletes::IGNORE) {
        // A key whose current version is already a deletion record is not deleted again.
        std::string not_deleted = new_record ? "\n  AND " + c_deleted + " IS DISTINCT FROM 'True'" : "";
        hard_deletes =
            FillTemplate(Template("invalidate"), {{"delete_values", ValuesOf(source_columns, "c", delete_meta)},
                                                  {"key_join", KeyJoin()},
                                                  {"not_deleted", not_deleted}});
        if (new_record) {
            hard_deletes += FillTemplate(Template("deletion_records"),
                                         {{"deletion_values", ValuesOf(source_columns, "c", record_meta)},
                                          {"key_join", KeyJoin()},
                                          {"not_deleted", not_deleted}});
        }
    }

    return FillTemplate(Template("staging"), {{"staging", Quoted(kStagingTable)},
                                              {"source_keys", KeyColumns()},
                                              {"current_keys", KeyColumns()},
                                              {"updated_at", updated_at},
                                              {"scd_id", HashOf(scd_parts)},
                                              {"source", source_},
                                              {"keys", Quoted(kKeysTable)},
                                              {"source_key_match", KeyMatch("snapshot_query")},
                                              {"current_key_match", KeyMatch("snapshotted")},
                                              {"target", target_},
                                              {"is_current", IsCurrent("snapshotted")},
                                              {"insert_values", ValuesOf(source_columns, "s", insert_meta)},
                                              {"update_values", ValuesOf(source_columns, "s", update_meta)},
                                              {"key_join", KeyJoin()},
                                              {"changed", changed},
                                              {"hard_deletes", hard_deletes}});
}

std::string SnapshotSql::CloseVersions() const {
    return FillTemplate(Template("close_versions"), {{"target", target_},
                                                     {"valid_to_col", Meta(spec_.columns.valid_to)},
                                                     {"staging", Quoted(kStagingTable)},
                                                     {"scd_id_col", Meta(spec_.columns.scd_id)},
                                                     {"is_current", IsCurrent("snapshotted")}});
}

std::string SnapshotSql::InsertVersions(const std::vector<std::string>& source_columns) const {
    return FillTemplate(
        Template("insert_versions"),
        {{"target", target_}, {"columns", StagingColumns(source_columns)}, {"staging", Quoted(kStagingTable)}});
}

std::string SnapshotSql::DropTemporary() const {
    return FillTemplate(Template("drop_temporary"), {{"source", Quoted(kSourceTable)},
                                                     {"keys", Quoted(kKeysTable)},
                                                     {"staging", Quoted(kStagingTable)}});
}

}  // namespace hf::transform
