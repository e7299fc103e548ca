-- The hospital's "now" and the data freshness (one row).
SELECT instant_reference, date_reference, derniere_extraction, derniere_construction
FROM marts.kpi_reference
