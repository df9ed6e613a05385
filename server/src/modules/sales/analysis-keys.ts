import type { AnalysisKey, Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { regionLabel } from '../../engine/fields/region-data.ts';
import { idOf } from './meta.ts';
import { departmentTree, type OrgIndex } from './org.ts';
import { lastDay } from './period.ts';

export const bucketMonths: Record<string, number> = { year: 12, quarter: 3, month: 1 };

/** One group of won opportunities. */
export interface Row {
  k: string | null;
  label: string | null;
  n: number;
  /** Sum of the amounts ("0.00" without any) and how many amounts it adds (0: every amount was empty). */
  amount: string;
  priced: number;
  /** Sum of the product lines' quantities. */
  units: string;
}

export interface Grouping {
  rows: Row[];
  /** Does the caller see amounts, quantities (field rights)? Figures it may not see are left out, not failed. */
  amounts: boolean;
  units: boolean;
}

/** One analysis key as the engine's grouping computes it (SAL-5). */
export interface KeyPlan {
  /** Group keys on the opportunity (the lines are grouped along the same paths from `opportunity.`). */
  by: string[];
  /** Labels and departments come from the organisation (see readOrg). */
  org?: boolean;
  /** The analysis key of one engine group: its value as text and its label (groups with the same value add up). */
  key(k: Record<string, unknown>, org?: OrgIndex): { value: string | null; label: string | null };
}

type Ref = { id: number; label: string | null } | null;
const text = (id: number | null) => (id === null ? null : String(id));
const ref = (v: unknown) => ({ value: text(idOf(v)), label: (v as Ref)?.label ?? null });

export function keyPlan(by: AnalysisKey | 'none'): KeyPlan {
  switch (by) {
    case 'year':
    case 'quarter':
    case 'month': {
      const path = `closedOn:${by}`;
      return { by: [path], key: (k) => ({ value: (k[path] as string | null) ?? null, label: null }) };
    }
    case 'customer':
      return { by: ['customer'], key: (k) => ref(k.customer) };
    case 'owner':
      return {
        by: ['owner'],
        org: true,
        key: (k, org) => ({ value: text(idOf(k.owner)), label: org!.userName(idOf(k.owner)) }),
      };
    case 'department':
      return {
        by: ['owner'],
        org: true,
        key: (k, org) => {
          const d = org!.departmentOf(idOf(k.owner));
          return { value: text(d), label: org!.departmentName(d) };
        },
      };
    case 'region':
      // The sales region (大区) above the owner's department.
      return {
        by: ['owner'],
        org: true,
        key: (k, org) => {
          const r = org!.regionOf(org!.departmentOf(idOf(k.owner)));
          return { value: text(r), label: org!.departmentName(r) };
        },
      };
    case 'province': {
      const path = 'customer.region:province';
      return {
        by: [path],
        key: (k) => ({ value: (k[path] as { province: string } | null)?.province ?? null, label: null }),
      };
    }
    case 'dealer':
      // The opportunity's dealer, else its customer when that is a dealer.
      return {
        by: ['dealer', 'customer', 'customer.type'],
        key: (k) => (k.dealer ? ref(k.dealer) : k['customer.type'] === 'dealer' ? ref(k.customer) : ref(null)),
      };
    case 'product':
      throw new Error('product: grouped from the lines (analysis-product.ts)');
    default:
      return { by: [], key: () => ref(null) };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A readable label for keys whose label is not a record title. */
export function keyLabel(by: AnalysisKey, key: string | null, label: string | null): string | null {
  if (key === null) return label;
  if (by === 'year') return key.slice(0, 4);
  if (by === 'quarter') return `${key.slice(0, 4)}-Q${Math.ceil(Number(key.slice(5, 7)) / 3)}`;
  if (by === 'month') return key.slice(0, 7);
  if (by === 'province') return regionLabel([key]);
  return label;
}

/** The days of a time bucket that starts on `key`. */
export function bucketRange(by: AnalysisKey, key: string): [string, string] {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  const last = m + bucketMonths[by] - 1;
  return [key, `${y}-${pad(last)}-${pad(lastDay(y, last))}`];
}

/** The filter on opportunities that one key value stands for (null: none expressible). */
export async function keyFilter(ctx: Ctx, by: AnalysisKey, key: string | null): Promise<Filter | null> {
  const id = key === null ? null : Number(key);
  switch (by) {
    case 'year':
    case 'quarter':
    case 'month':
      return key === null ? null : { field: 'closedOn', op: 'between', value: bucketRange(by, key) };
    case 'customer':
      return id === null ? null : { field: 'customer', op: 'eq', value: id };
    case 'owner':
      return id === null ? { field: 'owner', op: 'isEmpty' } : { field: 'owner', op: 'eq', value: id };
    case 'department':
      return id === null
        ? { field: 'owner.department', op: 'isEmpty' }
        : { field: 'owner.department', op: 'eq', value: id };
    case 'region':
      return id === null ? null : { field: 'owner.department', op: 'in', value: await departmentTree(ctx, id) };
    case 'province':
      return key === null
        ? { field: 'customer.region', op: 'isEmpty' }
        : { field: 'customer.region', op: 'eq', value: key };
    case 'dealer':
      return id === null
        ? null
        : {
            or: [
              { field: 'dealer', op: 'eq', value: id },
              { field: 'customer', op: 'eq', value: id },
            ],
          };
    case 'product':
      return id === null ? { field: 'products', op: 'isEmpty' } : { field: 'products', op: 'in', value: [id] };
  }
}
