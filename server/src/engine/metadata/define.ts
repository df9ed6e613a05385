import type { FieldDecl, ObjectDecl } from '@kehu/common';

/** Declare an object as plain data; the registry validates and resolves it. */
export function defineObject(decl: ObjectDecl): ObjectDecl {
  return decl;
}

type Opts = Omit<FieldDecl, 'type'>;
const make =
  (type: FieldDecl['type']) =>
  (opts: Opts = {}): FieldDecl => ({ ...opts, type });

export const text = make('text');
export const longText = make('longText');
export const richText = make('richText');
export const integer = make('integer');
export const decimal = make('decimal');
export const money = make('money');
export const percent = make('percent');
export const boolean = make('boolean');
export const date = make('date');
export const datetime = make('datetime');
export const picklist = make('picklist');
export const multiPicklist = make('multiPicklist');
export const tags = make('tags');
export const phone = make('phone');
export const email = make('email');
export const url = make('url');
export const region = make('region');
export const address = make('address');
export const manyToOne = make('manyToOne');
export const oneToMany = make('oneToMany');
export const manyToMany = make('manyToMany');
export const owner = make('owner');
export const attachments = make('attachments');
export const autoNumber = make('autoNumber');
export const computed = make('computed');
export const json = make('json');
export const password = make('password');
