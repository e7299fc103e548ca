// Login and roles: with login required, a session cookie (HttpOnly, SameSite=Strict) opens the
// pages of the user's role only (403 elsewhere), identity is shown to admin only, and
// `healthflow users` manages the 0600 users file.
#include "serve_fixture.h"

#include <gmock/gmock.h>
#include <sys/stat.h>

#include "serve/users.h"
#include "support/cli_runner.h"

namespace hf::testing {
namespace {

using nlohmann::json;

class ServeAuthTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        auto file = MakeFixtureWarehouse(dir_->Path());
        auto store = serve::UserStore::Load(serve::UserStore::FileIn(dir_->Path())).Value();
        for (const char* role : {"admin", "direction", "pharmacie", "finance"}) {
            store.Upsert(std::string("u_") + role, role, std::string("secret-") + role);
        }
        store.Save().Check();
        server_ = new RunningServer(dir_->Path(), file, /*require_login=*/true);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    // Logs `role`'s user in and returns the Cookie header to send.
    static httplib::Headers LogIn(const std::string& role) {
        auto client = server_->Client();
        json body = {{"utilisateur", "u_" + role}, {"mot_de_passe", "secret-" + role}};
        auto res = client->Post("/api/login", body.dump(), "application/json");
        EXPECT_TRUE(res && res->status == 200);
        std::string cookie = res ? res->get_header_value("Set-Cookie") : "";
        EXPECT_THAT(cookie, ::testing::MatchesRegex(
                                "hf_session=[A-Za-z0-9]{43}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200"));
        return {{"Cookie", cookie.substr(0, cookie.find(';'))}};
    }
    static int Status(const std::string& path, const httplib::Headers& headers) {
        auto client = server_->Client();
        auto res = client->Get(path, headers);
        return res ? res->status : -1;
    }

