-- Platform-wide facts (e.g. which demo seed has been applied).
create table app_meta (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);
