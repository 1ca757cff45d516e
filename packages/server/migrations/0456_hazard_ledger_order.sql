-- The hazard ledger (台账) reads the oldest deadline first: from this index a page of the city's
-- hazards is read in order instead of sorting all of them (196,282 hazards on PostgreSQL: the first
-- page took 215 ms, page 2,001 557 ms). A narrower area filters the same scan.
create index hazard_deadline_idx on hazard (deadline_at, id);
