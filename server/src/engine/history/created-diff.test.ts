import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createdJson, diff } from './history.ts';

describe('SEC-10 versions of created records', () => {
  test('SEC-10 CUS-11 the changes of a create (as an import stores them) are those of diff from nothing', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.record({ id: fc.integer(), label: fc.option(fc.string()) }),
    );
    const keys = fc.constantFrom('id', 'version', 'name', 'createdAt', 'owner', 'tags', 'creditLimit', 'updatedBy');
    fc.assert(
      fc.property(fc.dictionary(keys, value), (after) => {
        const json = createdJson(after);
        expect(JSON.parse(json.changes)).toEqual(JSON.parse(JSON.stringify(diff(undefined, after))));
        expect(JSON.parse(json.snapshot)).toEqual(JSON.parse(JSON.stringify(after)));
      }),
    );
  });
});
