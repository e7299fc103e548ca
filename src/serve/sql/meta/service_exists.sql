-- $1 code_service
SELECT 1 AS present FROM marts.dim_services WHERE code_service = CAST($1 AS VARCHAR)
