-- When each call was written, by the database's clock: the board reads the calls recorded since its last read
-- rather than all of today's each time. Rows already there count as recorded now (a constant default: no rewrite
-- of the table); new rows get the time of their insert.
alter table calls add column recorded_at timestamptz not null default now();
alter table calls alter column recorded_at set default clock_timestamp();
create index calls_recorded_idx on calls (recorded_at);
