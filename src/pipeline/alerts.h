#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/config.h"
#include "pipeline/clock.h"

namespace hf::lake {
class HttpClient;
}

namespace hf::pipeline {

// The message shape a webhook expects.
enum class WebhookFormat { SLACK, TEAMS, GENERIC };
std::string_view WebhookFormatName(WebhookFormat format);

// One configured receiver.
struct Webhook {
    std::string url;
    WebhookFormat format = WebhookFormat::GENERIC;
};

// Parses alerts.webhooks: comma-separated URLs, each optionally prefixed with its format
// ("slack:https://...", "teams:https://...", "generic:http://..."); without a prefix, Slack and
// Microsoft Teams hosts are recognised and anything else gets the generic JSON. Throws
// INVALID_INPUT for an entry that is not an http(s) URL.
std::vector<Webhook> ParseWebhooks(const std::string& setting);

// One alert. `key` identifies what it is about (a failed task of a run, a day's occupancy):
// an alert whose key was already delivered to a webhook is not sent to it again.
struct Alert {
    std::string key;
    std::string severity;  // "critique" (task failed) or "alerte" (business threshold)
    std::string title;     // one line, French
    std::string text;      // a few lines, French
    std::vector<std::pair<std::string, std::string>> facts;  // label, value
};

// The JSON body for `format`: Slack ({"text", "blocks"}), Microsoft Teams (a MessageCard) or
// generic ({"key", "severity", "title", "text", "facts"}).
std::string RenderPayload(const Alert& alert, WebhookFormat format);

// Delivers alerts to the configured webhooks: POST with retries and exponential backoff
// (alerts.max_attempts, alerts.retry_base_ms; a 2xx answer succeeds, 4xx other than 429 is
// final), and one line per delivery in <data_dir>/alerts/deliveries.jsonl (time, alert key,
// url, format, HTTP status, attempts, payload SHA-256, ok, error). Thread-safe.
class AlertSender {
public:
    explicit AlertSender(const Config& config, Clock* clock = nullptr);
    ~AlertSender();

    // Sends `alert` to every webhook that has not received its key yet. Never throws for a
    // delivery failure (it is logged and recorded); returns the number of webhooks that got it.
    int Send(const Alert& alert);

    // True when no webhook is configured.
    bool Empty() const { return webhooks_.empty(); }

    std::filesystem::path DeliveriesPath() const { return dir_ / "deliveries.jsonl"; }

private:
    bool AlreadyDelivered(const std::string& key, const std::string& url) const;
    void Record(const std::string& line);

    std::vector<Webhook> webhooks_;
    std::filesystem::path dir_;
    int max_attempts_;
    long retry_base_ms_;
    Clock& clock_;
    std::unique_ptr<lake::HttpClient> http_;
    std::mutex mutex_;  // serialises sends and the deliveries file
};

}  // namespace hf::pipeline
