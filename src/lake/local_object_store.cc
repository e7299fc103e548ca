#include "lake/local_object_store.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/fs.h"
#include "common/strings.h"
#include "lake/layout.h"

namespace hf::lake {

namespace fs = std::filesystem;

namespace {

constexpr size_t kBufferSize = 1 << 20;
constexpr std::string_view kTmpMarker = ".tmp-";

Error IoError(const std::string& what, const fs::path& path, int err) {
    std::string hint;
    if (err == ENOSPC) {
        hint = "the disk holding the lake is full: free space, then run again";
    } else if (err == EACCES || err == EPERM || err == EROFS) {
        hint = "check that " + path.parent_path().string() + " is writable";
    }
    return Error(ErrorKind::IO, what + " '" + path.string() + "': " + std::strerror(err), hint);
}

void SyncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError("cannot open folder", dir, errno);
    }
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) {
        throw IoError("cannot flush folder", dir, err);
    }
}

// Writes to a hidden temporary file, renamed over the final name on Commit.
class LocalObjectWriter : public ObjectWriter {
public:
    LocalObjectWriter(fs::path final_path) : final_path_(std::move(final_path)) {
        EnsureDirectory(final_path_.parent_path()).Check();
        tmp_path_ = final_path_.parent_path() / ("." + final_path_.filename().string() + std::string(kTmpMarker) +
                                                 std::to_string(::getpid()) + "-" + RandomToken(8));
        fd_ = ::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            throw IoError("cannot create", tmp_path_, errno);
        }
        buffer_.reserve(kBufferSize);
    }
    ~LocalObjectWriter() override {
        if (fd_ >= 0) {
            Abort();
        }
    }
    LocalObjectWriter(const LocalObjectWriter&) = delete;
    LocalObjectWriter& operator=(const LocalObjectWriter&) = delete;

    void Write(std::string_view data) override {
        RequireOpen();
        size_ += data.size();
        if (buffer_.size() + data.size() > kBufferSize) {
            Flush();
            if (data.size() >= kBufferSize) {
                WriteAll(data);
                return;
            }
        }
        buffer_.append(data);
    }

    uint64_t Commit() override {
        RequireOpen();
        try {
            Flush();
            if (::fsync(fd_) != 0) {
                throw IoError("cannot flush", tmp_path_, errno);
            }
            int fd = fd_;
            fd_ = -1;
            if (::close(fd) != 0) {
                int err = errno;
                ::unlink(tmp_path_.c_str());
                throw IoError("cannot close", tmp_path_, err);
            }
            if (::rename(tmp_path_.c_str(), final_path_.c_str()) != 0) {
                int err = errno;
                ::unlink(tmp_path_.c_str());
                throw IoError("cannot publish", final_path_, err);
            }
            SyncDirectory(final_path_.parent_path());
        } catch (const Error&) {
            if (fd_ >= 0) {
                Abort();
            }
            throw;
        }
        return size_;
    }

    void Abort() override {
        if (fd_ < 0) {
            return;
        }
        ::close(fd_);
        fd_ = -1;
        ::unlink(tmp_path_.c_str());
    }

private:
    void RequireOpen() const {
        if (fd_ < 0) {
            throw Error(ErrorKind::INTERNAL, "object writer for '" + final_path_.string() + "' is already closed");
        }
    }
    void Flush() {
        WriteAll(buffer_);
        buffer_.clear();
    }
    void WriteAll(std::string_view data) {
        size_t done = 0;
        while (done < data.size()) {
            ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw IoError("cannot write", tmp_path_, errno);
            }
            done += static_cast<size_t>(n);
            written_ += static_cast<uint64_t>(n);
        }
        StartWriteback();
    }
    // Asks the kernel to start writing what is already written, so that the fsync of Commit
    // waits for the last few megabytes only instead of the whole file.
    void StartWriteback() {
        if (written_ - writeback_from_ >= kWritebackStep) {
            ::sync_file_range(fd_, static_cast<off64_t>(writeback_from_),
                              static_cast<off64_t>(written_ - writeback_from_), SYNC_FILE_RANGE_WRITE);
            writeback_from_ = written_;
        }
    }

    fs::path final_path_;
    fs::path tmp_path_;
    int fd_ = -1;
    std::string buffer_;
    uint64_t size_ = 0;
    uint64_t written_ = 0;         // bytes written to the file so far
    uint64_t writeback_from_ = 0;  // start of the range not yet handed to writeback
    static constexpr uint64_t kWritebackStep = 16u << 20;
};

// Process id embedded in a temporary file name, or 0.
pid_t WriterPid(std::string_view name) {
    size_t pos = name.rfind(kTmpMarker);
    if (pos == std::string_view::npos) {
        return 0;
    }
    auto rest = name.substr(pos + kTmpMarker.size());
    long long pid = 0;
    auto dash = rest.find('-');
    if (dash == std::string_view::npos || !ParseInt64(rest.substr(0, dash), pid)) {
        return 0;
    }
    return static_cast<pid_t>(pid);
}

}  // namespace

