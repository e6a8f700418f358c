-- The rules of work per client tier (io.ringside.rules): for VIP clients, for the clients of one industry segment
-- (key SEGMENT:<industry>, the industry compared without case as the reports group it) and the DEFAULT. A column left
-- null takes the value of the next less specific rule: VIP, then the client's segment, then DEFAULT, then the built-in
-- default. Each instance keeps the rules in memory; the trigger tells them when the rules change, whoever changed them.
create table work_rules (
    key               varchar(240) not null,
    callback_deadline interval
        check (callback_deadline > interval '0'),
    priority          varchar(10)
        check (priority in ('HIGH', 'NORMAL')),
    -- {"title": "...", "text": {"en": "...", "ru": "..."}}
    script            jsonb,
    -- [{"step": "OWNER", "ringTime": "PT15S"}, ...]
    chain             jsonb,
    updated_at        timestamptz  not null default now(),
    updated_by        bigint references employees (id),
    constraint work_rules_key_format check (key = 'VIP' or key = 'DEFAULT' or key ~ '^SEGMENT:\S')
);
create unique index work_rules_key on work_rules (lower(key));

create function notify_work_rules() returns trigger language plpgsql as $$
begin
    perform pg_notify('ringside_work_rules', 'changed');
    return null;
end
$$;

create trigger work_rules_changed after insert or update or delete or truncate on work_rules
    for each statement execute function notify_work_rules();

-- The callback a missed call leaves is due by its tier's deadline; the tier (the key of the most specific rule the
-- client had) is kept with it, for the board's count of overdue callbacks per tier.
alter table callback_tasks add column tier varchar(240);

-- Routing now reads the client's industry too (to find its segment's rule): the caller directory hears of it.
drop trigger clients_caller_directory on clients;
create trigger clients_caller_directory
    after insert or delete or update of name, vip, industry, owner_id on clients
    for each row execute function notify_caller_directory();
