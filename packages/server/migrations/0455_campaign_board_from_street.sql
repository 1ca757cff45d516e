-- The campaign board's counters are kept from the street down (street, community, grid rows);
-- a district's and the city's figures are the sums of their streets' rows at read. Concurrent
-- visits anywhere in the city all added to the one city row (and their district's), and waited
-- on its row lock (bench/inspections-contention.ts: 16 clients, ≈6 sessions waiting on average).
-- `depth` is the number of segments of region_path (city 1, district 2, street 3, …).
alter table campaign_board add column depth smallint;
update campaign_board set depth = array_length(string_to_array(rtrim(region_path, '/'), '/'), 1);
delete from campaign_board where depth < 3;
alter table campaign_board alter column depth set not null;
create index campaign_board_depth_idx on campaign_board (campaign_id, depth, region_path);
