-- Route decisions reach PostgreSQL through a Redis Stream, which delivers at least once: a decision is one row,
-- whatever the number of deliveries. Rows written twice before this are folded into the first.
delete from route_decisions later
    using route_decisions earlier
    where later.call_id = earlier.call_id
      and later.decided_at = earlier.decided_at
      and later.attempt = earlier.attempt
      and later.id > earlier.id;

drop index route_decisions_call_idx;
create unique index route_decisions_once on route_decisions (call_id, decided_at, attempt);
