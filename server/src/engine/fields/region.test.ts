import { describe, expect, test } from 'vitest';
import { addressField } from './address.field.ts';
import { parseRegion, regionField, regionName, regionTree } from './region.field.ts';
import { problemOf, testContext, testField } from './test-context.ts';

const field = testField('region', { type: 'region' });
const parse = (v: unknown) => regionField.parse(v, testContext(field));

describe('region field', () => {
  test('CUS-2 a district code derives its city and province', async () => {
    expect(await parse('370102')).toEqual({ region_province: '37', region_city: '3701', region_district: '370102' });
  });

  test('codes and names are equivalent, and short names are found', () => {
    const full = { province: '37', city: '3701', district: '370102' };
    expect(parseRegion({ province: '37', city: '3701', district: '370102' })).toEqual(full);
    expect(parseRegion({ province: '山东省', city: '济南市', district: '历下区' })).toEqual(full);
    expect(parseRegion({ province: '山东', city: '济南', district: '历下' })).toEqual(full);
    expect(parseRegion('山东省 济南市 历下区')).toEqual(full);
    expect(parseRegion('370000')).toEqual({ province: '37', city: null, district: null });
    expect(parseRegion('370100')).toEqual({ province: '37', city: '3701', district: null });
  });

  test('municipalities: the city may be omitted or given as the municipality name', () => {
    const chaoyang = { province: '11', city: '1101', district: '110105' };
    expect(parseRegion({ province: '北京市', district: '朝阳区' })).toEqual(chaoyang);
    expect(parseRegion({ province: '北京市', city: '北京市', district: '朝阳区' })).toEqual(chaoyang);
    expect(parseRegion('北京市 朝阳区')).toEqual(chaoyang);
    // 朝阳区 exists in Beijing and in Changchun: alone it is ambiguous.
    expect(() => parseRegion('朝阳区')).toThrow('invalidRegion');
  });

  test('CUS-2 a city of another province, or an unknown code or name, is refused', async () => {
    expect(await problemOf(() => parse({ province: '37', city: '3201' }))).toBe('invalidRegion');
    expect(await problemOf(() => parse({ province: '山东省', city: '南京市' }))).toBe('invalidRegion');
    expect(await problemOf(() => parse({ city: '3701', district: '320102' }))).toBe('invalidRegion');
    expect(await problemOf(() => parse('379999'))).toBe('invalidRegion');
    expect(await problemOf(() => parse({ province: '火星省' }))).toBe('invalidRegion');
    expect(await problemOf(() => parse({ province: '37', city: '370102' }))).toBe('invalidRegion');
    expect(await problemOf(() => parse([1, 2]))).toBe('type');
    expect(await problemOf(() => parse({ province: '37', planet: 'x' }))).toBe('type');
  });

  test('the level option drops deeper parts', () => {
    expect(parseRegion('370102', 'city')).toEqual({ province: '37', city: '3701', district: null });
    expect(parseRegion('370102', 'province')).toEqual({ province: '37', city: null, district: null });
  });

  test('output carries codes and a readable label without placeholder cities', () => {
    const row = { region_province: '37', region_city: '3701', region_district: '370102' };
    expect(regionField.format(row, field)).toEqual({
      province: '37',
      city: '3701',
      district: '370102',
      label: '山东省 济南市 历下区',
    });
    const bj = { region_province: '11', region_city: '1101', region_district: '110105' };
    expect((regionField.format(bj, field) as { label: string }).label).toBe('北京市 朝阳区');
    expect(regionField.format({ region_province: null, region_city: null, region_district: null }, field)).toBeNull();
  });

  test('names and the cascader tree come from the national list', () => {
    expect(regionName('370102')).toBe('历下区');
    const tree = regionTree();
    expect(tree).toHaveLength(31);
    expect(tree.find((p) => p.value === '37')?.children?.find((c) => c.value === '3701')?.label).toBe('济南市');
  });

  test('address: region plus street, with a combined label', async () => {
    const f = testField('address', { type: 'address' });
    const parsed = await addressField.parse(
      { province: '山东省', city: '济南市', district: '历下区', street: ' 泉城路 1 号 ' },
      testContext(f),
    );
    expect(parsed).toEqual({
      address_province: '37',
      address_city: '3701',
      address_district: '370102',
      address_street: '泉城路 1 号',
    });
    const row = Object.fromEntries(Object.entries(parsed));
    expect((addressField.format(row, f) as { label: string }).label).toBe('山东省 济南市 历下区 泉城路 1 号');
    expect(await problemOf(() => addressField.parse({ street: 'x'.repeat(201) }, testContext(f)))).toBe('tooLong');
  });
});
