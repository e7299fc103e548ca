#include "serve/announcement.h"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/fs.h"
#include "common/utc_time.h"

namespace hf::serve {

namespace {

std::string NowUtc() {
    return FormatUtc(std::chrono::system_clock::now(), "%Y-%m-%dT%H:%M:%SZ");
}

std::optional<ServerAnnouncement> Read(const std::filesystem::path& file) {
    auto text = ReadFile(file);
    if (!text.Ok()) {
        return std::nullopt;
    }
    auto doc = nlohmann::json::parse(text.Value(), nullptr, false);
    if (!doc.is_object()) {
        return std::nullopt;
    }
    try {
        ServerAnnouncement a;
        a.pid = doc.at("pid").get<long>();
        a.bind = doc.at("bind").get<std::string>();
        a.port = doc.at("port").get<int>();
        a.started_at = doc.value("started_at", "");
        a.token = doc.at("token").get<std::string>();
        a.data_dir = doc.value("data_dir", "");
        a.scheduler = doc.value("scheduler", false);
        a.schedule = doc.value("schedule", "");
        a.timezone = doc.value("timezone", "");
        return a;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

// False when process `pid` is known not to be a `healthflow serve` (its pid was reused, e.g.
// after a reboot): its command line has no "serve" argument.
bool MayBeServer(long pid) {
    auto cmdline = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
    if (!cmdline.Ok() || cmdline.Value().empty()) {
        return true;
    }
    const std::string& args = cmdline.Value();
    for (size_t start = 0; start < args.size();) {
        size_t end = args.find('\0', start);
        end = end == std::string::npos ? args.size() : end;
        if (args.compare(start, end - start, "serve") == 0) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

} // namespace

std::string ServerAnnouncement::ControlHost() const {
    if (bind.empty() || bind == "0.0.0.0" || bind == "::" || bind == "[::]") {
        return "127.0.0.1";
    }
    return bind == "localhost" ? "127.0.0.1" : bind;
}

std::string ServerAnnouncement::Url() const {
    return "http://" + ControlHost() + ":" + std::to_string(port);
}

std::filesystem::path AnnouncementFile(const std::filesystem::path& data_dir) {
    return data_dir / "serve.json";
}

bool ProcessAlive(long pid) {
    if (pid <= 0) {
        return false;
    }
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::optional<ServerAnnouncement> FindLiveServer(const std::filesystem::path& data_dir) {
    auto announcement = Read(AnnouncementFile(data_dir));
    if (!announcement || !ProcessAlive(announcement->pid) || !MayBeServer(announcement->pid)) {
        return std::nullopt;
    }
    std::error_code ec;
    if (!announcement->data_dir.empty() && !std::filesystem::equivalent(announcement->data_dir, data_dir, ec)) {
        return std::nullopt; // a copied data folder: its server serves the original
    }
    return announcement;
}

bool ControlTokenMatches(const std::string& expected, const std::string& presented) {
    if (expected.empty() || expected.size() != presented.size()) {
        return false;
    }
    return CRYPTO_memcmp(expected.data(), presented.data(), expected.size()) == 0;
}

PublishedAnnouncement PublishedAnnouncement::Publish(ServerAnnouncement announcement) {
    announcement.pid = static_cast<long>(::getpid());
    announcement.started_at = NowUtc();
    if (announcement.token.empty()) {
        announcement.token = RandomToken(43);
    }
    nlohmann::json doc = {{"pid", announcement.pid},
                          {"bind", announcement.bind},
                          {"port", announcement.port},
                          {"started_at", announcement.started_at},
                          {"token", announcement.token},
                          {"data_dir", announcement.data_dir},
                          {"scheduler", announcement.scheduler},
                          {"schedule", announcement.schedule},
                          {"timezone", announcement.timezone}};
    auto file = AnnouncementFile(announcement.data_dir);
    EnsureDirectory(file.parent_path()).Check();
    WriteFileAtomic(file, doc.dump(2) + "\n", 0600).Check();
    return PublishedAnnouncement(std::move(announcement));
}

PublishedAnnouncement::PublishedAnnouncement(PublishedAnnouncement&& other) noexcept
    : announcement_(std::move(other.announcement_)), owned_(other.owned_) {
    other.owned_ = false;
}

PublishedAnnouncement::~PublishedAnnouncement() {
    if (!owned_) {
        return;
    }
    auto file = AnnouncementFile(announcement_.data_dir);
    auto current = Read(file);
    if (current && current->pid == announcement_.pid && current->token == announcement_.token) {
        std::error_code ec;
        std::filesystem::remove(file, ec);
    }
}

} // namespace hf::serve
