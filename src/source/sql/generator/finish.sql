-- Sequences continue after the explicit ids written by the generator.
SELECT setval(pg_get_serial_sequence('services', 'id'), coalesce((SELECT max(id) FROM services), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('patients', 'id'), coalesce((SELECT max(id) FROM patients), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('admissions', 'id'), coalesce((SELECT max(id) FROM admissions), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('stocks_medicaments', 'id'),
              coalesce((SELECT max(id) FROM stocks_medicaments), 0) + 1, false);
