-- The base map under the city's boundaries: an XYZ/WMTS tile URL template ({z}, {x}, {y}) and the
-- coordinate system its tiles are drawn in ('wgs84', or 'gcj02' as most Chinese web maps are),
-- with the attribution its provider asks for. Null: our own boundaries and labels only.
alter table city_profile add column base_map jsonb;
