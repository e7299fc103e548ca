#include "common/fs.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace hf {

namespace {

Error IoError(const std::string& what, const std::filesystem::path& path, int err) {
    std::string hint;
    if (err == ENOSPC) {
        hint = "the disk is full: free space and run again";
    } else if (err == EACCES || err == EPERM) {
        hint = "check the permissions of " + path.parent_path().string();
    }
    return Error(ErrorKind::IO, what + " '" + path.string() + "': " + std::strerror(err), hint);
}

}  // namespace

Result<std::string> ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        int err = errno;
        if (err == ENOENT) {
            return Error(ErrorKind::NOT_FOUND, "file '" + path.string() + "' does not exist");
        }
        return IoError("cannot open", path, err);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, unsigned mode) {
    std::filesystem::path tmp = path;
    tmp += ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        return IoError("cannot create", tmp, errno);
    }
    ::fchmod(fd, mode);
    size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return IoError("cannot write", tmp, err);
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return IoError("cannot flush", tmp, err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return IoError("cannot rename into", path, err);
    }
    return {};
}

Status EnsureDirectory(const std::filesystem::path& path, unsigned mode) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) {
        return IoError("cannot create folder", path, ec.value());
    }
    ::chmod(path.c_str(), mode);
    return {};
}

Result<std::string> ReadSecretFile(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) {
            return Error(ErrorKind::NOT_FOUND, "secret file '" + path.string() + "' does not exist");
        }
        return IoError("cannot read", path, errno);
    }
    if ((st.st_mode & 077) != 0) {
        return Error(ErrorKind::INVALID_INPUT,
                     "secret file '" + path.string() + "' is readable by other users",
                     "run: chmod 600 " + path.string());
    }
    auto content = ReadFile(path);
    if (!content) {
        return content.Err();
    }
    std::string secret = std::move(content).Value();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
        secret.pop_back();
    }
    return secret;
}

Status WriteSecretFile(const std::filesystem::path& path, std::string_view secret) {
    return WriteFileAtomic(path, secret, 0600);
}

std::string RandomToken(size_t length) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        unsigned char buf[64];
        ssize_t n = ::getrandom(buf, sizeof buf, 0);
        if (n <= 0) {
            throw Error(ErrorKind::INTERNAL, "the OS entropy source is not available");
        }
        for (ssize_t i = 0; i < n && out.size() < length; ++i) {
            if (buf[i] < 248) {  // 248 = 4 * 62: keeps the draw uniform
                out.push_back(alphabet[buf[i] % 62]);
            }
        }
    }
    return out;
}

}  // namespace hf
