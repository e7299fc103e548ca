-- Two runs of the same snapshot must not both read the current versions then both insert new
-- ones: the second waits for the first to commit. Readers are not blocked.
LOCK TABLE {target} IN SHARE ROW EXCLUSIVE MODE
