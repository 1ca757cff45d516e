-- The one-time passwords of a staff import, waiting for the importing administrator to download
-- them: sealed with the server secret (AES-256-GCM, bound to the sheet and its owner), readable
-- once (the sealed text is cleared when taken) or until it expires (cleared then too). Kept in the
-- database so a restart or another process still serves it.
create table setup_password_sheet (
  id             uuid primary key,
  owner_user_id  bigint not null references app_user (id),
  users          integer not null,
  sealed         text,
  created_at     timestamptz not null,
  expires_at     timestamptz not null,
  taken_at       timestamptz
);
create index setup_password_sheet_expiry_idx on setup_password_sheet (expires_at) where sealed is not null;
