import { pinyinKeys } from '../../engine/search/pinyin.ts';
import { landline, mobileNumber, personName } from '../demo/people.ts';
import type { Random } from '../demo/random.ts';
import type { DemoCustomer } from './demo-org.ts';

type Role = 'decisionMaker' | 'influencer' | 'user' | 'purchaser' | 'technical';

const companyTitles: Record<Role, Array<[department: string, title: string]>> = {
  decisionMaker: [
    ['总经理办公室', '总经理'],
    ['董事会', '董事长'],
    ['总经理办公室', '副总经理'],
  ],
  influencer: [
    ['运营部', '运营总监'],
    ['车队', '车队队长'],
    ['财务部', '财务总监'],
  ],
  user: [
    ['车队', '调度主管'],
    ['车队', '司机班长'],
    ['设备部', '设备管理员'],
  ],
  purchaser: [
    ['采购部', '采购经理'],
    ['采购部', '采购主管'],
  ],
  technical: [
    ['技术部', '技术总工'],
    ['设备部', '机务主管'],
  ],
};
const agencyTitles: Record<Role, Array<[department: string, title: string]>> = {
  decisionMaker: [
    ['领导班子', '局长'],
    ['领导班子', '主任'],
    ['领导班子', '院长'],
  ],
  influencer: [
    ['领导班子', '副局长'],
    ['办公室', '办公室主任'],
  ],
  user: [
    ['车管科', '车管员'],
    ['作业队', '队长'],
  ],
  purchaser: [
    ['装备财务科', '科长'],
    ['采购办', '采购专员'],
  ],
  technical: [
    ['装备科', '科长'],
    ['车管科', '技术员'],
  ],
};
const hobbies = ['钓鱼', '茶道', '高尔夫', '篮球', '书法', '摄影', '登山', '象棋', '旅游', '羽毛球', '乒乓球', '跑步'];
const lunarMonths = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const lunarDays = ['初一', '初五', '初八', '初十', '十二', '十五', '十八', '二十', '廿二', '廿六', '三十'];

export interface DemoContact {
  input: Record<string, unknown>;
  /** undefined: the customer's first contact; true: reports to it. */
  reportsToFirst?: boolean;
}

/** 1–4 people at a customer: a decision maker first, then others; birthdays spread over the year. */
export function contactsFor(r: Random, c: DemoCustomer, customerId: number, now: number): DemoContact[] {
  const n = r.weighted([
    [1, 35],
    [2, 35],
    [3, 20],
    [4, 10],
  ]);
  const agency = ['government', 'institution'].includes(c.input.attribute as string);
  const titles = agency ? agencyTitles : companyTitles;
  const email = typeof c.input.email === 'string' ? c.input.email.split('@')[1] : undefined;
  const out: DemoContact[] = [];
  for (let i = 0; i < n; i++) {
    const role: Role = i === 0 ? 'decisionMaker' : r.pick(['influencer', 'user', 'purchaser', 'technical'] as const);
    const [department, title] = r.pick(titles[role]);
    const p = personName(r);
    const year = r.between(1962, 1996);
    const birthday = r.chance(0.7)
      ? `${year}-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}`
      : undefined;
    out.push({
      reportsToFirst: i === 0 ? undefined : r.chance(0.6),
      input: {
        name: p.name,
        customer: customerId,
        gender: p.gender,
        mobile: r.chance(0.9) ? mobileNumber(r) : undefined,
        phone: r.chance(0.3) ? landline(r, c.city.areaCode) : undefined,
        email: email && r.chance(0.4) ? `${pinyinKeys(p.name)?.full}@${email}` : undefined,
        department,
        title,
        decisionRole: role,
        birthday,
        lunarBirthday: r.chance(0.1) ? `${r.pick(lunarMonths)}月${r.pick(lunarDays)}` : undefined,
        hobbies: r.chance(0.3) ? r.pick(hobbies) : undefined,
        owner: c.owner.id,
        createdAt: new Date(Date.parse(c.input.createdAt as string) + r.int(30) * 86_400_000).toISOString(),
        createdBy: c.owner.id,
      },
    });
    if (Date.parse(out[i].input.createdAt as string) > now) out[i].input.createdAt = new Date(now).toISOString();
  }
  return out;
}
