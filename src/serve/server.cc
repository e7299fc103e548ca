#include "serve/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/error.h"
#include "serve/announcement.h"
#include "serve/api_error.h"
#include "serve/response_cache.h"
#include "serve/roles.h"
#include "serve/routes.h"
#include "serve/sessions.h"
#include "serve/static_assets.h"
#include "serve/users.h"

namespace hf::serve {

namespace {

constexpr const char* kCookie = "hf_session";

void SendError(httplib::Response& res, int status, const std::string& message, const std::string& hint) {
    res.status = status;
    nlohmann::json body = {{"error", message}, {"hint", hint}};
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void SetSecurityHeaders(httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    res.set_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
}

} // namespace

bool IsLoopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

struct Server::State {
    explicit State(ServerOptions opts)
        : options(std::move(opts)), pool(options.open_warehouse, static_cast<size_t>(std::max(1, options.threads)),
                                         static_cast<size_t>(std::max(0, options.active_queries))),
          sessions(std::chrono::hours(12)),
          cache(std::chrono::milliseconds(static_cast<long long>(options.cache_seconds * 1000)), 2000) {}

    std::optional<Identity> Authenticate(const httplib::Request& req) {
        if (!login_required) {
            return Identity{"", "admin"};
        }
        return sessions.Find(CookieValue(req.get_header_value("Cookie"), kCookie));
    }

    // The identity of a `healthflow` process of this machine presenting the control token (it
    // read it from serve.json, mode 0600); anything else carrying the header is refused.
    std::optional<Identity> ControlIdentity(const httplib::Request& req) const {
        bool from_this_machine = IsLoopback(req.remote_addr) || req.remote_addr == req.local_addr;
        if (!from_this_machine || !ControlTokenMatches(options.control_token, req.get_header_value(kControlHeader))) {
            spdlog::warn("control token refused from {}", req.remote_addr);
            throw ApiError{403, "jeton de contrôle refusé",
                           "seul un processus healthflow de cette machine, lisant serve.json, peut s'en servir"};
        }
        return Identity{"healthflow", "admin"};
    }

    // Without login (loopback), only requests naming this server in Host are answered, so that
    // a web page cannot reach the API through DNS rebinding.
    bool HostAllowed(const httplib::Request& req) const {
        if (login_required) {
            return true;
        }
        std::string host = req.get_header_value("Host");
        std::string suffix = ":" + std::to_string(port);
        for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
            if (host == name + suffix || host == name) {
                return true;
            }
        }
        return host == options.bind + suffix;
    }

    void Handle(const Route& route, const httplib::Request& req, httplib::Response& res) {
        SetSecurityHeaders(res);
        try {
            if (!HostAllowed(req)) {
                throw ApiError{421, "en-tête Host inattendu",
                               "ouvrez les tableaux de bord par http://127.0.0.1:" + std::to_string(port) + "/"};
            }
            auto who = req.has_header(kControlHeader) ? ControlIdentity(req) : Authenticate(req);
            if (!who) {
                throw ApiError{401, "connexion requise", "connectez-vous avec votre identifiant et votre mot de passe"};
            }
            if (route.page && !RoleCanSee(who->role, *route.page)) {
                throw ApiError{403, "le rôle « " + who->role + " » n'a pas accès à la page " + PageName(*route.page),
                               "demandez à un administrateur le rôle qui convient"};
            }
            if (route.method == "POST" && req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
                throw ApiError{415, "type de contenu attendu : application/json", "envoyez le corps en JSON"};
            }
            // Cached per visibility of identity: every other role check happened above.
            std::string key = (RoleSeesIdentity(who->role) ? "I " : "P ") + req.method + " " + req.target;
            bool cacheable = route.method == "GET" && cache.Enabled();
            if (cacheable) {
                if (auto hit = cache.Find(key)) {
                    for (const auto& [name, value] : hit->headers) {
                        res.set_header(name, value);
                    }
                    res.status = hit->status;
                    res.set_content(hit->body, hit->content_type.c_str());
                    return;
                }
            }
            RequestContext ctx(req, res, *who, pool, options);
            route.handler(ctx);
            if (cacheable && res.status == 200) {
                CachedResponse stored{res.status, res.get_header_value("Content-Type"), res.body, {}};
                if (res.has_header("Content-Disposition")) {
                    stored.headers.emplace_back("Content-Disposition", res.get_header_value("Content-Disposition"));
                }
                cache.Put(key, std::move(stored));
            }
        } catch (const ApiError& e) {
            SendError(res, e.status, e.message, e.hint);
        } catch (const Error& e) {
            if (e.Kind() == ErrorKind::NOT_FOUND) {
                SendError(
                    res, 503, "les données des tableaux de bord ne sont pas encore construites (" + e.Message() + ")",
                    "lancez le pipeline (ou `healthflow transform run`) pour construire les marts, puis rechargez");
            } else if (e.Retryable() || e.Kind() == ErrorKind::CONFLICT || e.Kind() == ErrorKind::IO) {
                SendError(res, 503, "l'entrepôt de données est indisponible : " + e.Message(),
                          e.Hint().empty() ? "réessayez dans un instant" : e.Hint());
            } else {
                spdlog::error("{} {}: {}", req.method, req.path, e.OneLine());
                SendError(res, 500, "erreur interne : " + e.Message(), "consultez le journal du serveur");
            }
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", req.method, req.path, e.what());
            SendError(res, 500, std::string("erreur interne : ") + e.what(), "consultez le journal du serveur");
        }
    }

