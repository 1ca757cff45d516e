-- Time added to the running step's deadline: working time spent suspended plus approved extensions.
alter table cases add column step_shift_ms bigint not null default 0;
