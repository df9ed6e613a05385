import { type Kysely, sql } from 'kysely';

/**
 * Quick search (CUS-3): the single characters and character bigrams of a text, lower-cased, without white space,
 * from its first 200 characters. Stored in `<col>_bg` (a generated column) with a GIN index, it serves the
 * 1–2 character Chinese queries (开, 开乐) that a trigram index cannot, and `@>` of a longer query's bigrams.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function kehu_grams(t text) returns text[]
    language plpgsql immutable strict parallel safe as $$
    declare
      s text := left(translate(lower(t), E' \t\r\n\u3000', ''), 200);
      n int := char_length(s);
      r text[] := '{}';
    begin
      for i in 1..n loop
        r := r || substr(s, i, 1);
        if i < n then r := r || substr(s, i, 2); end if;
      end loop;
      return r;
    end $$`.execute(db);
}
