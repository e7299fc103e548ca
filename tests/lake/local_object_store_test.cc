#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "common/error.h"
#include "lake/local_object_store.h"
#include "support/temp_dir.h"

namespace hf::lake {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Keys(LocalObjectStore& store, const std::string& prefix) {
    std::vector<std::string> keys;
    auto listing = store.List(prefix).Value();
    for (const auto& info : listing) {
        keys.push_back(info.key);
    }
    return keys;
}

TEST(LocalObjectStoreTest, CreatesZones) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path() / "lake");
    EXPECT_EQ(Keys(store, ""), (std::vector<std::string>{"bronze/.keep", "gold/.keep", "silver/.keep"}));
}

TEST(LocalObjectStoreTest, WriterPublishesOnlyOnCommit) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path());
    auto writer = store.OpenWriter("bronze/t/a.csv");
    writer->Write("hello, ");
    writer->Write(std::string(3 << 20, 'x'));
    EXPECT_FALSE(store.Exists("bronze/t/a.csv").Value());
    EXPECT_TRUE(Keys(store, "bronze/t/").empty());
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir.Path() / "bronze/t")) {
        EXPECT_TRUE(IsTemporaryName(e.path().filename().string())) << e.path();
        ++files;
    }
    EXPECT_EQ(files, 1u);
    EXPECT_EQ(writer->Commit(), 7u + (3u << 20));
    auto content = store.Get("bronze/t/a.csv").Value();
    EXPECT_EQ(content.size(), 7u + (3u << 20));
    EXPECT_EQ(content.substr(0, 8), "hello, x");
    EXPECT_EQ(Keys(store, "bronze/t/"), std::vector<std::string>{"bronze/t/a.csv"});
}

TEST(LocalObjectStoreTest, AbortAndDestructionLeaveNoTrace) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path());
    {
        auto writer = store.OpenWriter("bronze/t/b.csv");
        writer->Write("data");
        writer->Abort();
    }
    { store.OpenWriter("bronze/t/c.csv")->Write("data"); }
    EXPECT_TRUE(fs::is_empty(dir.Path() / "bronze/t"));
}

TEST(LocalObjectStoreTest, PutGetListDelete) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path());
    store.Put("_state/x.json", "{}").Check();
    store.Put("bronze/_manifests/20261128T180005Z_0000000a.json", "1").Check();
    store.Put("bronze/_manifests/20261128T180006Z_0000000b.json", "2").Check();
    EXPECT_EQ(store.Get("_state/x.json").Value(), "{}");
    EXPECT_EQ(Keys(store, "bronze/_manifests/20261128T180005Z_"),
              std::vector<std::string>{"bronze/_manifests/20261128T180005Z_0000000a.json"});
    store.Delete("_state/x.json").Check();
    store.Delete("_state/x.json").Check();
    auto missing = store.Get("_state/x.json");
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.Err().Kind(), ErrorKind::NOT_FOUND);
    std::string streamed;
    store.Read("bronze/_manifests/20261128T180006Z_0000000b.json", [&](std::string_view c) { streamed += c; })
        .Check();
    EXPECT_EQ(streamed, "2");
}

TEST(LocalObjectStoreTest, RejectsBadKeys) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path());
    for (const char* key : {"", "/etc/passwd", "bronze/../../x", "bronze//x", "./x", "bronze/.a.tmp-1-x"}) {
        try {
            store.OpenWriter(key);
            FAIL() << key;
        } catch (const Error& e) {
            EXPECT_EQ(e.Kind(), ErrorKind::INVALID_INPUT) << key;
        }
        EXPECT_FALSE(store.Put(key, "x").Ok()) << key;
    }
}

TEST(LocalObjectStoreTest, RemovesTemporariesOfDeadWritersOnly) {
    testing::TempDir dir;
    LocalObjectStore store(dir.Path());
    auto live = store.OpenWriter("bronze/t/live.csv");
    live->Write("x");
    // A process id that cannot exist (above the kernel's pid_max limit).
    std::ofstream(dir.Path() / "bronze/t/.dead.csv.tmp-99999999-abcdefgh") << "partial";
    EXPECT_EQ(store.RemoveAbandonedTemporaries("bronze/"), 1u);
    EXPECT_FALSE(fs::exists(dir.Path() / "bronze/t/.dead.csv.tmp-99999999-abcdefgh"));
    live->Commit();
    EXPECT_EQ(store.Get("bronze/t/live.csv").Value(), "x");
}

}  // namespace
}  // namespace hf::lake
