-- Search (issue 14 item 4): patient names without accents or case, message text by Postgres
-- full-text search in Spanish and English. unaccent is a contrib extension (trusted since
-- Postgres 13) shipped by the embedded Postgres 17 and Debian's Postgres 15.
-- Index expressions need IMMUTABLE functions; unaccent() is only STABLE (its dictionary could
-- change), so these wrappers name the dictionary and every object by schema and are declared
-- IMMUTABLE: the documented way to index unaccented text.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.kura_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- Both languages in one vector: clinics write in Spanish and English, often mixed.
CREATE OR REPLACE FUNCTION public.kura_search_vector(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('pg_catalog.spanish'::regconfig, public.kura_unaccent(coalesce($1, '')))
            || to_tsvector('pg_catalog.english'::regconfig, public.kura_unaccent(coalesce($1, ''))) $$;
--> statement-breakpoint
-- What a clinician types (websearch syntax: words, "phrases", -not), matched in either language.
CREATE OR REPLACE FUNCTION public.kura_search_query(text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT websearch_to_tsquery('pg_catalog.spanish'::regconfig, public.kura_unaccent($1))
            || websearch_to_tsquery('pg_catalog.english'::regconfig, public.kura_unaccent($1)) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS message_log_search_idx ON message_log USING gin (public.kura_search_vector(content));
