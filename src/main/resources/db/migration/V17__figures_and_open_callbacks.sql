-- Two more parts of the card's statement as functions, for the reason of V16 (the driver
-- reads a statement's whole text every time it runs it): plain SQL functions of one SELECT,
-- called in FROM, which PostgreSQL inlines into the calling statement.

-- A client's sales figures, from its orders that were not cancelled: turnover and number of
-- orders over the last 12 months (by the database's clock, the one that stamps orders) and
-- the average order over all time. Zero for a client without orders. Read by the card, by
-- the figures of one client and by the reports, for many clients at once.
create function client_figures(_client bigint)
returns table (turnover numeric, average_order numeric, orders_per_year bigint)
language sql stable as $$
select coalesce(sum(o.total) filter (where o.placed_at > now() - interval '12 months'), 0),
       round(coalesce(avg(o.total), 0), 2),
       count(*) filter (where o.placed_at > now() - interval '12 months')
from orders o
where o.client_id = _client and o.status <> 'CANCELLED'
$$;

-- A client's open callbacks, the most urgent first, at most _at_most, as one JSON array (the
-- fields of an open callback as a pop shows it beside the card).
create function open_callbacks(_client bigint, _at_most int)
returns table (open json)
language sql stable as $$
select coalesce(json_agg(json_build_object('id', t.id, 'clientId', t.client_id, 'clientName', c.name,
           'callId', t.call_id, 'callerNumber', t.caller_number, 'ownerLogin', o.login, 'assignedTo', a.login,
           'createdAt', t.created_at, 'dueAt', t.due_at, 'escalatedAt', t.escalated_at)
       order by t.due_at, t.id), '[]')
from (select * from callback_tasks k where k.client_id = _client and k.done_at is null
      order by k.due_at, k.id limit _at_most) t
join clients c on c.id = t.client_id
join employees o on o.id = t.owner_id
join employees a on a.id = t.assigned_to
$$;
