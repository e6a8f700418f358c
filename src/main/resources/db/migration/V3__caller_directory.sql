-- Each Ringside instance keeps every client number with its client and owner in memory, so that routing a call needs
-- no query (io.ringside.crm.CallerDirectory). These triggers tell the instances what changed, whoever changed it (the
-- application, a script, an operator in psql), on the channel ringside_caller_directory when the change commits:
--   client:<id>  a client's name, VIP flag or owner, or one of its numbers, changed
--   employees    the team changed (a name, role, phone, or someone left)
--   all          a table was truncated: read everything again
-- Only the columns a route reads are watched.

create function notify_caller_directory() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('ringside_caller_directory', 'all');
    elsif tg_table_name = 'employees' then
        perform pg_notify('ringside_caller_directory', 'employees');
    elsif tg_table_name = 'clients' then
        perform pg_notify('ringside_caller_directory', 'client:' || coalesce(new.id, old.id));
    else
        if tg_op <> 'INSERT' then
            perform pg_notify('ringside_caller_directory', 'client:' || old.client_id);
        end if;
        if tg_op <> 'DELETE' then
            perform pg_notify('ringside_caller_directory', 'client:' || new.client_id);
        end if;
    end if;
    return null;
end
$$;

create trigger clients_caller_directory
    after insert or delete or update of name, vip, owner_id on clients
    for each row execute function notify_caller_directory();

create trigger phone_numbers_caller_directory
    after insert or delete or update of e164, client_id on phone_numbers
    for each row execute function notify_caller_directory();

-- The team is small and read whole: one notice per statement is enough.
create trigger employees_caller_directory
    after insert or delete or update of login, full_name, role, extension, active on employees
    for each statement execute function notify_caller_directory();

create trigger clients_caller_directory_truncate after truncate on clients
    for each statement execute function notify_caller_directory();

create trigger phone_numbers_caller_directory_truncate after truncate on phone_numbers
    for each statement execute function notify_caller_directory();

create trigger employees_caller_directory_truncate after truncate on employees
    for each statement execute function notify_caller_directory();
