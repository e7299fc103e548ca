-- Totals of the alert board, same filters as alertes.sql (through the one-row `parametres`, see
-- README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS VARCHAR) AS niveau, CAST($2 AS VARCHAR) AS classe_ven, CAST($3 AS DATE) AS rupture_avant
)
SELECT CAST(COUNT(*) AS INTEGER) AS nb_alertes,
       CAST(COUNT(*) FILTER (WHERE a.niveau = 'RUPTURE') AS INTEGER) AS nb_ruptures,
       CAST(COUNT(*) FILTER (WHERE a.niveau = 'URGENT') AS INTEGER) AS nb_urgents,
       CAST(COALESCE(SUM(a.valeur_a_commander), 0) AS DECIMAL(14, 2)) AS valeur_totale_a_commander
FROM marts.kpi_alertes_stocks a, parametres p
WHERE (p.niveau IS NULL OR a.niveau = p.niveau)
  AND (p.classe_ven IS NULL OR a.classe_ven = p.classe_ven)
  AND (p.rupture_avant IS NULL OR a.quantite = 0 OR a.date_rupture_prevue <= p.rupture_avant)
