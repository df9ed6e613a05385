import type { FieldDecl, Label, ObjectDecl, PicklistOption } from '@kehu/common';
import type { FieldType } from '../fields/field-type.ts';

/** A field resolved against its object: physical column and type implementation attached. */
export interface FieldDef extends FieldDecl {
  name: string;
  label: Label;
  /** Main physical column (virtual fields have none). */
  column?: string;
  custom: boolean;
  impl: FieldType;
  /** computed: the formula compiled to SQL over this object's columns (set by the registry). */
  formulaSql?: string;
  /** manyToMany: the join table (set by the registry; filter conditions do not see the owning object). */
  linkTable?: string;
  /**
   * picklist / multiPicklist: the options as declared (code or custom field); `options` is what is in force, with
   * administrators' data dictionary edits on top (WF-7, see engine/dictionary/merge.ts).
   */
  declaredOptions?: PicklistOption[];
}

export interface ObjectDef {
  name: string;
  label: Label;
  pluralLabel?: Label;
  table: string;
  titleField: string;
  fields: Map<string, FieldDef>;
  /** The field that decides "own" scopes: an owner field, else the creator. */
  ownerColumn: string;
  ownerField?: FieldDef;
  custom: boolean;
  noHistory: boolean;
  apiReadOnly: boolean;
  decl: ObjectDecl;
}
