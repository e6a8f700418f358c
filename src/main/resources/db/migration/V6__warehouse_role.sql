-- The warehouse ships orders (issue #12): a role of its own, which owns no clients (can_own_clients stays false).
alter table employees drop constraint employees_role_check;
alter table employees add constraint employees_role_check
    check (role in ('MANAGER', 'HEAD_OF_SALES', 'SUPERVISOR', 'ADMIN', 'WAREHOUSE'));
