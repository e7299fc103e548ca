#include "serve/routes.h"

#include <algorithm>

#include "common/strings.h"
#include "serve/api_error.h"
#include "serve/search_keys.h"
#include "serve/search_results.h"
#include "serve/table_output.h"

namespace hf::serve {

namespace {

const std::vector<std::string> kIdentity = {"nom", "prenom", "telephone", "email"};

// Identity columns a role may not see.
std::vector<std::string> HiddenFor(const Identity& who) {
    return RoleSeesIdentity(who.role) ? std::vector<std::string>{} : kIdentity;
}

bool IsPseudonym(const std::string& text) {
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

long long RequirePatient(const QueryParams& params) {
    auto id = params.OptionalInt("patient_id", 1, 2147483647);
    if (!id) {
        throw ApiError{400, "paramètre « patient_id » manquant", "recherchez d'abord le patient, puis choisissez-le"};
    }
    return *id;
}

} // namespace

void RegisterPatientRoutes(Router& router) {
    // Finds patients: by number or pseudonym for every role, by name for roles that see identity.
    router.Get("/api/patients/recherche", Page::PATIENTS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"q", "du", "au", "service"});
        params.GetPeriod();
        params.ServiceCode();
        auto q = params.SearchText("q");
        if (!q) {
            throw ApiError{400, "paramètre « q » manquant : que faut-il chercher ?",
                           RoleSeesIdentity(ctx.Who().role) ? "tapez un nom, un prénom ou un numéro de patient"
                                                            : "tapez un numéro de patient ou un pseudonyme"};
        }
        // A number is a patient's number, 32 hexadecimal digits a pseudonym (an md5), any other
        // text the start of a name.
        long long number = 0;
        db::ResultSet rows;
        if (ParseInt64(*q, number) && number > 0 && number <= 2147483647) {
            rows = ctx.Query("patients/recherche_numero.sql", {db::Value(number)});
        } else if (IsPseudonym(*q)) {
            std::string pseudo = ToLower(*q);
            rows =
                ctx.Query("patients/recherche_pseudo.sql", {db::Value(pseudo), db::Value(PrefixNumbers(pseudo).low)});
        } else {
            std::string start = ctx.Query("patients/minuscules.sql", {db::Value(*q)}).Text(0, 0);
            auto numbers = PrefixNumbers(start);
            rows = FirstRowPerPatient(
                ctx.Query("patients/recherche.sql", {db::Value(start), db::Value(RoleSeesIdentity(ctx.Who().role)),
                                                     db::Value(numbers.low), db::Value(numbers.high)}),
                50);
        }
        ctx.SendTable(params, "patients", rows, {{"identite_visible", RoleSeesIdentity(ctx.Who().role)}},
                      HiddenFor(ctx.Who()));
    });
    // Every version of a patient's record (address, mutuelle), oldest first; with `date`, marks
    // the version in force at that date (question 5).
    router.Get("/api/patients/historique", Page::PATIENTS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"patient_id", "date", "du", "au", "service"});
        params.GetPeriod();
        params.ServiceCode();
        long long patient = RequirePatient(params);
        auto date = params.Date("date");
        auto rows = ctx.Query("patients/historique.sql", {db::Value(patient), db::Value(date)});
        if (rows.RowCount() == 0) {
            throw ApiError{404, "aucun patient n° " + std::to_string(patient) + " dans l'historique",
                           "vérifiez le numéro ou recherchez le patient"};
        }
        ctx.SendTable(params, "historique_patient_" + std::to_string(patient), rows,
                      {{"patient_id", patient}, {"identite_visible", RoleSeesIdentity(ctx.Who().role)}},
                      HiddenFor(ctx.Who()));
    });
    // The patient's stays in the period (and service), with their cost.
    router.Get("/api/patients/sejours", Page::PATIENTS, [](RequestContext& ctx) {
        QueryParams params(ctx.Request(), {"patient_id", "du", "au", "service"});
        long long patient = RequirePatient(params);
        auto period = params.GetPeriod();
        auto service = ctx.ResolveService(params);
        auto rows = ctx.Query("patients/sejours.sql",
                              {db::Value(patient), db::Value(period.from), db::Value(period.to), db::Value(service)});
        ctx.SendTable(params, "sejours_patient_" + std::to_string(patient), rows, {{"patient_id", patient}});
    });
}

} // namespace hf::serve
