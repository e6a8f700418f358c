-- What a card offers (clients.AlsoBuy): per segment (the industry compared without case, as the reports group it) and
-- product, how many clients that are not archived buy it, to buy being to have it in an order that was not cancelled.
-- Ranking a segment from the orders costs about half a second of a core per card on the benchmark's scale, so the
-- counts are kept here and a card reads its segment's rows through the unique index. clients.SegmentBuyersRefresh
-- refreshes the view (concurrently: the unique index allows it, and cards go on reading the old rows meanwhile) at
-- start and every ringside.offers.refresh-interval, so offers are up to one interval old. Created with its data, so
-- the first refresh can already be concurrent.
create materialized view segment_buyers as
select lower(c.industry) as segment, l.product_id, count(distinct o.client_id) as buyers
from clients c
join orders o on o.client_id = c.id and o.status <> 'CANCELLED'
join order_lines l on l.order_id = o.id
where c.archived_at is null
group by lower(c.industry), l.product_id;
create unique index segment_buyers_key on segment_buyers (segment, product_id);
