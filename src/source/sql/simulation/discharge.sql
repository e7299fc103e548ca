-- Discharges of the day: $1 ids, $2 date_sortie, $3 cout_total (arrays of the same length).
UPDATE admissions a
SET date_sortie = v.date_sortie, cout_total = v.cout_total
FROM unnest($1::integer[], $2::timestamp[], $3::numeric[]) AS v (id, date_sortie, cout_total)
WHERE a.id = v.id;
