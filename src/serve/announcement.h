#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace hf::serve {

// What a running `healthflow serve` tells the other `healthflow` processes of its data folder,
// in <data_dir>/serve.json (mode 0600): who holds the warehouse, where to reach it, and the
// random control token that lets a process of this machine hand it a pipeline run.
struct ServerAnnouncement {
    long pid = 0;
    std::string bind; // the address the server listens on
    int port = 0;
    std::string started_at; // ISO 8601 UTC
    std::string token;      // the control token (X-HealthFlow-Control)
    std::string data_dir;   // absolute data folder the server serves
    bool scheduler = false; // the server hosts the scheduler (`serve --scheduler`)
    std::string schedule;   // its cron expression and time zone, when it does
    std::string timezone;

    // The address a client of this machine connects to: the bound one, or 127.0.0.1 for a
    // wildcard bind (0.0.0.0, ::).
    std::string ControlHost() const;
    // "http://host:port".
    std::string Url() const;
};

// <data_dir>/serve.json.
std::filesystem::path AnnouncementFile(const std::filesystem::path& data_dir);

// The server announced in `data_dir`, when its process is alive and it serves that folder;
// nullopt when there is no file, or a stale one (dead process, or a process whose command line
// is not a `serve`: a reused pid), or one that cannot be read.
std::optional<ServerAnnouncement> FindLiveServer(const std::filesystem::path& data_dir);

// True when process `pid` exists.
bool ProcessAlive(long pid);

// Compares a presented control token with the expected one in constant time.
bool ControlTokenMatches(const std::string& expected, const std::string& presented);

// Header that carries the control token.
inline constexpr const char* kControlHeader = "X-HealthFlow-Control";

// serve.json written for the lifetime of the object: Publish() writes it atomically with mode
// 0600 (replacing a stale one), the destructor removes it if it still names this process.
// Move-only.
class PublishedAnnouncement {
public:
    // Fills pid and started_at (and a random token when none is set); throws IO when the file
    // cannot be written.
    static PublishedAnnouncement Publish(ServerAnnouncement announcement);
    PublishedAnnouncement(PublishedAnnouncement&& other) noexcept;
    PublishedAnnouncement& operator=(PublishedAnnouncement&&) = delete;
    PublishedAnnouncement(const PublishedAnnouncement&) = delete;
    ~PublishedAnnouncement();

    const ServerAnnouncement& Get() const { return announcement_; }

private:
    explicit PublishedAnnouncement(ServerAnnouncement announcement) : announcement_(std::move(announcement)) {}
    ServerAnnouncement announcement_;
    bool owned_ = true;
};

} // namespace hf::serve
