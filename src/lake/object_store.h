#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "common/result.h"

namespace hf::lake {

// One object of the lake, as listed.
struct ObjectInfo {
    std::string key;      // path inside the lake, '/'-separated, no leading '/'
    uint64_t size = 0;
};

// A new object being written. Nothing is visible to readers until Commit() returns; Abort()
// (or destruction without Commit) leaves no trace. Write/Commit throw hf::Error (IO, or
// UNAVAILABLE for a remote store). Move-only; one thread at a time.
class ObjectWriter {
public:
    virtual ~ObjectWriter() = default;
    virtual void Write(std::string_view data) = 0;
    // Publishes the object atomically under its key; returns its size in bytes.
    virtual uint64_t Commit() = 0;
    virtual void Abort() = 0;
};

// Where the lake lives: a local folder or an S3-compatible bucket. Keys look the same on
// both ("bronze/patients/year=2026/month=11/day=28/patients_20261128_180000.csv").
// Implementations are thread-safe.
class ObjectStore {
public:
    virtual ~ObjectStore() = default;

    // Starts a new object; see ObjectWriter.
    virtual std::unique_ptr<ObjectWriter> OpenWriter(const std::string& key) = 0;
    // Writes a small object in one go, atomically.
    virtual Status Put(const std::string& key, std::string_view data) = 0;
    // Reads a whole (small) object. NOT_FOUND when it does not exist.
    virtual Result<std::string> Get(const std::string& key) = 0;
    // Streams an object's bytes to `consume`, chunk by chunk.
    virtual Status Read(const std::string& key, const std::function<void(std::string_view)>& consume) = 0;
    // Every object whose key starts with `prefix`, sorted by key (follows continuation tokens).
    virtual Result<std::vector<ObjectInfo>> List(const std::string& prefix) = 0;
    virtual Result<bool> Exists(const std::string& key) = 0;
    virtual Status Delete(const std::string& key) = 0;

    // "/abs/path/to/lake" or "s3://bucket/prefix", for messages.
    virtual std::string Describe() const = 0;
    // A local file path for `key` when the store is a local folder (engines such as DuckDB
    // then read the file in place); nullopt for remote stores.
    virtual std::optional<std::string> LocalPath(const std::string& key) const = 0;
};

// The store named by lake.uri: "" -> <data_dir>/lake, a path -> that folder,
// "s3://bucket/prefix" -> S3-compatible storage (endpoint, region, credentials from the
// configuration and the AWS_* environment variables).
std::unique_ptr<ObjectStore> OpenObjectStore(const Config& config);

}  // namespace hf::lake
