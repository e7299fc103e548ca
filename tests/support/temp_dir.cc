#include "support/temp_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "common/error.h"

namespace hf::testing {

TempDir::TempDir() {
    std::string tmpl = "/tmp/hf-test-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
        throw Error(ErrorKind::IO, "cannot create a temporary folder under /tmp");
    }
    path_ = tmpl;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all | std::filesystem::perms::group_exec |
                                            std::filesystem::perms::others_exec);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace hf::testing
