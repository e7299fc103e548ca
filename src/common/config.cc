#include "common/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

#include "common/fs.h"
#include "common/strings.h"

namespace hf {

const std::vector<SettingSpec>& KnownSettings() {
    static const std::vector<SettingSpec> specs = {
        {"data_dir", "./.healthflow", "Folder for the private cluster, lake, warehouse, secrets and run history."},
        {"source.url", "",
         "Connection string of the operational PostgreSQL (postgresql://user@host:port/db). Empty: the private "
         "cluster that `healthflow db start` runs under the data folder."},
        {"source.password", "", "Password for source.url.", true},
        {"source.password_file", "", "File (mode 0600) holding the password for source.url."},
        {"source.system_user", "healthflow",
         "System user that owns and runs the private cluster when healthflow runs as root (created if missing)."},
        {"source.port", "0", "TCP port of the private cluster on 127.0.0.1; 0 picks a free port at first start."},
        {"generator.scale", "1",
         "Size of the synthetic hospital: 1 = 8 services and 218 beds; F multiplies beds, "
         "patients and medications."},
        {"generator.seed", "42", "Seed of the synthetic hospital; the same seed gives the same data."},
        {"generator.history_days", "365", "Days of history the generator writes before today."},
        {"lake.uri", "", "Where the data lake lives: a folder, or s3://bucket/prefix. Empty: <data_dir>/lake."},
        {"lake.s3.endpoint", "", "S3-compatible endpoint URL (MinIO, Ceph). Empty: AWS_ENDPOINT_URL or AWS."},
        {"lake.s3.region", "", "S3 region. Empty: AWS_REGION, else us-east-1."},
        {"lake.s3.path_style", "false", "Address buckets as endpoint/bucket (MinIO, Ceph) instead of bucket.endpoint."},
        {"lake.s3.max_retries", "4",
         "Retries of an S3 request that failed with 5xx, 429/SlowDown, a timeout or a connection error (never 4xx)."},
        {"lake.s3.retry_base_ms", "200",
         "First S3 retry delay in milliseconds; doubles at each retry (capped at 20 s), with jitter."},
        {"lake.s3.part_size_mb", "8",
         "Part size of S3 multipart uploads in MiB (minimum 5); smaller objects go up in a single PUT."},
        {"lake.s3.timeout_seconds", "60", "An S3 transfer that stalls (under 1 KiB/s) this long is abandoned."},
        {"lake.format", "csv", "File format of extracted files: csv or parquet."},
        {"extract.lock_timeout_seconds", "60",
         "How long an extraction waits for another one on the same source or lake to finish; 0 refuses at once."},
        {"extract.safety_margin_seconds", "2",
         "Margin subtracted from an incremental watermark so that transactions committing late are not skipped."},
        {"extract.connect_attempts", "4", "Connection attempts to the source before an extraction gives up."},
        {"warehouse.engine", "duckdb", "Warehouse engine: duckdb (embedded file) or postgres."},
        {"warehouse.path", "", "DuckDB warehouse file. Empty: <data_dir>/warehouse.duckdb."},
        {"warehouse.url", "", "Connection string of a PostgreSQL warehouse (when warehouse.engine is postgres)."},
        {"warehouse.password", "", "Password for warehouse.url.", true},
        {"warehouse.password_file", "", "File (mode 0600) holding the password for warehouse.url."},
        {"load.progress_seconds", "2", "Seconds between two progress lines of `healthflow load` for a large file."},
        {"pipeline.retries", "2", "Retries of a failed task before it fails for good."},
        {"pipeline.retry_delay_seconds", "300", "Delay before a retry."},
        {"pipeline.schedule", "@daily", "Cron expression of the scheduled daily run."},
        {"pipeline.timezone", "Europe/Paris", "Time zone of the schedule and of logical dates."},
        {"pipeline.retry_exponential", "false", "Double the retry delay at each retry of a task (capped at one hour)."},
        {"pipeline.task_timeout_seconds", "3600",
         "An attempt of a task that runs longer is asked to stop and counts as a (retryable) timeout; 0: none."},
        {"pipeline.parallelism", "4", "Tasks of a run that may run at the same time."},
        {"pipeline.lock_wait_seconds", "0",
         "How long `healthflow run` waits for a run in progress on the same data folder; 0 refuses at once."},
        {"pipeline.extract_tasks", "one_batch",
         "Shape of the extraction: one_batch (one task, every table in one consistent snapshot) or per_table (a task "
         "and a batch per table, each table cut at its own instant)."},
        {"pipeline.project_dir", "warehouse",
         "The dbt-style project the transform tasks run (dbt_project.yml), used as given when set; left unset: "
         "./warehouse, else the project installed with healthflow, else the source tree's."},
        {"pipeline.catch_up", "false",
         "The scheduler (`healthflow scheduler`, `serve --scheduler`) first runs the slots missed since the last "
         "scheduled run."},
        {"pipeline.handoff", "true",
         "`healthflow run` and `backfill` hand their runs to a live `healthflow serve` of the same data folder (which "
         "holds the warehouse); false refuses them instead, as --no-handoff."},
        {"pipeline.test_threads", "2", "Data tests that transform.test runs at the same time (1: one after another)."},
        {"alerts.webhooks", "",
         "Comma-separated webhook URLs that receive alerts, each optionally prefixed slack:, teams: or generic: "
         "(Slack and Teams hosts are recognised)."},
        {"alerts.max_attempts", "4",
         "Attempts to deliver an alert to a webhook (5xx, 429 and network errors retried)."},
        {"alerts.retry_base_ms", "1000",
         "First delay between alert delivery attempts in milliseconds; doubles each time."},
        {"serve.bind", "127.0.0.1", "Address the dashboards listen on; anything but loopback requires login."},
        {"serve.port", "8080", "Port of the dashboards and JSON API."},
        {"serve.cache_seconds", "5",
         "Seconds an API answer is reused for identical requests (0 disables); cleared when a hosted pipeline run "
         "swaps the marts."},
        {"serve.warehouse_threads", "1",
         "Threads a DuckDB warehouse gives each query of `healthflow serve` (the dashboards' queries are small and "
         "many run at once: 1 serves them best; 0: DuckDB's default, one per core). The setting covers the whole "
         "process: a pipeline run the server hosts gets DuckDB's default until it ends."},
        {"serve.prepared_statements", "64",
         "Prepared statements each warehouse connection of `healthflow serve` keeps and reuses (the dashboards "
         "run the same queries with other values; a kept one is not parsed and planned again). 0 keeps none."},
        {"serve.active_queries", "0",
         "Requests of `healthflow serve` querying the warehouse at once; the others wait their turn in arrival "
         "order, at most 30 s (then 503). 0: one more than the machine's cores."},
        {"serve.scheduler", "false",
         "`healthflow serve` hosts the scheduler (pipeline.schedule in pipeline.timezone), as --scheduler."},
    };
    return specs;
}

namespace {

const SettingSpec* FindSpec(const std::string& key) {
    for (const auto& spec : KnownSettings()) {
        if (spec.key == key) {
            return &spec;
        }
    }
    return nullptr;
}

std::string KnownKeysHint() {
    std::vector<std::string> keys;
    for (const auto& spec : KnownSettings()) {
        keys.push_back(spec.key);
    }
    return "known settings: " + Join(keys, ", ") + " (see docs/configuration.md)";
}

void Flatten(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& out) {
    if (node.IsMap()) {
        for (const auto& kv : node) {
            std::string key = kv.first.as<std::string>();
            Flatten(kv.second, prefix.empty() ? key : prefix + "." + key, out);
        }
        return;
    }
    if (node.IsSequence()) {
        std::vector<std::string> items;
        for (const auto& item : node) {
            items.push_back(item.as<std::string>());
        }
        out[prefix] = Join(items, ",");
        return;
    }
    if (node.IsNull()) {
        out[prefix] = "";
        return;
    }
    out[prefix] = node.as<std::string>();
}

}  // namespace

std::string Config::EnvName(const std::string& key) {
    return "HEALTHFLOW_" + ToUpper(ReplaceAll(key, ".", "_"));
}

Config Config::Defaults() {
    auto loaded = Load(std::nullopt);
    return loaded.Value();
}

Result<Config> Config::Load(const std::optional<std::filesystem::path>& file,
                            const std::map<std::string, std::string>& command_line) {
    Config config;
    for (const auto& spec : KnownSettings()) {
        config.entries_[spec.key] = {spec.default_value, SettingOrigin::DEFAULT};
    }

    std::optional<std::filesystem::path> path = file;
    if (!path && std::filesystem::exists("healthflow.yml")) {
        path = "healthflow.yml";
    }
    if (path) {
        auto text = ReadFile(*path);
        if (!text) {
            return Error(text.Err().Kind(), "cannot read configuration: " + text.Err().Message(),
                         "pass --config with an existing YAML file, or omit it to use the defaults");
        }
        std::map<std::string, std::string> flat;
        try {
            YAML::Node root = YAML::Load(text.Value());
            if (!root.IsNull()) {
                Flatten(root, "", flat);
            }
        } catch (const YAML::Exception& e) {
            return Error(ErrorKind::INVALID_INPUT,
                         "configuration file '" + path->string() + "' is not valid YAML: " + e.what(),
                         "fix the line named above");
        }
        for (const auto& [key, value] : flat) {
            const SettingSpec* spec = FindSpec(key);
            if (spec == nullptr) {
                return Error(ErrorKind::INVALID_INPUT,
                             "unknown setting '" + key + "' in " + path->string(), KnownKeysHint());
            }
            if (spec->secret) {
                return Error(ErrorKind::INVALID_INPUT,
                             "setting '" + key + "' is a secret and may not be written in " + path->string(),
                             "set " + EnvName(key) + " in the environment, or " + key +
                                 "_file to a file with mode 0600");
            }
            config.entries_[key] = {value, SettingOrigin::FILE};
        }
    }

    for (const auto& spec : KnownSettings()) {
        if (const char* env = std::getenv(EnvName(spec.key).c_str()); env != nullptr) {
            config.entries_[spec.key] = {env, SettingOrigin::ENVIRONMENT};
        }
    }
    for (const auto& [key, value] : command_line) {
        if (FindSpec(key) == nullptr) {
            return Error(ErrorKind::INTERNAL, "command line set unknown setting '" + key + "'");
        }
        config.entries_[key] = {value, SettingOrigin::COMMAND_LINE};
    }

    for (const char* numeric :
         {"generator.scale", "generator.seed", "generator.history_days", "source.port", "pipeline.retries",
          "pipeline.retry_delay_seconds", "serve.port", "extract.lock_timeout_seconds", "extract.safety_margin_seconds",
          "extract.connect_attempts", "pipeline.task_timeout_seconds", "pipeline.parallelism",
          "pipeline.lock_wait_seconds", "alerts.max_attempts", "alerts.retry_base_ms", "serve.warehouse_threads",
          "pipeline.test_threads", "serve.prepared_statements", "serve.active_queries"}) {
        double v = 0;
        if (!ParseDouble(config.Get(numeric), v)) {
            return Error(ErrorKind::INVALID_INPUT,
                         "setting '" + std::string(numeric) + "' must be a number, got '" + config.Get(numeric) + "'",
                         "fix it in the configuration file or in " + EnvName(numeric));
        }
    }
    return config;
}

const std::string& Config::Get(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        throw Error(ErrorKind::INTERNAL, "setting '" + key + "' is not declared in KnownSettings()");
    }
    return it->second.value;
}

