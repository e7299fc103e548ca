SELECT EXISTS (SELECT 1 FROM services) OR EXISTS (SELECT 1 FROM patients)
    OR EXISTS (SELECT 1 FROM admissions) OR EXISTS (SELECT 1 FROM stocks_medicaments)
    OR EXISTS (SELECT 1 FROM journal_suppressions);
