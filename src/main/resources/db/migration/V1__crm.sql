-- The CRM core: employees, clients with exactly one owner, contacts and their numbers, the append-only
-- history of every client, products with stock, and orders.

create table employees (
    id              bigint generated always as identity primary key,
    login           varchar(64)  not null,
    full_name       varchar(200) not null,
    role            varchar(20)  not null
        check (role in ('MANAGER', 'HEAD_OF_SALES', 'SUPERVISOR', 'ADMIN')),
    extension       varchar(80),
    password_hash   varchar(100) not null,
    active          boolean      not null default true,
    created_at      timestamptz  not null default now(),
    -- Only sales people can own clients; clients reference (id, can_own_clients) so the database refuses
    -- any other owner, and refuses to change the role of someone who still owns clients.
    can_own_clients boolean generated always as (role in ('MANAGER', 'HEAD_OF_SALES')) stored,
    constraint employees_login_key unique (login),
    constraint employees_login_format check (login ~ '^[a-z0-9._-]+$'),
    constraint employees_extension_key unique (extension),
    constraint employees_owner_key unique (id, can_own_clients)
);

create table clients (
    id             bigint generated always as identity primary key,
    name           varchar(300) not null check (length(trim(name)) > 0),
    tax_id         varchar(20),
    industry       varchar(100) not null check (length(trim(industry)) > 0),
    vip            boolean      not null default false,
    owner_id       bigint       not null,
    owner_can_own  boolean      not null default true check (owner_can_own),
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    -- A client is archived, never deleted: its history stays.
    archived_at    timestamptz,
    -- Exactly one owner: a single non-null column, pointing at someone who may own clients.
    constraint clients_owner_fkey foreign key (owner_id, owner_can_own)
        references employees (id, can_own_clients) on update restrict on delete restrict,
    constraint clients_tax_id_key unique (tax_id)
);
create index clients_owner_idx on clients (owner_id);
create index clients_industry_idx on clients (industry);
create index clients_name_idx on clients (lower(name));

create table contacts (
    id         bigint generated always as identity primary key,
    client_id  bigint       not null references clients (id) on delete cascade,
    full_name  varchar(200) not null check (length(trim(full_name)) > 0),
    position   varchar(200),
    email      varchar(200),
    created_at timestamptz  not null default now(),
    constraint contacts_client_key unique (id, client_id)
);
create index contacts_client_idx on contacts (client_id);

-- A number belongs to one client at most: the E.164 form is unique across all clients.
create table phone_numbers (
    id         bigint generated always as identity primary key,
    client_id  bigint      not null references clients (id) on delete cascade,
    contact_id bigint,
    e164       varchar(20) not null check (e164 ~ '^\+[1-9][0-9]{5,14}$'),
    label      varchar(50),
    constraint phone_numbers_e164_key unique (e164),
    constraint phone_numbers_contact_fkey foreign key (contact_id, client_id)
        references contacts (id, client_id) on delete cascade
);
create index phone_numbers_client_idx on phone_numbers (client_id);

create table products (
    id            bigint generated always as identity primary key,
    sku           varchar(64)    not null,
    name          varchar(300)   not null check (length(trim(name)) > 0),
    attributes    jsonb          not null default '{}'::jsonb,
    price         numeric(14, 2) not null check (price >= 0),
    on_hand       integer        not null check (on_hand >= 0),
    incoming      integer        not null default 0 check (incoming >= 0),
    incoming_date date,
    updated_at    timestamptz    not null default now(),
    constraint products_sku_key unique (sku)
);

create table orders (
    id          bigint generated always as identity primary key,
    client_id   bigint         not null references clients (id),
    employee_id bigint         not null references employees (id),
    status      varchar(20)    not null default 'NEW' check (status in ('NEW', 'SHIPPED', 'CANCELLED')),
    total       numeric(14, 2) not null check (total >= 0),
    call_id     varchar(64),
    placed_at   timestamptz    not null default now()
);
create index orders_client_idx on orders (client_id, placed_at desc);
create index orders_status_idx on orders (status, placed_at);

create table order_lines (
    order_id   bigint         not null references orders (id) on delete cascade,
    product_id bigint         not null references products (id),
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(14, 2) not null check (unit_price >= 0),
    primary key (order_id, product_id)
);
create index order_lines_product_idx on order_lines (product_id);

-- The history of a client: calls, notes, decisions, orders, changes of owner. It is only ever appended to.
create table interactions (
    id          bigint generated always as identity primary key,
    client_id   bigint        not null references clients (id),
    kind        varchar(20)   not null check (kind in ('CALL_IN', 'CALL_OUT', 'CALL_MISSED', 'NOTE', 'DECISION',
                                                      'ORDER', 'REASSIGNED', 'CLIENT_CREATED')),
    employee_id bigint        references employees (id),
    occurred_at timestamptz   not null default now(),
    call_id     varchar(64),
    order_id    bigint        references orders (id),
    text        varchar(4000) not null default ''
);
create index interactions_client_idx on interactions (client_id, occurred_at desc, id desc);

create function interactions_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the history of a client is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger interactions_append_only
    before update or delete on interactions
    for each row execute function interactions_append_only();
