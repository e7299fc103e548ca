#pragma once

#include <chrono>
#include <string>

#include "lake/object_store.h"
#include "pg/connection.h"

namespace hf::extract {

// Mutual exclusion of extractions, held for a whole batch: a session-level PostgreSQL
// advisory lock on the source (released by the server if the process dies) plus a lock
// object in the lake (_state/extract.lock, naming host and process; a lock left by a dead
// process on this host is taken over). Acquire waits up to `timeout`, then fails with
// CONFLICT naming the holder. Move-only; releases on destruction. Not thread-safe.
class ExtractLock {
public:
    static ExtractLock Acquire(pg::Connection& source, lake::ObjectStore& lake, std::chrono::milliseconds timeout);

    ExtractLock(ExtractLock&& other) noexcept;
    ExtractLock& operator=(ExtractLock&&) = delete;
    ExtractLock(const ExtractLock&) = delete;
    ~ExtractLock();

private:
    ExtractLock(pg::Connection* source, lake::ObjectStore* lake, std::string token)
        : source_(source), lake_(lake), token_(std::move(token)) {}
    void Release() noexcept;

    pg::Connection* source_;
    lake::ObjectStore* lake_;
    std::string token_;   // content of our lake lock object
};

}  // namespace hf::extract
