import { type Kysely, sql } from 'kysely';

/**
 * The match key of a text (CUS-8): NFKC (full-width forms become ASCII), lower case, without white space and
 * punctuation or symbols, ASCII and CJK — 「（济南）鸿运物流有限公司」 and 「(济南) 鸿运物流有限公司」 have the same key.
 * Stored as a generated column (`<col>_nk`) with a b-tree index, so that "the same name" is one index lookup.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function kehu_name_key(t text) returns text
    language sql immutable strict parallel safe as $$
      select regexp_replace(lower(normalize(t, NFKC)),
        '[[:space:][:punct:]、。·・，；：！？“”‘’《》〈〉【】〔〕「」『』…—～￥\u3000]+', '', 'g')
    $$`.execute(db);
}