bool IsTemporaryName(std::string_view file_name) {
    return StartsWith(file_name, ".") && file_name.find(kTmpMarker) != std::string_view::npos;
}

void ValidateKey(const std::string& key) {
    auto invalid = [&](const std::string& why) {
        return Error(ErrorKind::INVALID_INPUT, "invalid lake key '" + key + "': " + why,
                     "keys are relative '/'-separated paths such as bronze/patients/...");
    };
    if (key.empty()) {
        throw invalid("empty");
    }
    if (key.front() == '/') {
        throw invalid("absolute path");
    }
    if (key.find('\0') != std::string::npos || key.find('\\') != std::string::npos) {
        throw invalid("forbidden character");
    }
    for (const auto& segment : Split(key, '/')) {
        if (segment.empty() || segment == "." || segment == "..") {
            throw invalid("empty, '.' or '..' segment");
        }
        if (IsTemporaryName(segment)) {
            throw invalid("reserved temporary file name");
        }
    }
}

LocalObjectStore::LocalObjectStore(fs::path root) : root_(fs::absolute(std::move(root)).lexically_normal()) {
    for (const auto& zone : Zones()) {
        fs::path keep = root_ / zone / ".keep";
        std::error_code ec;
        if (!fs::exists(keep, ec)) {
            EnsureDirectory(root_ / zone).Check();
            WriteFileAtomic(keep, "").Check();
        }
    }
}

fs::path LocalObjectStore::PathOf(const std::string& key) const {
    ValidateKey(key);
    return root_ / key;
}

std::unique_ptr<ObjectWriter> LocalObjectStore::OpenWriter(const std::string& key) {
    return std::make_unique<LocalObjectWriter>(PathOf(key));
}

Status LocalObjectStore::Put(const std::string& key, std::string_view data) {
    try {
        auto writer = OpenWriter(key);
        writer->Write(data);
        writer->Commit();
        return {};
    } catch (const Error& e) {
        return e;
    }
}

Result<std::string> LocalObjectStore::Get(const std::string& key) {
    try {
        fs::path path = PathOf(key);
        auto content = ReadFile(path);
        if (!content && content.Err().Kind() == ErrorKind::NOT_FOUND) {
            return Error(ErrorKind::NOT_FOUND, "lake object '" + key + "' does not exist in " + Describe());
        }
        return content;
    } catch (const Error& e) {
        return e;
    }
}

Status LocalObjectStore::Read(const std::string& key, const std::function<void(std::string_view)>& consume) {
    try {
        fs::path path = PathOf(key);
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            if (errno == ENOENT) {
                return Error(ErrorKind::NOT_FOUND, "lake object '" + key + "' does not exist in " + Describe());
            }
            return IoError("cannot open", path, errno);
        }
        std::string buffer(kBufferSize, '\0');
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            auto n = static_cast<size_t>(in.gcount());
            if (n > 0) {
                consume(std::string_view(buffer.data(), n));
            }
        }
        if (in.bad()) {
            return IoError("cannot read", path, errno);
        }
        return {};
    } catch (const Error& e) {
        return e;
    }
}

Result<std::vector<ObjectInfo>> LocalObjectStore::List(const std::string& prefix) {
    std::vector<ObjectInfo> out;
    auto slash = prefix.rfind('/');
    fs::path dir = slash == std::string::npos ? root_ : root_ / prefix.substr(0, slash);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return out;
    }
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec) || IsTemporaryName(it->path().filename().string())) {
            continue;
        }
        std::string key = it->path().lexically_relative(root_).generic_string();
        if (!StartsWith(key, prefix)) {
            continue;
        }
        std::error_code size_ec;
        auto size = it->file_size(size_ec);
        out.push_back({key, size_ec ? 0 : static_cast<uint64_t>(size)});
    }
    if (ec) {
        return IoError("cannot list", dir, ec.value());
    }
    std::sort(out.begin(), out.end(), [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
    return out;
}

Result<bool> LocalObjectStore::Exists(const std::string& key) {
    try {
        std::error_code ec;
        return fs::is_regular_file(PathOf(key), ec);
    } catch (const Error& e) {
        return e;
    }
}

Status LocalObjectStore::Delete(const std::string& key) {
    try {
        fs::path path = PathOf(key);
        if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
            return IoError("cannot delete", path, errno);
        }
        return {};
    } catch (const Error& e) {
        return e;
    }
}

std::string LocalObjectStore::Describe() const { return root_.string(); }

std::optional<std::string> LocalObjectStore::LocalPath(const std::string& key) const { return PathOf(key).string(); }

size_t LocalObjectStore::RemoveAbandonedTemporaries(const std::string& prefix) {
    size_t removed = 0;
    fs::path dir = root_ / prefix;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return 0;
    }
    std::vector<fs::path> abandoned;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!IsTemporaryName(name)) {
            continue;
        }
        pid_t pid = WriterPid(name);
        if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
            abandoned.push_back(it->path());
        }
    }
    for (const auto& path : abandoned) {
        if (fs::remove(path, ec)) {
            ++removed;
        }
    }
    return removed;
}

}  // namespace hf::lake
