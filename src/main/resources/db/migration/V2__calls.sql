-- Every call the PBX handled, written once when it ends; every routing decision, written when it is made; and the
-- callbacks owed for missed calls.

create table calls (
    id              varchar(64)  primary key,  -- the call's Linkedid
    direction       varchar(10)  not null check (direction in ('INBOUND', 'OUTBOUND', 'INTERNAL')),
    caller_number   varchar(40),
    dialed_number   varchar(40),
    client_id       bigint       references clients (id),
    started_at      timestamptz  not null,
    answered_at     timestamptz,
    ended_at        timestamptz  not null,
    answered_device varchar(80),
    answered_by     bigint       references employees (id),
    outcome         varchar(10)  not null check (outcome in ('ANSWERED', 'MISSED')),
    wait_ms         bigint       not null check (wait_ms >= 0),
    talk_ms         bigint       not null check (talk_ms >= 0),
    hangup_cause    integer,
    legs            jsonb        not null default '[]'::jsonb,
    transfers       jsonb        not null default '[]'::jsonb
);
create index calls_client_idx on calls (client_id, started_at desc);
create index calls_started_idx on calls (started_at);

create table route_decisions (
    id          bigint generated always as identity primary key,
    call_id     varchar(64) not null,
    decided_at  timestamptz not null,
    attempt     varchar(10) not null check (attempt in ('FIRST', 'NO_ANSWER')),
    caller_number varchar(40),
    target      varchar(200) not null,
    reason      varchar(20) not null,
    employee_id bigint      references employees (id),
    client_id   bigint      references clients (id),
    took_us     bigint      not null
);
create index route_decisions_call_idx on route_decisions (call_id, decided_at);

-- A call lands in a client's history once, whichever Ringside instance records it.
create unique index interactions_call_once on interactions (client_id, call_id)
    where call_id is not null and kind in ('CALL_IN', 'CALL_OUT', 'CALL_MISSED');

create table callback_tasks (
    id            bigint generated always as identity primary key,
    client_id     bigint      not null references clients (id),
    call_id       varchar(64) not null,
    caller_number varchar(40),
    owner_id      bigint      not null references employees (id),
    assigned_to   bigint      not null references employees (id),
    created_at    timestamptz not null,
    due_at        timestamptz not null,
    escalated_at  timestamptz,
    done_at       timestamptz,
    done_by       bigint      references employees (id),
    constraint callback_tasks_call_key unique (call_id)
);
create index callback_tasks_open_idx on callback_tasks (assigned_to, due_at) where done_at is null;
