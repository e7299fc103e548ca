-- Empties the hospital (generate --reset), in the generation's transaction.
TRUNCATE admissions, patients, services, stocks_medicaments, journal_suppressions,
    simulation.commandes_en_cours RESTART IDENTITY;
