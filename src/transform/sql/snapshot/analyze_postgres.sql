-- PostgreSQL never analyzes temporary tables by itself; the joins that follow need row counts.
ANALYZE {source}
