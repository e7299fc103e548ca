-- Rows of the operational tables and views, for `healthflow db report`.
SELECT 'services' AS objet, count(*) AS lignes FROM services
UNION ALL SELECT 'patients', count(*) FROM patients
UNION ALL SELECT 'admissions', count(*) FROM admissions
UNION ALL SELECT 'stocks_medicaments', count(*) FROM stocks_medicaments
UNION ALL SELECT 'journal_suppressions', count(*) FROM journal_suppressions
UNION ALL SELECT 'v_occupation_services', count(*) FROM v_occupation_services
UNION ALL SELECT 'v_alertes_stocks', count(*) FROM v_alertes_stocks;
