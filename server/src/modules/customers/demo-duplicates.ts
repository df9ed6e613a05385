import { landline } from '../demo/people.ts';
import type { Random } from '../demo/random.ts';
import type { DemoCustomer, DemoOrg } from './demo-org.ts';

// Characters people swap for one that sounds the same (what pinyin input produces by mistake).
const homophones: Record<string, string> = {
  华: '化',
  宇: '雨',
  达: '大',
  通: '同',
  源: '元',
  盛: '胜',
  信: '新',
  宏: '红',
  天: '田',
  博: '波',
  丰: '风',
  安: '按',
  恒: '衡',
  鼎: '顶',
  永: '勇',
  成: '诚',
  远: '原',
  顺: '舜',
  泰: '太',
  德: '得',
};

type Variant = (name: string, c: DemoCustomer) => string | undefined;

const variants: Variant[] = [
  // 济南华宇物流有限公司 → 华宇物流（济南）有限公司
  (name, c) =>
    name.startsWith(c.city.name)
      ? name.slice(c.city.name.length).replace(/有限公司$/, `（${c.city.name}）有限公司`)
      : undefined,
  (name) =>
    name.endsWith('有限公司') && !name.endsWith('股份有限公司') ? name.replace(/有限公司$/, '有限责任公司') : undefined,
  (name, c) => (name.startsWith(c.city.name) ? c.city.province.replace(/(省|市|壮族自治区)$/, '') + name : undefined),
  (name) => {
    const i = [...name].findIndex((ch) => homophones[ch]);
    if (i < 0) return undefined;
    const chars = [...name];
    chars[i] = homophones[chars[i]];
    return chars.join('');
  },
];

/**
 * Records that an office entered twice (撞单): another wording of a company's name, now and then the same phone or
 * credit code, usually owned by someone else. The duplicate check (CUS-5) should find every one of them.
 */
export function nearDuplicates(r: Random, list: DemoCustomer[], org: DemoOrg, count: number): DemoCustomer[] {
  const pool = list.filter((c) => c.input.type !== 'competitor' && !(c.input.name as string).endsWith('局'));
  const out: DemoCustomer[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const original = r.pick(pool);
    const name = r.pick(variants)(original.input.name as string, original);
    if (!name || name === original.input.name || out.some((d) => d.input.name === name)) continue;
    const office = org.offices.find((o) => o.cities.includes(original.city))!;
    const owner = r.pick([...org.staff.get(office.code)!, ...org.staff.get(r.pick(org.offices).code)!]);
    const same = r.weighted<'phone' | 'creditCode' | 'none'>([
      ['phone', 2],
      ['creditCode', 1],
      ['none', 2],
    ]);
    out.push({
      city: original.city,
      owner,
      input: {
        ...original.input,
        name,
        shortName: undefined,
        type: original.input.type === 'dealer' ? 'dealer' : 'prospect',
        phone: same === 'phone' ? original.input.phone : landline(r, original.city.areaCode),
        creditCode: same === 'creditCode' || original.input.type === 'dealer' ? original.input.creditCode : undefined,
        email: undefined,
        website: undefined,
        tags: undefined,
        parent: undefined,
        owner: owner.id,
        createdBy: owner.id,
      },
    });
  }
  return out;
}
