#pragma once

#include <duckdb.h>

#include <utility>

namespace hf::db {

// Move-only owner of one DuckDB C API handle, released with `Destroy` (which takes a pointer
// to the handle, as every duckdb_destroy_* / duckdb_close function does). Not thread-safe.
template <typename Handle, void (*Destroy)(Handle*)>
class DuckHandle {
public:
    DuckHandle() = default;
    ~DuckHandle() { Reset(); }
    DuckHandle(const DuckHandle&) = delete;
    DuckHandle& operator=(const DuckHandle&) = delete;
    DuckHandle(DuckHandle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    DuckHandle& operator=(DuckHandle&& other) noexcept {
        if (this != &other) {
            Reset();
            handle_ = std::exchange(other.handle_, nullptr);
        }
        return *this;
    }

    Handle Get() const { return handle_; }
    // Address to pass to a duckdb_* function that fills the handle; releases the old one first.
    Handle* Out() {
        Reset();
        return &handle_;
    }
    explicit operator bool() const { return handle_ != nullptr; }
    void Reset() {
        if (handle_ != nullptr) {
            Destroy(&handle_);
            handle_ = nullptr;
        }
    }

private:
    Handle handle_ = nullptr;
};

namespace duck_detail {
inline void DestroyAppender(duckdb_appender* a) { duckdb_appender_destroy(a); }
}  // namespace duck_detail

using DuckDatabase = DuckHandle<duckdb_database, duckdb_close>;
using DuckConnection = DuckHandle<duckdb_connection, duckdb_disconnect>;
using DuckPrepared = DuckHandle<duckdb_prepared_statement, duckdb_destroy_prepare>;
using DuckExtracted = DuckHandle<duckdb_extracted_statements, duckdb_destroy_extracted>;
using DuckChunk = DuckHandle<duckdb_data_chunk, duckdb_destroy_data_chunk>;
using DuckLogicalType = DuckHandle<duckdb_logical_type, duckdb_destroy_logical_type>;
using DuckConfig = DuckHandle<duckdb_config, duckdb_destroy_config>;
using DuckAppender = DuckHandle<duckdb_appender, duck_detail::DestroyAppender>;
using DuckValue = DuckHandle<duckdb_value, duckdb_destroy_value>;

// Move-only owner of a duckdb_result (a struct, not a pointer handle). Not thread-safe.
class DuckResult {
public:
    DuckResult() = default;
    ~DuckResult() { Reset(); }
    DuckResult(const DuckResult&) = delete;
    DuckResult& operator=(const DuckResult&) = delete;
    DuckResult(DuckResult&& other) noexcept : result_(other.result_), filled_(std::exchange(other.filled_, false)) {}

    duckdb_result* Out() {
        Reset();
        filled_ = true;
        return &result_;
    }
    duckdb_result* Get() { return &result_; }
    void Reset() {
        if (filled_) {
            duckdb_destroy_result(&result_);
            filled_ = false;
        }
    }

private:
    duckdb_result result_{};
    bool filled_ = false;
};

}  // namespace hf::db
