-- The lists of a client's card, as JSON arrays built by PostgreSQL: its contacts, its recent
-- history, its open orders, what it buys most and what to offer it next. The card's one
-- statement (Cards) takes them from here, so the text the driver reads on every routed call
-- is a few hundred characters, not three thousand. A plain SQL function of one SELECT,
-- called in FROM: PostgreSQL inlines it into the calling statement, which is planned and
-- kept as before.
--
-- The lists are in the application's own JSON form, so that a card is sent to a page from
-- the text PostgreSQL wrote, without reading it into records and writing it again (JsonList):
-- no member that is null (the application leaves them out), and instants as the application
-- writes them (json_instant).

-- An instant as the application writes one in JSON: ISO 8601 in UTC with a Z, its fraction
-- of a second in as many groups of three digits as it needs (none for a whole second).
create function json_instant(_at timestamptz) returns text
language sql stable as $$
select regexp_replace(regexp_replace(to_char(_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
           '\.000000$', ''), '(\.[0-9]{3})000$', '\1') || 'Z'
$$;

-- Parameters: the client and its industry (the segment of its offers), how many entries of
-- history, how many products bought most and how many offers.
create function card_lists(_client bigint, _industry text, _recent int, _top int, _offers int)
returns table (contacts json, recent json, open_orders json, top_products json, also_buy json)
language sql stable as $$
select
    -- contacts, in the order they were added, each with its own numbers
    json_strip_nulls((select coalesce(json_agg(json_build_object('id', k.id, 'clientId', k.client_id, 'fullName', k.full_name,
            'position', k.position, 'email', k.email, 'phoneNumbers',
            array(select p.e164 from phone_numbers p where p.contact_id = k.id order by p.id)) order by k.id), '[]')
        from contacts k where k.client_id = _client)),
    -- the newest entries of the history
    json_strip_nulls((select coalesce(json_agg(json_build_object('id', i.id, 'clientId', i.client_id, 'kind', i.kind,
            'employeeLogin', e.login, 'employeeName', e.full_name, 'occurredAt', json_instant(i.occurred_at), 'callId', i.call_id,
            'orderId', i.order_id, 'text', i.text) order by i.occurred_at desc, i.id desc), '[]')
        from (select * from interactions h where h.client_id = _client order by h.occurred_at desc, h.id desc
            limit _recent) i
        left join employees e on e.id = i.employee_id)),
    -- orders still NEW, newest first, each with its lines
    json_strip_nulls((select coalesce(json_agg(json_build_object('id', o.id, 'placedAt', json_instant(o.placed_at), 'employeeLogin', e.login,
            'total', o.total, 'lines', (select coalesce(json_agg(json_build_object('sku', p.sku, 'name', p.name,
                'quantity', l.quantity, 'unitPrice', l.unit_price) order by p.sku), '[]')
                from order_lines l join products p on p.id = l.product_id where l.order_id = o.id))
            order by o.placed_at desc, o.id desc), '[]')
        from orders o join employees e on e.id = o.employee_id
        where o.client_id = _client and o.status = 'NEW')),
    -- what it buys most, with the stock now
    json_strip_nulls((select coalesce(json_agg(t order by t."quantityBought" desc, t.sku), '[]')
        from (select p.sku, p.name, coalesce(p.attributes, '{}'::jsonb) as attributes, p.price,
                p.on_hand as "onHand", p.incoming, p.incoming_date as "incomingDate",
                sum(l.quantity) as "quantityBought"
            from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
            where o.client_id = _client and o.status <> 'CANCELLED'
            group by p.id
            order by "quantityBought" desc, p.sku limit _top) t)),
    -- what to offer: the products most clients of its segment buy (the counts kept in
    -- segment_buyers, an index range) that it never bought in an order not cancelled
    json_strip_nulls((select coalesce(json_agg(s order by s.buyers desc, s.sku), '[]')
        from (select p.sku, p.name, coalesce(p.attributes, '{}'::jsonb) as attributes, p.price,
                p.on_hand as "onHand", p.incoming, p.incoming_date as "incomingDate", b.buyers
            from segment_buyers b join products p on p.id = b.product_id
            where b.segment = lower(_industry)
              and not exists (select 1 from orders mine join order_lines ml on ml.order_id = mine.id
                  where mine.client_id = _client and mine.status <> 'CANCELLED' and ml.product_id = b.product_id)
            order by b.buyers desc, p.sku limit _offers) s))
$$;
