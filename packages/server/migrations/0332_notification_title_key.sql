-- A notification's title as a key and its subject (case number and title), so it is answered in
-- the reader's language; `title` keeps the Chinese text (rows written before have no key).
alter table notification add column title_key text;
alter table notification add column subject text;
