#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli_context.h"
#include "cli/result_printer.h"
#include "db/warehouse.h"
#include "insight/questions.h"

namespace hf::cli {

namespace {

// Options of `healthflow ask`.
struct AskOptions {
    std::string question;
    std::string service;
    std::string motif;
    int64_t patient = 0;
    std::string at;
    std::string format = "table";
};

}  // namespace

void RegisterAskCommands(CLI::App& app, CliContext& ctx) {
    auto options = std::make_shared<AskOptions>();
    auto* ask = app.add_subcommand(
        "ask",
        "Answer one of the five decision questions from the warehouse's marts (build them first with "
        "`healthflow transform build`)");
    ask->add_option("question", options->question,
                    "q1 services at or above 90 % now (free beds, 7/30-day rates); q2 mean cost per patient by "
                    "service and motif; q3 medications at or below threshold (deficit, order); q4 length of stay "
                    "(DMS) per service and deviation; q5 a patient's address and mutuelle history")
        ->required()
        ->check(CLI::IsMember({"q1", "q2", "q3", "q4", "q5"}, CLI::ignore_case));
    ask->add_option("--service", options->service, "Service code (URG, CARDIO, ...) for q1, q2 and q4");
    ask->add_option("--motif", options->motif, "Part of the motif for q2, case-insensitive (e.g. bronchiolite)");
    auto* patient = ask->add_option("--patient", options->patient, "Patient id for q5");
    ask->add_option("--at", options->at,
                    "q5: the record as it was at YYYY-MM-DD (end of that day) or at 'YYYY-MM-DD HH:MM'");
    ask->add_option("--format", options->format, "Output: table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    ask->add_option_function<std::string>(
        "--warehouse-url", [&ctx](const std::string& url) { ctx.Override("warehouse.url", url); },
        "PostgreSQL warehouse (postgresql://user@host:5432/db) instead of the DuckDB file");
    ask->callback([&ctx, options, patient] {
        OutputFormat format = ParseOutputFormat(options->format);
        insight::Question question = insight::ParseQuestion(options->question);
        insight::QuestionFilters filters;
        if (!options->service.empty()) filters.service = options->service;
        if (!options->motif.empty()) filters.motif = options->motif;
        if (patient->count() > 0) filters.patient = options->patient;
        if (!options->at.empty()) filters.at = options->at;

        db::OpenOptions open;
        open.read_only = true;
        auto warehouse = db::OpenWarehouse(ctx.GetConfig(), open);
        db::ResultSet answer = insight::AnswerQuestion(*warehouse, question, filters);
        if (format == OutputFormat::TABLE) {
            std::printf("%s : %s\n\n", std::string(insight::QuestionName(question)).c_str(),
                        std::string(insight::QuestionTitle(question)).c_str());
        }
        PrintResult(answer, format, stdout);
        if (format == OutputFormat::TABLE && answer.RowCount() == 0 && question == insight::Question::OCCUPATION) {
            std::printf("Aucun service n'atteint 90 %% de ses lits à l'instant de référence.\n");
        }
    });
}

}  // namespace hf::cli
