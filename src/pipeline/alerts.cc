#include "pipeline/alerts.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <fstream>

#include "common/error.h"
#include "common/fs.h"
#include "common/hash.h"
#include "common/strings.h"
#include "lake/http_client.h"

namespace hf::pipeline {

using nlohmann::json;

std::string_view WebhookFormatName(WebhookFormat format) {
    switch (format) {
        case WebhookFormat::SLACK: return "slack";
        case WebhookFormat::TEAMS: return "teams";
        case WebhookFormat::GENERIC: return "generic";
    }
    return "?";
}

std::vector<Webhook> ParseWebhooks(const std::string& setting) {
    std::vector<Webhook> hooks;
    for (const auto& raw : Split(setting, ',')) {
        std::string entry(Trim(raw));
        if (entry.empty()) {
            continue;
        }
        Webhook hook;
        bool explicit_format = false;
        for (auto f : {WebhookFormat::SLACK, WebhookFormat::TEAMS, WebhookFormat::GENERIC}) {
            std::string prefix = std::string(WebhookFormatName(f)) + ":";
            if (entry.rfind(prefix, 0) == 0) {
                hook.format = f;
                entry = entry.substr(prefix.size());
                explicit_format = true;
            }
        }
        if (entry.rfind("http://", 0) != 0 && entry.rfind("https://", 0) != 0) {
            throw Error(ErrorKind::INVALID_INPUT, "alerts.webhooks entry '" + entry + "' is not an http(s) URL",
                        "write URLs separated by commas, optionally prefixed slack:, teams: or generic:");
        }
        if (!explicit_format) {
            if (entry.find("hooks.slack.com") != std::string::npos) {
                hook.format = WebhookFormat::SLACK;
            } else if (entry.find("webhook.office.com") != std::string::npos ||
                       entry.find("outlook.office.com") != std::string::npos ||
                       entry.find("logic.azure.com") != std::string::npos) {
                hook.format = WebhookFormat::TEAMS;
            }
        }
        hook.url = entry;
        hooks.push_back(std::move(hook));
    }
    return hooks;
}

std::string RenderPayload(const Alert& alert, WebhookFormat format) {
    switch (format) {
        case WebhookFormat::SLACK: {
            std::string facts_text;
            json fields = json::array();
            for (const auto& [label, value] : alert.facts) {
                facts_text += "\n" + label + " : " + value;
                fields.push_back({{"type", "mrkdwn"}, {"text", "*" + label + "*\n" + value}});
            }
            json blocks = json::array();
            blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", alert.title}}}});
            blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", alert.text}}}});
            if (!fields.empty()) {
                // Slack accepts at most 10 fields per section.
                for (size_t i = 0; i < fields.size(); i += 10) {
                    json part(fields.begin() + static_cast<long>(i),
                              fields.begin() + static_cast<long>(std::min(fields.size(), i + 10)));
                    blocks.push_back({{"type", "section"}, {"fields", part}});
                }
            }
            json doc = {{"text", alert.title + "\n" + alert.text + facts_text}, {"blocks", blocks}};
            return doc.dump();
        }
        case WebhookFormat::TEAMS: {
            json facts = json::array();
            for (const auto& [label, value] : alert.facts) {
                facts.push_back({{"name", label}, {"value", value}});
            }
            json doc = {{"@type", "MessageCard"},
                        {"@context", "https://schema.org/extensions"},
                        {"summary", alert.title},
                        {"themeColor", alert.severity == "critique" ? "D70000" : "FF8C00"},
                        {"title", alert.title},
                        {"sections", json::array({{{"text", alert.text}, {"facts", facts}}})}};
            return doc.dump();
        }
        case WebhookFormat::GENERIC: {
            nlohmann::ordered_json facts = nlohmann::ordered_json::object();
            for (const auto& [label, value] : alert.facts) {
                facts[label] = value;
            }
            nlohmann::ordered_json doc = {{"key", alert.key},
                        {"severity", alert.severity},
                        {"title", alert.title},
                        {"text", alert.text},
                        {"facts", facts}};
            return doc.dump();
        }
    }
    return "{}";
}

AlertSender::AlertSender(const Config& config, Clock* clock)
    : webhooks_(ParseWebhooks(config.Get("alerts.webhooks"))),
      dir_(config.DataDir() / "alerts"),
      max_attempts_(std::max(1, static_cast<int>(config.GetInt("alerts.max_attempts")))),
      retry_base_ms_(static_cast<long>(config.GetInt("alerts.retry_base_ms"))),
      clock_(clock ? *clock : SystemClock()),
      http_(std::make_unique<lake::HttpClient>(lake::HttpTimeouts{std::chrono::milliseconds(5000),
                                                                  std::chrono::seconds(15)})) {}

AlertSender::~AlertSender() = default;

bool AlertSender::AlreadyDelivered(const std::string& key, const std::string& url) const {
    std::ifstream in(DeliveriesPath());
    std::string line;
    while (std::getline(in, line)) {
        try {
            json d = json::parse(line);
            if (d.value("alert_key", "") == key && d.value("url", "") == url && d.value("ok", false)) {
                return true;
            }
        } catch (const json::exception&) {
            // A torn last line (crash while appending) is ignored.
        }
    }
    return false;
}

void AlertSender::Record(const std::string& line) {
    EnsureDirectory(dir_).Check();
    std::ofstream out(DeliveriesPath(), std::ios::app);
    out << line << "\n";
    out.flush();
    if (!out) {
        spdlog::warn("could not record an alert delivery in {}", DeliveriesPath().string());
    }
}

int AlertSender::Send(const Alert& alert) {
    std::lock_guard lock(mutex_);
    int delivered = 0;
    for (const auto& hook : webhooks_) {
        if (AlreadyDelivered(alert.key, hook.url)) {
            spdlog::info("alert {} already delivered to {}: not sent again", alert.key, hook.url);
            continue;
        }
        std::string payload = RenderPayload(alert, hook.format);
        long status = 0;
        int attempts = 0;
        bool ok = false;
        std::string error;
        for (attempts = 1; attempts <= max_attempts_; ++attempts) {
            lake::HttpRequest request;
            request.method = "POST";
            request.url = hook.url;
            request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
            request.body = payload;
            auto response = http_->Send(request);
            bool retryable = true;
            if (response.Ok()) {
                status = response.Value().status;
                ok = status >= 200 && status < 300;
                retryable = status >= 500 || status == 429;
                error = ok ? "" : "HTTP " + std::to_string(status) + " " + response.Value().body.substr(0, 200);
            } else {
                status = 0;
                error = response.Err().OneLine();
                retryable = response.Err().Retryable();
            }
            if (ok || !retryable || attempts == max_attempts_) {
                break;
            }
            long delay = retry_base_ms_ << (attempts - 1);
            clock_.SleepFor(std::chrono::milliseconds(delay), {});
        }
        attempts = std::min(attempts, max_attempts_);
        json record = {{"time", FormatInstantMillis(clock_.Now())},
                       {"alert_key", alert.key},
                       {"url", hook.url},
                       {"format", WebhookFormatName(hook.format)},
                       {"status", status},
                       {"attempts", attempts},
                       {"payload_sha256", Sha256Hex(payload)},
                       {"ok", ok},
                       {"error", error}};
        Record(record.dump());
        if (ok) {
            ++delivered;
            spdlog::info("alert {} delivered to {} ({} attempt(s))", alert.key, hook.url, attempts);
        } else {
            spdlog::warn("alert {} could not be delivered to {} after {} attempt(s): {}", alert.key, hook.url,
                         attempts, error);
        }
    }
    return delivered;
}

}  // namespace hf::pipeline
