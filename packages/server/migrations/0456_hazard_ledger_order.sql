-- The hazard ledger (台账) reads the hazards still to be dealt with first (open, rectified and
-- waiting for re-check, escalated), the oldest deadline first, then the closed ones: from this
-- index a page of the city's hazards is read in order instead of sorting all of them (196,282
-- hazards on PostgreSQL: the first page took 215 ms, page 2,001 557 ms). A narrower area filters
-- the same scan. The expression is the one `listHazards` orders by (inspections/service-hazards.ts).
create index hazard_ledger_idx on hazard ((status = 'closed'), deadline_at, id);
