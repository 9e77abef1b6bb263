-- Kinship's two PostgreSQL roles (see README, "Running in production").
--
-- kinship_owner owns the database and its tables: it runs `manage.py migrate` and nothing
-- else. kinship_app is what the web processes and db_worker connect as: ordinary rights on
-- every table, but on the audit log only INSERT and SELECT. Not owning the audit table, it
-- cannot TRUNCATE it, UPDATE or DELETE its rows, or ALTER TABLE ... DISABLE TRIGGER; the
-- table's triggers set each entry's time and hash chain whatever its INSERT says.
--
-- 1. Once, as a superuser (choose your own passwords):
--      CREATE ROLE kinship_owner LOGIN PASSWORD '…';
--      CREATE ROLE kinship_app LOGIN PASSWORD '…';
--      CREATE DATABASE kinship OWNER kinship_owner;
--      \c kinship
--      ALTER SCHEMA public OWNER TO kinship_owner;
--      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- 2. python manage.py migrate, with DATABASE_URL naming kinship_owner.
-- 3. As kinship_owner, after every migrate (it is safe to repeat; new tables need it):
--      psql "$OWNER_DATABASE_URL" -f docs/database-roles.sql
-- 4. Run gunicorn and db_worker with DATABASE_URL naming kinship_app.
--
-- The statements below are step 3 (kinship/core/tests/test_database_roles.py runs them).

GRANT USAGE ON SCHEMA public TO kinship_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kinship_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO kinship_app;
REVOKE ALL ON core_auditentry FROM kinship_app;
GRANT SELECT, INSERT ON core_auditentry TO kinship_app;
