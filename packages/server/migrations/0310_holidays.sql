-- The working calendar's days that differ from the ordinary week: public holidays (kind 'off')
-- and adjusted working days on a weekend (调休上班, kind 'work'), per the State Council's yearly
-- notice. Administrators edit them through /api/v1/calendar/holidays.
create table holiday (
  day         date primary key,
  kind        text not null check (kind in ('off', 'work')),
  name_zh     text not null,
  name_en     text not null,
  -- true until the State Council publishes the year's arrangement (statutory days only)
  provisional boolean not null default false,
  updated_at  timestamptz not null default now()
);

insert into holiday (day, kind, name_zh, name_en, provisional)
select d::date, 'off', v.name_zh, v.name_en, v.provisional
from (values
  -- 2025 (国办发明电〔2024〕12号)
  ('2025-01-01', '2025-01-01', '元旦', 'New Year''s Day', false),
  ('2025-01-28', '2025-02-04', '春节', 'Spring Festival', false),
  ('2025-04-04', '2025-04-06', '清明节', 'Qingming Festival', false),
  ('2025-05-01', '2025-05-05', '劳动节', 'Labour Day', false),
  ('2025-05-31', '2025-06-02', '端午节', 'Dragon Boat Festival', false),
  ('2025-10-01', '2025-10-08', '国庆节、中秋节', 'National Day and Mid-Autumn Festival', false),
  -- 2026 (国务院办公厅 2025-11-04)
  ('2026-01-01', '2026-01-03', '元旦', 'New Year''s Day', false),
  ('2026-02-15', '2026-02-23', '春节', 'Spring Festival', false),
  ('2026-04-04', '2026-04-06', '清明节', 'Qingming Festival', false),
  ('2026-05-01', '2026-05-05', '劳动节', 'Labour Day', false),
  ('2026-06-19', '2026-06-21', '端午节', 'Dragon Boat Festival', false),
  ('2026-09-25', '2026-09-27', '中秋节', 'Mid-Autumn Festival', false),
  ('2026-10-01', '2026-10-07', '国庆节', 'National Day', false),
  -- 2027: statutory days only, until the year's arrangement is published
  ('2027-01-01', '2027-01-01', '元旦', 'New Year''s Day', true),
  ('2027-02-05', '2027-02-08', '春节', 'Spring Festival', true),
  ('2027-04-05', '2027-04-05', '清明节', 'Qingming Festival', true),
  ('2027-05-01', '2027-05-02', '劳动节', 'Labour Day', true),
  ('2027-06-09', '2027-06-09', '端午节', 'Dragon Boat Festival', true),
  ('2027-09-15', '2027-09-15', '中秋节', 'Mid-Autumn Festival', true),
  ('2027-10-01', '2027-10-03', '国庆节', 'National Day', true)
) as v (first_day, last_day, name_zh, name_en, provisional),
lateral generate_series(v.first_day::date, v.last_day::date, interval '1 day') as d;

insert into holiday (day, kind, name_zh, name_en) values
  ('2025-01-26', 'work', '春节调休上班', 'Make-up working day (Spring Festival)'),
  ('2025-02-08', 'work', '春节调休上班', 'Make-up working day (Spring Festival)'),
  ('2025-04-27', 'work', '劳动节调休上班', 'Make-up working day (Labour Day)'),
  ('2025-09-28', 'work', '国庆节调休上班', 'Make-up working day (National Day)'),
  ('2025-10-11', 'work', '国庆节调休上班', 'Make-up working day (National Day)'),
  ('2026-01-04', 'work', '元旦调休上班', 'Make-up working day (New Year''s Day)'),
  ('2026-02-14', 'work', '春节调休上班', 'Make-up working day (Spring Festival)'),
  ('2026-02-28', 'work', '春节调休上班', 'Make-up working day (Spring Festival)'),
  ('2026-05-09', 'work', '劳动节调休上班', 'Make-up working day (Labour Day)'),
  ('2026-09-20', 'work', '国庆节调休上班', 'Make-up working day (National Day)'),
  ('2026-10-10', 'work', '国庆节调休上班', 'Make-up working day (National Day)');
