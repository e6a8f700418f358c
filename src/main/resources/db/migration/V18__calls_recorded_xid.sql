-- Which transaction wrote each call: the board reads the calls written by transactions that had not ended when
-- its last read began (pg_current_snapshot()'s xmin) instead of re-reading every call recorded in the last 30 s.
-- Rows already there keep no id (they are read by the first full read of their day); no rewrite of the table.
alter table calls add column recorded_xid xid8;
alter table calls alter column recorded_xid set default pg_current_xact_id();
create index calls_recorded_xid_idx on calls (recorded_xid);
-- recorded_at stays (when the call was written); nothing reads by it any more.
drop index calls_recorded_idx;
