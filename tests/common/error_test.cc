#include <gtest/gtest.h>

#include "common/error.h"

namespace hf {
namespace {

TEST(ErrorKindTest, NamesReadBackAsTheirKinds) {
    for (ErrorKind kind : {ErrorKind::INVALID_INPUT, ErrorKind::NOT_FOUND, ErrorKind::CONFLICT, ErrorKind::IO,
                           ErrorKind::UNAVAILABLE, ErrorKind::TIMEOUT, ErrorKind::DATA, ErrorKind::INTERNAL}) {
        EXPECT_EQ(KindFromName(KindName(kind)), kind) << KindName(kind);
    }
    EXPECT_EQ(KindFromName("no such kind"), ErrorKind::INTERNAL);
}

}  // namespace
}  // namespace hf
