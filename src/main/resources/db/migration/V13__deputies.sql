-- An employee may have a deputy (issue #14): the person a client's call goes to when the rules of work put a DEPUTY
-- step in the chain and the owner does not take it. By login, so that the API's deputyLogin is the column; a deputy
-- who leaves the table leaves nobody behind them, and a changed login follows.
alter table employees add column deputy_login varchar(64)
    references employees (login) on update cascade on delete set null;
alter table employees add constraint employees_deputy_not_self check (deputy_login <> login);

-- Routing reads the deputy from the caller directory's team: it hears of the change.
drop trigger employees_caller_directory on employees;
create trigger employees_caller_directory
    after insert or delete or update of login, full_name, role, extension, active, deputy_login on employees
    for each statement execute function notify_caller_directory();