    void SessionRoutes() {
        http.Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
            SetSecurityHeaders(res);
            auto who = Authenticate(req);
            nlohmann::json body = {{"login_requis", login_required}, {"connecte", who.has_value()}};
            if (who) {
                body["utilisateur"] = who->user;
                body["role"] = who->role;
                body["pages"] = PagesOf(who->role);
                body["identite_visible"] = RoleSeesIdentity(who->role);
                body["lancement_pipeline"] =
                    RoleCanRunPipeline(who->role) && static_cast<bool>(options.start_pipeline_run);
            }
            res.set_content(body.dump(), "application/json");
        });
        http.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
            SetSecurityHeaders(res);
            auto body = nlohmann::json::parse(req.body, nullptr, false);
            if (!body.is_object() || !body.value("utilisateur", nlohmann::json()).is_string() ||
                !body.value("mot_de_passe", nlohmann::json()).is_string()) {
                return SendError(res, 400, "identifiant et mot de passe attendus",
                                 R"(corps JSON : {"utilisateur": "...", "mot_de_passe": "..."})");
            }
            if (!login_required) {
                return res.set_content(R"({"connecte":true,"role":"admin"})", "application/json");
            }
            auto user = users.Verify(body["utilisateur"].get<std::string>(), body["mot_de_passe"].get<std::string>());
            if (!user) {
                spdlog::warn("failed login for '{}' from {}", body["utilisateur"].get<std::string>(), req.remote_addr);
                return SendError(res, 401, "identifiant ou mot de passe incorrect", "vérifiez-les et réessayez");
            }
            std::string token = sessions.Open({user->name, user->role});
            res.set_header("Set-Cookie", std::string(kCookie) + "=" + token +
                                             "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                                             std::to_string(sessions.Lifetime().count()));
            res.set_content(
                nlohmann::json({{"connecte", true}, {"utilisateur", user->name}, {"role", user->role}}).dump(),
                "application/json");
        });
        http.Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
            SetSecurityHeaders(res);
            sessions.Close(CookieValue(req.get_header_value("Cookie"), kCookie));
            res.set_header("Set-Cookie", std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
            res.set_content(R"({"connecte":false})", "application/json");
        });
    }

    void Install() {
        Router router;
        RegisterMetaRoutes(router);
        RegisterBedRoutes(router);
        RegisterStockRoutes(router);
        RegisterFinanceRoutes(router);
        RegisterPatientRoutes(router);
        RegisterPipelineRoutes(router);
        routes = router.Routes();
        SessionRoutes();
        for (const auto& route : routes) {
            auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
                Handle(route, req, res);
            };
            if (route.method == "GET") {
                http.Get(route.pattern, handler);
            } else {
                http.Post(route.pattern, handler);
            }
        }
        http.Get(R"(/|/index\.html|/static/.+)", [](const httplib::Request& req, httplib::Response& res) {
            SetSecurityHeaders(res);
            auto asset = FindAsset(req.path);
            if (!asset) {
                return SendError(res, 404, "fichier introuvable : " + req.path, "revenez à la page d'accueil /");
            }
            res.set_content(asset->content.data(), asset->content.size(), asset->content_type.c_str());
        });
        http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
            if (res.body.empty()) {
                SetSecurityHeaders(res);
                if (res.status == 404) {
                    SendError(res, 404, "adresse inconnue : " + req.path,
                              "les adresses de l'API commencent par /api/ (voir docs/dashboards.md)");
                } else {
                    SendError(res, res.status, "requête refusée (" + std::to_string(res.status) + ")",
                              "vérifiez la méthode et l'adresse");
                }
            }
        });
        // httplib compresses text answers on the fly, with Brotli at its slowest quality when the
        // browser offers it (6 s for ECharts on this machine). Answers go out uncompressed instead;
        // the Request is not const where httplib owns it, only in this signature.
        http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
            const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
            return httplib::Server::HandlerResponse::Unhandled;
        });
        // httplib's default also sets SO_REUSEPORT, which lets a second server take the same port
        // and share its requests; only SO_REUSEADDR (restart without waiting for TIME_WAIT) is kept.
        http.set_socket_options([](socket_t sock) {
            int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        int threads = std::max(2, options.threads);
        http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
        http.set_tcp_nodelay(true); // headers and body go out in separate writes: no Nagle delay between them
        http.set_keep_alive_max_count(10000);
        http.set_payload_max_length(64 * 1024);
    }

    ServerOptions options;
    WarehousePool pool;
    SessionStore sessions;
    ResponseCache cache;
    UserStore users;
    std::vector<Route> routes;
    httplib::Server http;
    bool login_required = false;
    int port = 0;
    std::atomic<bool> stopping = false;  // Stop() was called
    std::atomic<bool> running = false;   // Run() is between its start and its end
};

