-- Whether the caller gave up before anyone answered (left a queue, or hung up while a phone rang or before any rang),
-- as the call tracker decides it. Calls recorded before this column existed get the rule the board used until then.
alter table calls add column abandoned boolean not null default false;
update calls set abandoned = true
 where outcome = 'MISSED'
   and (jsonb_array_length(legs) = 0 or legs @> '[{"endReason": "CANCEL"}]'::jsonb);
