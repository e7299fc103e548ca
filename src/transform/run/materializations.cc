#include "transform/run/materializations.h"

#include <algorithm>
#include <cstdio>

#include "common/error.h"
#include "common/strings.h"
#include "transform/run/clustering.h"

namespace hf::transform {

using jinja::Value;
using jinja::ValueList;

namespace {

std::string TempName(const Node& node) {
    return node.alias + "__dbt_tmp";
}

std::string KindWord(db::RelationKind kind) {
    return kind == db::RelationKind::VIEW ? "view" : "table";
}

void DropIfExists(NodeSql& sql, const std::string& schema, const std::string& name) {
    auto kind = sql.Timed([&] { return sql.Warehouse().GetRelationKind(schema, name); });
    if (kind) {
        sql.Run("drop_relation",
                {{"relation", Value(db::Warehouse::QualifiedName(schema, name))}, {"kind", Value(KindWord(*kind))}});
    }
}

// The unique_key config as a list of quoted columns (empty = append).
std::vector<std::string> UniqueKey(const Node& node) {
    Value key = node.Config("unique_key");
    std::vector<std::string> out;
    if (key.IsNone()) {
        return out;
    }
    if (key.IsList()) {
        for (const auto& k : key.AsList()) {
            out.push_back(Quote(k.Str()));
        }
    } else if (!Trim(key.Str()).empty()) {
        out.push_back(Quote(std::string(Trim(key.Str()))));
    }
    return out;
}

// Rows a statement wrote: the engine's count, or DuckDB's one-cell "Count" result.
int64_t RowsWritten(const db::ResultSet& rs) {
    if (rs.affected_rows >= 0) {
        return rs.affected_rows;
    }
    if (rs.ColumnCount() == 1 && rs.RowCount() == 1 && rs.Columns()[0].name == "Count" && !rs.IsNull(0, 0)) {
        return rs.Int(0, 0);
    }
    return -1;
}

std::string CountMessage(const std::string& verb, int64_t rows) {
    return rows >= 0 ? verb + " " + std::to_string(rows) : "OK";
}

BuildOutcome BuildView(NodeSql& sql, const Node& node) {
    auto kind = sql.Timed([&] { return sql.Warehouse().GetRelationKind(node.schema, node.alias); });
    if (sql.Engine() == "duckdb" || !kind) {
        sql.InTransaction([&] {
            if (kind == db::RelationKind::TABLE) {
                sql.Run("drop_relation", {{"relation", Value(node.relation_name)}, {"kind", Value("table")}});
            }
            sql.Run("create_or_replace_view_as",
                    {{"relation", Value(node.relation_name)}, {"sql", Value(node.compiled_code)}});
        });
        return {"CREATE VIEW", -1};
    }
    if (kind == db::RelationKind::VIEW) {
        try {
            sql.InTransaction([&] {
                sql.Run("create_or_replace_view_as",
                        {{"relation", Value(node.relation_name)}, {"sql", Value(node.compiled_code)}});
            });
            return {"CREATE VIEW", -1};
        } catch (const Error&) {
            // PostgreSQL refuses CREATE OR REPLACE VIEW when columns change: drop and create below.
        }
    }
    sql.InTransaction([&] {
        sql.Run("drop_relation", {{"relation", Value(node.relation_name)}, {"kind", Value(KindWord(*kind))}});
        sql.Run("create_view_as", {{"relation", Value(node.relation_name)}, {"sql", Value(node.compiled_code)}});
    });
    return {"CREATE VIEW", -1};
}

// The ORDER BY of a DuckDB build under cluster_by (PostgreSQL gets an index instead).
ValueList OrderBy(const NodeSql& sql, const std::optional<ClusterBy>& cluster) {
    if (!cluster || sql.Engine() != "duckdb") {
        return {};
    }
    return ValueList(cluster->columns.begin(), cluster->columns.end());
}

// Builds `select_sql` into "<alias>__dbt_tmp" (in cluster_by order) and swaps it into place;
// the rows written, when the engine says.
int64_t RebuildTable(NodeSql& sql, const Node& node, const std::string& select_sql,
                     const std::optional<ClusterBy>& cluster) {
    DropIfExists(sql, node.schema, TempName(node));
    auto rs = sql.Run("create_table_as", {{"relation", Value(TempRelation(node))},
                                          {"sql", Value(select_sql)},
                                          {"order_by", Value(OrderBy(sql, cluster))}});
    try {
        SwapIntoPlace(sql, node);
    } catch (...) {
        DropIfExists(sql, node.schema, TempName(node));
        throw;
    }
    if (cluster && sql.Engine() == "postgres") {
        EnsureClusterIndex(sql, node, *cluster);
    }
    return RowsWritten(rs);
}

BuildOutcome BuildTable(NodeSql& sql, const Node& node, const std::optional<ClusterBy>& cluster) {
    int64_t rows = RebuildTable(sql, node, node.compiled_code, cluster);
    return {CountMessage("SELECT", rows), rows};
}

// After an incremental build under cluster_by that wrote `inserted` rows: on DuckDB, rewrites
// the table in order when its clustering depth passed cluster_max_depth, or, with
// cluster_sort_appended, sorts the rows appended since the last rewrite (the whole table once
// they pass cluster_max_appended of it). Returns the note for the run's message, or "". On
// PostgreSQL, creates the index when missing.
std::string KeepClustered(NodeSql& sql, const Node& node, const ClusterBy& cluster, int64_t inserted) {
    if (sql.Engine() == "postgres") {
        EnsureClusterIndex(sql, node, cluster);
        return "";
    }
    char text[64];
    auto depth = ClusteringDepth(sql, node.relation_name, cluster);
    if (depth && *depth > cluster.max_depth) {
        RebuildTable(sql, node, "select * from " + node.relation_name, cluster);
        std::snprintf(text, sizeof text, "%.1f", *depth);
        return std::string(", reclustered (depth ") + text + ")";
    }
    if (!cluster.sort_appended || inserted == 0) {
        return "";
    }
    auto appended = FindAppendedRows(sql, node.relation_name, cluster);
    if (appended.rows == 0) {
        return "";
    }
    if (static_cast<double>(appended.rows) > cluster.max_appended * static_cast<double>(appended.total)) {
        RebuildTable(sql, node, "select * from " + node.relation_name, cluster);
        std::snprintf(text, sizeof text, "%.1f",
                      100.0 * static_cast<double>(appended.rows) / static_cast<double>(appended.total));
        return std::string(", reclustered (") + text + " % of the rows appended)";
    }
    SortAppendedRows(sql, node, appended, cluster);
    return ", " + std::to_string(appended.rows) + " appended rows sorted";
}

void HandleSchemaChange(NodeSql& sql, const Node& node, const std::vector<db::ColumnInfo>& target_columns,
                        const std::vector<db::ColumnInfo>& new_columns) {
    std::string policy = node.Config("on_schema_change", Value("ignore")).Str();
    std::vector<db::ColumnInfo> added;
    for (const auto& c : new_columns) {
        bool present = std::any_of(target_columns.begin(), target_columns.end(),
                                   [&](const db::ColumnInfo& t) { return ToLower(t.name) == ToLower(c.name); });
        if (!present) {
            added.push_back(c);
        }
    }
    if (policy == "ignore" || added.empty()) {
        return;
    }
    if (policy == "fail") {
        throw Error(ErrorKind::INVALID_INPUT,
                    "model '" + node.name + "': the query has column '" + added.front().name + "' that " +
                        node.relation_name + " lacks, and on_schema_change is 'fail'",
                    "run it with --full-refresh, or set on_schema_change to append_new_columns");
    }
    if (policy != "append_new_columns") {
        throw Error(ErrorKind::INVALID_INPUT,
                    "model '" + node.name + "': on_schema_change '" + policy + "' is not supported",
                    "use ignore, append_new_columns or fail");
    }
    for (const auto& c : added) {
        sql.Run("add_column", {{"relation", Value(node.relation_name)},
                               {"column", Value(Quote(c.name))},
                               {"data_type", Value(c.type_name)}});
    }
}

BuildOutcome MergeIncremental(NodeSql& sql, const Node& node, const std::optional<ClusterBy>& cluster) {
    DropIfExists(sql, node.schema, TempName(node));
    sql.Run("create_table_as", {{"relation", Value(TempRelation(node))}, {"sql", Value(node.compiled_code)}});
    int64_t inserted = -1;
    try {
        auto new_columns = sql.Timed([&] { return sql.Warehouse().ListColumns(node.schema, TempName(node)); });
        auto key = UniqueKey(node);
        sql.InTransaction([&] {
            auto target_columns = sql.Timed([&] { return sql.Warehouse().ListColumns(node.schema, node.alias); });
            HandleSchemaChange(sql, node, target_columns, new_columns);
            target_columns = sql.Timed([&] { return sql.Warehouse().ListColumns(node.schema, node.alias); });
            ValueList columns;
            for (const auto& t : target_columns) {
                bool in_new = std::any_of(new_columns.begin(), new_columns.end(),
                                          [&](const db::ColumnInfo& c) { return ToLower(c.name) == ToLower(t.name); });
                if (in_new) {
                    columns.emplace_back(Quote(t.name));
                }
            }
            if (cluster && cluster->keep_unchanged && key.size() == 1 && columns.size() == target_columns.size()) {
                // Rows the build found again unchanged stay where they are: rewritten, they
                // would land after the ordered part of the table.
                sql.Run("incremental_keep_unchanged", {{"target", Value(node.relation_name)},
                                                       {"source", Value(TempRelation(node))},
                                                       {"unique_key", Value(key.front())},
                                                       {"columns", Value(columns)}});
            }
            if (!key.empty()) {
                ValueList key_values(key.begin(), key.end());
                sql.Run("incremental_delete", {{"target", Value(node.relation_name)},
                                               {"source", Value(TempRelation(node))},
                                               {"unique_key", Value(std::move(key_values))}});
            }
            inserted = RowsWritten(sql.Run("incremental_insert", {{"target", Value(node.relation_name)},
                                                                  {"source", Value(TempRelation(node))},
                                                                  {"columns", Value(std::move(columns))},
                                                                  {"order_by", Value(OrderBy(sql, cluster))}}));
        });
    } catch (...) {
        DropIfExists(sql, node.schema, TempName(node));
        throw;
    }
    DropIfExists(sql, node.schema, TempName(node));
    std::string note = cluster ? KeepClustered(sql, node, *cluster, inserted) : "";
    return {CountMessage("INSERT", inserted) + note, inserted};
}

} // namespace

std::string TempRelation(const Node& node) {
    return db::Warehouse::QualifiedName(node.schema, TempName(node));
}

void SwapIntoPlace(NodeSql& sql, const Node& node) {
    sql.InTransaction([&] {
        auto kind = sql.Timed([&] { return sql.Warehouse().GetRelationKind(node.schema, node.alias); });
        if (kind) {
            sql.Run("drop_relation", {{"relation", Value(node.relation_name)}, {"kind", Value(KindWord(*kind))}});
        }
        sql.Run("rename_table", {{"relation", Value(TempRelation(node))}, {"new_name", Value(Quote(node.alias))}});
    });
}

BuildOutcome BuildModel(NodeSql& sql, const Node& node, bool incremental) {
    std::string materialized = node.Materialized();
    auto cluster = ClusterByOf(node);
    if (materialized == "view") {
        return BuildView(sql, node);
    }
    if (materialized == "table") {
        return BuildTable(sql, node, cluster);
    }
    if (materialized == "incremental") {
        return incremental ? MergeIncremental(sql, node, cluster) : BuildTable(sql, node, cluster);
    }
    throw Error(ErrorKind::INVALID_INPUT,
                node.original_file_path + ": model '" + node.name + "' has materialized='" + materialized +
                    "', which HealthFlow does not build",
                "use view, table, incremental or ephemeral");
}

} // namespace hf::transform