Server::Server(ServerOptions options) : state_(std::make_unique<State>(std::move(options))) {
    auto& s = *state_;
    s.login_required = s.options.require_login || !IsLoopback(s.options.bind);
    if (s.login_required) {
        s.users = UserStore::Load(UserStore::FileIn(s.options.data_dir)).Value();
        if (s.users.Users().empty()) {
            spdlog::warn("login is required but {} has no user: nobody can log in",
                         UserStore::FileIn(s.options.data_dir).string());
            spdlog::warn("add one with `healthflow users add NAME --role admin`");
        }
    }
    s.Install();
    // One connection is opened now and kept in the pool: the server owns the warehouse from the
    // start (DuckDB: one writing process per file), and an unreachable one fails here, clearly.
    { auto first = s.pool.Acquire(); }
}

Server::~Server() {
    Stop();
}

int Server::Bind() {
    auto& s = *state_;
    if (s.options.port == 0) {
        s.port = s.http.bind_to_any_port(s.options.bind);
        if (s.port < 0) {
            s.port = 0;
        }
    } else if (s.http.bind_to_port(s.options.bind, s.options.port)) {
        s.port = s.options.port;
    }
    if (s.port == 0) {
        throw Error(ErrorKind::CONFLICT, "cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port),
                    "the port may be taken by another program (try --port with another number) or the address is not "
                    "one of this machine's");
    }
    return s.port;
}

int Server::Port() const {
    return state_->port;
}

bool Server::LoginRequired() const {
    return state_->login_required;
}

void Server::Run() {
    auto& s = *state_;
    s.running = true;
    if (s.stopping) {  // Stop() came first
        s.running = false;
        return;
    }
    std::vector<std::jthread> threads;
    for (const auto& service : s.options.services) {
        threads.emplace_back([service](std::stop_token stop) {
            try {
                service.run(stop);
            } catch (const std::exception& e) {
                spdlog::error("background service {} stopped: {}", service.name, e.what());
            }
        });
    }
    s.http.listen_after_bind();
    for (auto& t : threads) {
        t.request_stop();
    }
    s.running = false;
}

void Server::InvalidateCache() {
    state_->cache.Clear();
}

void Server::Stop() {
    if (!state_) {
        return;
    }
    auto& s = *state_;
    s.stopping = true;
    // Run() may be between its check and httplib's loop: wait until that loop runs (or Run ends),
    // since httplib's stop() does nothing before it.
    while (s.running && !s.http.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    s.http.stop();
}

} // namespace hf::serve
