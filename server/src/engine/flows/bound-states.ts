import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { FlowBinding } from './tree.ts';

/**
 * The values approval flows write as their outcome (a binding's states), in drafts and in every published version
 * (running instances keep theirs), keyed `object.field`, each with the flow's name: the data dictionary keeps them
 * active (WF-7). `object` narrows the read to one object's flows.
 */
export async function flowBoundStates(db: Db, object?: string): Promise<Map<string, Map<string, string>>> {
  const r = await sql<{ object: string; name: string; bindings: Array<FlowBinding | null> }>`select f.object, f.name,
      jsonb_build_array(f.draft -> 'binding') || coalesce((select jsonb_agg(v.tree -> 'binding')
        from sys_flow_version v where v.flow_id = f.id), '[]'::jsonb) as bindings
    from sys_flow f ${object === undefined ? sql`` : sql`where f.object = ${object}`}`.execute(db);
  const out = new Map<string, Map<string, string>>();
  for (const row of r.rows) {
    for (const b of row.bindings ?? []) {
      if (!b || typeof b !== 'object' || typeof b.stateField !== 'string' || !b.states || typeof b.states !== 'object')
        continue;
      const key = `${row.object}.${b.stateField}`;
      const states = out.get(key) ?? new Map<string, string>();
      out.set(key, states);
      for (const v of Object.values(b.states)) if (typeof v === 'string' && !states.has(v)) states.set(v, row.name);
    }
  }
  return out;
}
