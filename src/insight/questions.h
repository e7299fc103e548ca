#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/types.h"
#include "db/warehouse.h"

namespace hf::insight {

// The five decision questions answered from the warehouse's marts.
enum class Question {
    OCCUPATION,  // q1: services at or above 90 % of their beds now, free beds, 7/30-day rates
    COSTS,       // q2: mean cost per stay and per patient by service and motif
    STOCKS,      // q3: medications at or below threshold, deficit, quantity and value to order
    LENGTH_OF_STAY,  // q4: DMS per service and overall, with each service's deviation
    PATIENT_HISTORY, // q5: a patient's address and mutuelle history, or the version at a date
};

// Filters of a question; each question reads the ones it understands (see QuestionUsage).
struct QuestionFilters {
    std::optional<std::string> service;  // service code (q1, q2, q4), case-insensitive
    std::optional<std::string> motif;    // substring of the motif (q2), case-insensitive
    std::optional<int64_t> patient;      // patient id (q5, required)
    std::optional<std::string> at;       // q5: YYYY-MM-DD (end of that day) or YYYY-MM-DD HH:MM[:SS]
};

// "q1".."q5" (case-insensitive); throws INVALID_INPUT naming the valid choices otherwise.
Question ParseQuestion(std::string_view name);

// "q1".."q5".
std::string_view QuestionName(Question question);

// The question in French, as a title for the answer.
std::string_view QuestionTitle(Question question);

// The relations a question reads ("marts.kpi_occupation_actuelle", ...).
std::vector<std::string> QuestionRelations(Question question);

// The instant a q5 --at value stands for: a date means the end of that day (23:59:59), an
// instant is kept; throws INVALID_INPUT for anything else.
std::string ResolveAtInstant(std::string_view at);

// Answers `question` on `warehouse` with French column headers. Throws NOT_FOUND with the hint
// "run `healthflow transform build` first" when a relation it reads does not exist, NOT_FOUND
// when q5's patient has no history, INVALID_INPUT for a missing or malformed filter. Thread-
// compatible: one warehouse connection per call.
db::ResultSet AnswerQuestion(db::Warehouse& warehouse, Question question, const QuestionFilters& filters);

}  // namespace hf::insight
