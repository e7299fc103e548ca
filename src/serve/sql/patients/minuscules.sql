-- A searched text in lower case, as the warehouse wrote the keys of core.recherche_patients
-- (LOWER of this engine). $1 text. No table: its plan is kept and reused as it is.
SELECT LOWER(CAST($1 AS VARCHAR)) AS texte
