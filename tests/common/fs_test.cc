#include <gtest/gtest.h>
#include <sys/stat.h>

#include "common/fs.h"
#include "support/temp_dir.h"

namespace hf {
namespace {

TEST(FsTest, AtomicWriteReplacesContentAndLeavesNoTemporary) {
    testing::TempDir dir;
    auto file = dir.Path() / "a.txt";
    WriteFileAtomic(file, "first").Check();
    WriteFileAtomic(file, "second").Check();
    EXPECT_EQ(ReadFile(file).Value(), "second");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.Path())) {
        ++entries;
    }
    EXPECT_EQ(entries, 1);
}

TEST(FsTest, SecretFileIsOwnerOnly) {
    testing::TempDir dir;
    auto file = dir.Path() / "secret";
    WriteSecretFile(file, "pw").Check();
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(ReadSecretFile(file).Value(), "pw");
}

TEST(FsTest, MissingFileIsNotFound) {
    auto r = ReadFile("/nonexistent/file");
    ASSERT_FALSE(r.Ok());
    EXPECT_EQ(r.Err().Kind(), ErrorKind::NOT_FOUND);
}

TEST(FsTest, RandomTokenHasRequestedLengthAndAlphabet) {
    auto a = RandomToken(40);
    auto b = RandomToken(40);
    EXPECT_EQ(a.size(), 40u);
    EXPECT_NE(a, b);
    for (char c : a) {
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
    }
}

}  // namespace
}  // namespace hf
