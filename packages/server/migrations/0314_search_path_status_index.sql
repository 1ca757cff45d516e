-- Searching a region's cases by status (an operator's "handling in my street"): the region's
-- range of this index holds the status, so matching rows are found without reading every case
-- of the region from the table.
create index cases_path_status_idx on cases (region_path text_pattern_ops, status, reported_at);
