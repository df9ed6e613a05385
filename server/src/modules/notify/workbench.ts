import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';

export interface WorkbenchParams {
  /** "No contact for N months" (default 3). */
  noContactMonths: number;
  /** "Receivables above an amount" (yuan, as text; default 0 = any). */
  receivablesAbove: string;
  /** Items per section (default 10). */
  limit: number;
}

export interface SectionData {
  items: unknown[];
  /** All matching, when more than `items` (a count through the same access predicate). */
  total?: number;
  /** Where the full list is: an object and the filter that lists it. */
  list?: { object: string; filter: Filter };
}

/**
 * One section of the workbench (TEAM-5). Modules add theirs (orders: payment plans and receivables; workflows:
 * approvals) with `registerWorkbenchSection` once they exist; none stands in for them before. `load` reads
 * through the engine as the signed-in user; `undefined` = not available on this installation.
 */
export interface WorkbenchSection {
  name: string;
  /** Position on the page (smaller first). */
  order: number;
  title(ctx: Ctx, p: WorkbenchParams): string;
  load(ctx: Ctx, p: WorkbenchParams): Promise<SectionData | undefined>;
}

export interface SectionView extends SectionData {
  name: string;
  title: string;
  /** False when the installation lacks it (no orders module yet) or the user may not read its records. */
  available: boolean;
}

const registries = new WeakMap<Engine, Map<string, WorkbenchSection>>();

export function registerWorkbenchSection(engine: Engine, section: WorkbenchSection): void {
  const map = registries.get(engine) ?? new Map<string, WorkbenchSection>();
  registries.set(engine, map);
  map.set(section.name, section);
}

/** The signed-in user's workbench: every section, loaded side by side; one failing section does not hide the rest. */
export async function workbench(engine: Engine, ctx: Ctx, p: WorkbenchParams, only?: string[]): Promise<SectionView[]> {
  const sections = [...(registries.get(engine)?.values() ?? [])]
    .filter((s) => !only || only.includes(s.name))
    .sort((a, b) => a.order - b.order);
  return Promise.all(
    sections.map(async (s) => {
      const title = s.title(ctx, p);
      try {
        const data = await s.load(ctx, p);
        return data
          ? { name: s.name, title, available: true, ...data }
          : { name: s.name, title, available: false, items: [] };
      } catch (err) {
        // No right to read the section's records: the section is simply not there for this user.
        if (err instanceof KehuError && err.code === 'FORBIDDEN')
          return { name: s.name, title, available: false, items: [] };
        throw err;
      }
    }),
  );
}
