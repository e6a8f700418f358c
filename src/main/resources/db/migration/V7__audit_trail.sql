-- The audit trail: every change made through the API (who, when, what, the entity before and after it) and every
-- opening of a client's card. Rows are only ever appended: the database refuses UPDATE, DELETE and TRUNCATE.
create table audit_trail (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    -- The login of whoever made the change; a login, not a key, so the trail reads the same after any change to
    -- the team.
    login       varchar(64) not null,
    action      varchar(40) not null,
    entity      varchar(20) not null,
    entity_id   varchar(64),
    -- The client the row concerns, when it concerns one; no foreign key: the trail only records.
    client_id   bigint,
    before      jsonb,
    after       jsonb
);
create index audit_trail_time_idx on audit_trail (occurred_at desc, id desc);
create index audit_trail_client_idx on audit_trail (client_id, occurred_at desc, id desc) where client_id is not null;
create index audit_trail_login_idx on audit_trail (login, occurred_at desc, id desc);

create function audit_trail_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger audit_trail_append_only
    before update or delete on audit_trail
    for each row execute function audit_trail_append_only();

create trigger audit_trail_no_truncate
    before truncate on audit_trail
    for each statement execute function audit_trail_append_only();
