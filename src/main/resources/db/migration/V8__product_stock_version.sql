-- Issue #12: an edit of the stock must not overwrite a reservation made meanwhile. Every change of a product row,
-- whoever makes it (the products API, an order's reservation, its cancellation), raises its version; the API gives
-- the version as the product's ETag and checks If-Match against it in the same statement as the change.
alter table products add column version bigint not null default 1;

create function products_next_version() returns trigger language plpgsql as $$
begin
    new.version := old.version + 1;
    return new;
end
$$;

create trigger products_version before update on products
    for each row execute function products_next_version();
