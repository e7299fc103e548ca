#pragma once

#include <string>
#include <vector>

#include "common/config.h"
#include "pipeline/alerts.h"

namespace hf::pipeline {

// The business alerts of the warehouse's marts after a run for `logical_date`: one alert listing
// the services at or above 90 % bed occupancy now (marts.kpi_occupation_actuelle), one listing
// the medications at or below their alert threshold (marts.kpi_alertes_stocks); none when nothing
// crosses a threshold. Keys are per day ("occupation:<date>", "stocks:<date>"), so rerunning a
// day does not alert twice. Throws hf::Error when the warehouse or the marts cannot be read.
std::vector<Alert> BusinessAlerts(const Config& config, const std::string& logical_date);

}  // namespace hf::pipeline