long long Config::GetInt(const std::string& key) const {
    double v = GetDouble(key);
    return static_cast<long long>(v);
}

double Config::GetDouble(const std::string& key) const {
    double v = 0;
    if (!ParseDouble(Get(key), v)) {
        throw Error(ErrorKind::INVALID_INPUT, "setting '" + key + "' must be a number, got '" + Get(key) + "'",
                    "fix it in the configuration file or in " + EnvName(key));
    }
    return v;
}

bool Config::GetBool(const std::string& key) const {
    std::string v = ToLower(Get(key));
    if (v == "true" || v == "1" || v == "yes" || v == "on") {
        return true;
    }
    if (v == "false" || v == "0" || v == "no" || v == "off" || v.empty()) {
        return false;
    }
    throw Error(ErrorKind::INVALID_INPUT, "setting '" + key + "' must be true or false, got '" + Get(key) + "'");
}

SettingOrigin Config::Origin(const std::string& key) const {
    Get(key);
    return entries_.at(key).origin;
}

Config Config::With(const std::string& key, const std::string& value) const {
    Get(key);
    Config copy = *this;
    copy.entries_[key] = {value, SettingOrigin::COMMAND_LINE};
    return copy;
}

std::filesystem::path Config::DataDir() const {
    return std::filesystem::absolute(Get("data_dir")).lexically_normal();
}

Result<std::optional<std::string>> ReadSecret(const Config& config, const std::string& key) {
    if (const char* env = std::getenv(Config::EnvName(key).c_str()); env != nullptr && *env != '\0') {
        return std::optional<std::string>(env);
    }
    const std::string& file = config.Get(key + "_file");
    if (file.empty()) {
        return std::optional<std::string>();
    }
    auto secret = ReadSecretFile(file);
    if (!secret) {
        return secret.Err();
    }
    return std::optional<std::string>(std::move(secret).Value());
}

}  // namespace hf
