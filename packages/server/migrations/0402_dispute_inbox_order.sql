-- The disputes inbox in its own order from an index: open disputes first, most urgent first
-- (urgent, high, normal, the rest), closed ones after, newest first within each — for the city's
-- and a district's whole area (a street holds a few thousand disputes: sorted as read). Without
-- them a city's first page sorted every dispute (1.6 s at 1 M on PostgreSQL). The expression is
-- written once more in disputes/service-read.ts (INBOX_RANK): both must stay the same text.
create index dispute_inbox_city_idx on dispute (
  city_code,
  (case when status = 'closed' then 4 when priority = 'urgent' then 0 when priority = 'high' then 1
        when priority = 'normal' then 2 else 3 end),
  screened_at desc, case_id desc);
create index dispute_inbox_district_idx on dispute (
  district_code,
  (case when status = 'closed' then 4 when priority = 'urgent' then 0 when priority = 'high' then 1
        when priority = 'normal' then 2 else 3 end),
  screened_at desc, case_id desc);