    static TempDir* dir_;
    static RunningServer* server_;
};

TempDir* ServeAuthTest::dir_ = nullptr;
RunningServer* ServeAuthTest::server_ = nullptr;

TEST_F(ServeAuthTest, NothingWithoutASession) {
    EXPECT_EQ(Status("/api/lits/occupation", {}), 401);
    EXPECT_EQ(Status("/api/meta", {{"Cookie", "hf_session=forged"}}), 401);
    auto client = server_->Client();
    auto session = GetJson(*client, "/api/session");
    EXPECT_EQ(session, json::parse(R"({"login_requis":true,"connecte":false})"));
    EXPECT_EQ(Status("/", {}), 200); // the login page itself
}

TEST_F(ServeAuthTest, WrongPasswordIsRefused) {
    auto client = server_->Client();
    auto res =
        client->Post("/api/login", R"({"utilisateur":"u_admin","mot_de_passe":"secret-finance"})", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(res->get_header_value("Set-Cookie"), "");
    auto unknown = client->Post("/api/login", R"({"utilisateur":"nobody","mot_de_passe":"x"})", "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 401);
}

TEST_F(ServeAuthTest, EachRoleSeesItsPagesOnly) {
    const std::vector<std::pair<std::string, std::string>> pages = {
        {"lits", "/api/lits/occupation"},
        {"stocks", "/api/stocks/alertes"},
        {"finance", "/api/finance/couts"},
        {"patients", "/api/patients/historique?patient_id=1"},
        {"pipeline", "/api/pipeline/runs"}};
    const std::map<std::string, std::set<std::string>> allowed = {
        {"admin", {"lits", "stocks", "finance", "patients", "pipeline"}},
        {"direction", {"lits", "finance", "patients", "pipeline"}},
        {"pharmacie", {"stocks", "patients"}},
        {"finance", {"finance", "patients"}}};
    for (const auto& [role, open] : allowed) {
        auto cookie = LogIn(role);
        for (const auto& [page, path] : pages) {
            EXPECT_EQ(Status(path, cookie), open.count(page) ? 200 : 403) << role << " " << path;
        }
        EXPECT_EQ(Status("/api/meta", cookie), 200) << role;
        auto client = server_->Client();
        auto session = GetJson(*client, "/api/session", nullptr, cookie);
        EXPECT_EQ(session["role"], role);
        EXPECT_EQ(session["pages"].size(), open.size());
    }
}

TEST_F(ServeAuthTest, ForbiddenAnswerSaysWhy) {
    auto cookie = LogIn("pharmacie");
    auto client = server_->Client();
    int status = 0;
    auto body = GetJson(*client, "/api/finance/couts", &status, cookie);
    EXPECT_EQ(status, 403);
    EXPECT_EQ(body["error"], "le rôle « pharmacie » n'a pas accès à la page finance");
}

TEST_F(ServeAuthTest, IdentityIsForAdminOnly) {
    auto client = server_->Client();
    auto admin = GetJson(*client, "/api/patients/historique?patient_id=1", nullptr, LogIn("admin"));
    EXPECT_EQ(admin["rows"][0]["nom"], "Dupont");
    EXPECT_EQ(admin["rows"][0]["email"], "marie.dupont@example.org");

    auto direction = LogIn("direction");
    auto history = GetJson(*client, "/api/patients/historique?patient_id=1", nullptr, direction);
    EXPECT_EQ(history["identite_visible"], false);
    EXPECT_EQ(history["columns"], json::parse(R"(["numero_version","valide_du","valide_au","version_courante",
        "en_vigueur_a_la_date","date_naissance","adresse","mutuelle"])"));
    for (const auto& row : history["rows"]) {
        for (const char* hidden : {"nom", "prenom", "telephone", "email"}) {
            EXPECT_FALSE(row.contains(hidden)) << hidden;
        }
    }
    auto csv = client->Get("/api/patients/historique?patient_id=1&format=csv", direction);
    ASSERT_TRUE(csv);
    EXPECT_THAT(csv->body, ::testing::Not(::testing::HasSubstr("Dupont")));
    // Names cannot be searched without the identity either.
    EXPECT_EQ(GetJson(*client, "/api/patients/recherche?q=Dupont", nullptr, direction)["rows"].size(), 0u);
    auto by_number = GetJson(*client, "/api/patients/recherche?q=1", nullptr, direction);
    EXPECT_EQ(by_number["rows"][0], json::parse(R"({"patient_id":1,"patient_pseudo":"de3636dc8d66e6962ea15871aa5935f1",
        "date_naissance":"1950-04-12",
        "adresse":"5 avenue Foch, Paris","mutuelle":"Harmonie Mutuelle","nb_versions":2})"));
}

TEST_F(ServeAuthTest, OnlyAdminStartsRuns) {
    auto client = server_->Client();
    auto direction = client->Post("/api/pipeline/runs", LogIn("direction"), "{}", "application/json");
    ASSERT_TRUE(direction);
    EXPECT_EQ(direction->status, 403);
    auto admin = client->Post("/api/pipeline/runs", LogIn("admin"), "{}", "application/json");
    ASSERT_TRUE(admin);
    EXPECT_EQ(admin->status, 503); // no pipeline hosted by this server
}

TEST_F(ServeAuthTest, LogoutEndsTheSession) {
    auto cookie = LogIn("finance");
    EXPECT_EQ(Status("/api/finance/couts", cookie), 200);
    auto client = server_->Client();
    auto res = client->Post("/api/logout", cookie, "{}", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Set-Cookie"), "hf_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    EXPECT_EQ(Status("/api/finance/couts", cookie), 401);
}

TEST(UsersCommandTest, AddListRemoveWithA0600File) {
    TempDir dir;
    auto data = dir.Path().string();
    auto add = RunHealthflow({"--data-dir", data, "users", "add", "claire", "--role", "pharmacie"},
                             {{"HEALTHFLOW_USER_PASSWORD", "un-mot-de-passe"}});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    auto file = serve::UserStore::FileIn(dir.Path());
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto store = serve::UserStore::Load(file).Value();
    ASSERT_EQ(store.Users().size(), 1u);
    EXPECT_EQ(store.Users()[0].role, "pharmacie");
    EXPECT_EQ(store.Users()[0].hash_hex.size(), 64u);
    EXPECT_TRUE(store.Verify("claire", "un-mot-de-passe").has_value());
    EXPECT_FALSE(store.Verify("claire", "un-autre").has_value());

    auto list = RunHealthflow({"--data-dir", data, "users", "list"});
    EXPECT_EQ(list.out, "user                     role\nclaire                   pharmacie\n1 user(s)\n");
    auto bad_role = RunHealthflow({"--data-dir", data, "users", "add", "x", "--role", "chef"},
                                  {{"HEALTHFLOW_USER_PASSWORD", "un-mot-de-passe"}});
    EXPECT_EQ(bad_role.exit_code, 2);
    auto short_password = RunHealthflow({"--data-dir", data, "users", "add", "x", "--role", "admin"},
                                        {{"HEALTHFLOW_USER_PASSWORD", "court"}});
    EXPECT_EQ(short_password.exit_code, 2);
    EXPECT_THAT(short_password.err, ::testing::HasSubstr("too short"));
    auto remove = RunHealthflow({"--data-dir", data, "users", "remove", "claire"});
    EXPECT_EQ(remove.exit_code, 0);
    EXPECT_EQ(serve::UserStore::Load(file).Value().Users().size(), 0u);
    auto again = RunHealthflow({"--data-dir", data, "users", "remove", "claire"});
    EXPECT_EQ(again.exit_code, 1);
}

TEST(PasswordHashTest, Pbkdf2MatchesTheRfc7914Vector) {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", 1) starts with these 32 bytes.
    EXPECT_EQ(serve::Pbkdf2Sha256Hex("passwd", "salt", 1),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
}

} // namespace
} // namespace hf::testing
