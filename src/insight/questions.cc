#include "insight/questions.h"

#include <array>
#include <regex>

#include "common/error.h"
#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(insight_sql)

namespace hf::insight {

namespace {

struct QuestionSpec {
    Question question;
    std::string_view name;
    std::string_view title;
    std::string_view sql_file;
    std::vector<std::string> relations;
};

const std::array<QuestionSpec, 5>& Specs() {
    static const std::array<QuestionSpec, 5> specs{{
        {Question::OCCUPATION, "q1", "Services à 90 % ou plus de leurs lits maintenant, lits libres, taux sur 7 et 30 jours",
         "q1_occupation.sql", {"marts.kpi_occupation_actuelle"}},
        {Question::COSTS, "q2", "Coût moyen par séjour et par patient, par service et motif", "q2_couts.sql",
         {"marts.fct_hospitalisations", "marts.dim_services"}},
        {Question::STOCKS, "q3", "Médicaments au seuil d'alerte ou en dessous : déficit, quantité et valeur à commander",
         "q3_stocks.sql", {"marts.kpi_alertes_stocks"}},
        {Question::LENGTH_OF_STAY, "q4", "Durée moyenne de séjour (DMS) par service et écart à la moyenne", "q4_dms.sql",
         {"marts.kpi_dms_service"}},
        {Question::PATIENT_HISTORY, "q5", "Historique de l'adresse et de la mutuelle d'un patient", "q5_historique.sql",
         {"core.v_historique_patient"}},
    }};
    return specs;
}

const QuestionSpec& SpecOf(Question question) {
    for (const auto& spec : Specs()) {
        if (spec.question == question) {
            return spec;
        }
    }
    throw Error(ErrorKind::INTERNAL, "unknown question");
}

// Fails with the build hint when a relation the question reads is missing.
void RequireRelations(db::Warehouse& warehouse, const QuestionSpec& spec) {
    for (const auto& qualified : spec.relations) {
        auto dot = qualified.find('.');
        std::string schema = qualified.substr(0, dot);
        std::string name = qualified.substr(dot + 1);
        if (!warehouse.RelationExists(schema, name)) {
            throw Error(ErrorKind::NOT_FOUND,
                        "question " + std::string(spec.name) + " reads " + qualified + ", which does not exist in " +
                            warehouse.Describe(),
                        "run `healthflow transform build` first (after `healthflow load`) to build the marts");
        }
    }
}

db::Value OptionalText(const std::optional<std::string>& value) {
    if (!value || Trim(*value).empty()) {
        return db::Value();
    }
    return db::Value(std::string(Trim(*value)));
}

}  // namespace

Question ParseQuestion(std::string_view name) {
    std::string lower = ToLower(Trim(name));
    for (const auto& spec : Specs()) {
        if (lower == spec.name) {
            return spec.question;
        }
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown question '" + std::string(name) + "'",
                "ask one of q1 (occupation), q2 (costs), q3 (stocks), q4 (length of stay), q5 (patient history)");
}

std::string_view QuestionName(Question question) { return SpecOf(question).name; }

std::string_view QuestionTitle(Question question) { return SpecOf(question).title; }

std::vector<std::string> QuestionRelations(Question question) { return SpecOf(question).relations; }

std::string ResolveAtInstant(std::string_view at) {
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex kInstant(R"(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?)");
    std::string text(Trim(at));
    if (std::regex_match(text, kDate)) {
        return text + " 23:59:59";
    }
    if (std::regex_match(text, kInstant)) {
        text[10] = ' ';
        return text.size() == 16 ? text + ":00" : text;
    }
    throw Error(ErrorKind::INVALID_INPUT, "--at '" + std::string(at) + "' is neither a date nor an instant",
                "write --at YYYY-MM-DD (the record at the end of that day) or --at 'YYYY-MM-DD HH:MM'");
}

db::ResultSet AnswerQuestion(db::Warehouse& warehouse, Question question, const QuestionFilters& filters) {
    const QuestionSpec& spec = SpecOf(question);
    std::vector<db::Value> params;
    switch (question) {
        case Question::OCCUPATION:
        case Question::LENGTH_OF_STAY: params = {OptionalText(filters.service)}; break;
        case Question::COSTS: params = {OptionalText(filters.service), OptionalText(filters.motif)}; break;
        case Question::STOCKS: break;
        case Question::PATIENT_HISTORY: {
            if (!filters.patient) {
                throw Error(ErrorKind::INVALID_INPUT, "question q5 needs a patient",
                            "give --patient ID (the patient's id in the hospital's database)");
            }
            db::Value at = filters.at ? db::Value(ResolveAtInstant(*filters.at)) : db::Value();
            params = {db::Value(static_cast<long long>(*filters.patient)), at};
            break;
        }
    }
    RequireRelations(warehouse, spec);
    std::string sql(resources::bundles::insight_sql().Get(spec.sql_file));
    db::ResultSet answer = warehouse.Query(sql, params);
    if (question == Question::PATIENT_HISTORY && answer.RowCount() == 0) {
        std::string id = std::to_string(*filters.patient);
        db::ResultSet any = warehouse.Query(std::string(resources::bundles::insight_sql().Get(spec.sql_file)),
                                            {db::Value(static_cast<long long>(*filters.patient)), db::Value()});
        if (any.RowCount() == 0) {
            throw Error(ErrorKind::NOT_FOUND, "patient " + id + " has no history in core.v_historique_patient",
                        "check the id; a patient appears after `healthflow load` and `healthflow transform build`");
        }
        throw Error(ErrorKind::NOT_FOUND,
                    "patient " + id + " has no version valid at " + ResolveAtInstant(*filters.at) +
                        " (the record starts " + any.Text(0, any.ColumnIndex("Valide du")) + ")",
                    "ask without --at to see every version, or give a later date");
    }
    return answer;
}

}  // namespace hf::insight
