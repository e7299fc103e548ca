#include "transform/run/clustering.h"

#include "common/error.h"
#include "common/strings.h"

namespace hf::transform {

using jinja::Value;
using jinja::ValueList;

namespace {

Error BadConfig(const Node& node, const std::string& what, const std::string& hint) {
    return Error(ErrorKind::INVALID_INPUT, node.original_file_path + ": model '" + node.name + "': " + what, hint);
}

ValueList Values(const std::vector<std::string>& items) {
    return ValueList(items.begin(), items.end());
}

// A true/false config of the model, false when left out.
bool BoolConfig(const Node& node, const std::string& name) {
    Value value = node.Config(name);
    if (value.IsNone()) {
        return false;
    }
    if (value.Kind() != jinja::ValueKind::BOOL) {
        throw BadConfig(node, name + " must be true or false", "leave it out for the default, false");
    }
    return value.AsBool();
}

} // namespace

std::optional<ClusterBy> ClusterByOf(const Node& node) {
    Value config = node.Config("cluster_by");
    if (config.IsNone()) {
        return std::nullopt;
    }
    ClusterBy cluster;
    for (const auto& column : config.IsList() ? config.AsList() : ValueList{config}) {
        std::string name(Trim(column.IsString() ? column.Str() : ""));
        if (name.empty()) {
            throw BadConfig(node, "cluster_by must name columns", "write cluster_by='patient_id' or a list of columns");
        }
        cluster.columns.push_back(Quote(name));
    }
    if (cluster.columns.empty()) {
        return std::nullopt;
    }
    Value depth = node.Config("cluster_max_depth");
    if (!depth.IsNone()) {
        if (!depth.IsNumber() || depth.AsDouble() < 1) {
            throw BadConfig(node, "cluster_max_depth must be a number of at least 1",
                            "leave it out for the default, 4 (row groups read by a look-up)");
        }
        cluster.max_depth = depth.AsDouble();
    }
    cluster.keep_unchanged = BoolConfig(node, "cluster_keep_unchanged");
    if (cluster.keep_unchanged) {
        Value key = node.Config("unique_key");
        bool one_column = key.IsString() || (key.IsList() && key.AsList().size() == 1);
        if (!one_column) {
            throw BadConfig(node, "cluster_keep_unchanged needs a one-column unique_key",
                            "name one column in unique_key, or drop cluster_keep_unchanged");
        }
    }
    cluster.sort_appended = BoolConfig(node, "cluster_sort_appended");
    Value max_appended = node.Config("cluster_max_appended");
    if (!max_appended.IsNone()) {
        if (!max_appended.IsNumber() || max_appended.AsDouble() <= 0 || max_appended.AsDouble() > 1) {
            throw BadConfig(node, "cluster_max_appended must be a share of the table's rows, above 0 and at most 1",
                            "leave it out for the default, 0.05");
        }
        cluster.max_appended = max_appended.AsDouble();
    }
    std::string materialized = node.Materialized();
    if (materialized != "table" && materialized != "incremental") {
        throw BadConfig(node, "cluster_by applies to tables, not to a " + materialized,
                        "materialize the model as a table or an incremental model, or drop cluster_by");
    }
    return cluster;
}

std::optional<double> ClusteringDepth(NodeSql& sql, const std::string& relation, const ClusterBy& cluster) {
    auto rs = sql.Run("clustering_depth", {{"relation", Value(relation)}, {"column", Value(cluster.columns.front())}});
    if (rs.RowCount() != 1 || rs.IsNull(0, 0)) {
        return std::nullopt;
    }
    return rs.Double(0, 0);
}

AppendedRows FindAppendedRows(NodeSql& sql, const std::string& relation, const ClusterBy& cluster) {
    auto rs = sql.Run("appended_rows", {{"relation", Value(relation)}, {"column", Value(cluster.columns.front())}});
    AppendedRows found;
    if (rs.RowCount() == 1 && !rs.IsNull(0, 0)) {
        found.first_row = rs.Int(0, 0);
        found.rows = rs.Int(0, 1);
    }
    found.total = rs.RowCount() == 1 && !rs.IsNull(0, 2) ? rs.Int(0, 2) : 0;
    return found;
}

void SortAppendedRows(NodeSql& sql, const Node& node, const AppendedRows& appended, const ClusterBy& cluster) {
    Value temp(Quote(node.alias + "__appended"));
    Value first_row(appended.first_row);
    Value order_by(Values(cluster.columns));
    sql.InTransaction([&] {
        sql.Run("appended_rows_copy", {{"temp", temp},
                                       {"relation", Value(node.relation_name)},
                                       {"first_row", first_row},
                                       {"order_by", order_by}});
        sql.Run("appended_rows_delete", {{"relation", Value(node.relation_name)}, {"first_row", first_row}});
        sql.Run("appended_rows_insert", {{"relation", Value(node.relation_name)}, {"temp", temp}});
        sql.Run("appended_rows_drop", {{"temp", temp}});
    });
}

void EnsureClusterIndex(NodeSql& sql, const Node& node, const ClusterBy& cluster) {
    sql.Run("create_cluster_index", {{"index", Value(Quote(node.alias + "__cluster_by"))},
                                     {"relation", Value(node.relation_name)},
                                     {"columns", Value(Values(cluster.columns))}});
}

} // namespace hf::transform
