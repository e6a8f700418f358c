-- Issue #14: back orders against incoming stock (the book's green turbo broom). A line may take what is on hand and
-- reserve the rest from the product's incoming batch; a receipt of the batch fills the back orders oldest first.
--
-- products.incoming_reserved: the units of the incoming batch that back orders hold. It never exceeds incoming, so
-- a back order is never taken beyond the batch, and PATCHing incoming below it is refused (409).
alter table products add column incoming_reserved integer not null default 0;
alter table products add constraint products_incoming_reserved_check
    check (incoming_reserved >= 0 and incoming_reserved <= incoming);

-- order_lines.backordered: how many of the line's units wait for the batch (0 once filled, or never back-ordered);
-- expected_on: the batch's date when the line was ordered. For NEW orders the sum of backordered per product is
-- the product's incoming_reserved.
alter table order_lines add column backordered integer not null default 0;
alter table order_lines add column expected_on date;
alter table order_lines add constraint order_lines_backordered_check
    check (backordered >= 0 and backordered <= quantity);
create index order_lines_backordered_idx on order_lines (product_id, order_id) where backordered > 0;
