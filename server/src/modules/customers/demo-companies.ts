import { type City, districtName } from '../demo/places.ts';
import type { Random } from '../demo/random.ts';
import { creditCodeCheck } from './credit-code.ts';

/** Made-up trade names (字号); combined with a city and a trade they name no real company. */
export const brands = [
  '华宇',
  '鼎盛',
  '恒通',
  '金源',
  '宏达',
  '中驰',
  '瑞丰',
  '永信',
  '天成',
  '博远',
  '安捷',
  '顺邦',
  '通达',
  '嘉禾',
  '远航',
  '新锐',
  '正阳',
  '泰和',
  '德隆',
  '金桥',
  '盛世',
  '万通',
  '鸿运',
  '恒信',
  '海川',
  '东升',
  '凯达',
  '众诚',
  '利民',
  '同舟',
  '宏图',
  '精诚',
  '锦程',
  '联创',
  '长风',
  '晟通',
  '睿达',
  '沃德',
  '康泰',
  '安顺',
  '福瑞',
  '兴旺',
  '宝丰',
  '龙腾',
  '金鼎',
  '天宇',
  '华信',
  '启航',
  '捷运',
  '亿通',
  '聚源',
  '路安',
  '中环',
  '青山',
  '绿洲',
  '蓝天',
  '洁城',
  '清源',
  '净美',
  '昊天',
  '鑫达',
  '力拓',
  '诚泰',
  '广源',
  '汇通',
  '祥瑞',
  '永安',
  '明辉',
  '佳信',
  '润泽',
];

/** Trades by industry; `{b}` is the trade name. */
const trades: Record<string, string[]> = {
  sanitation: ['{b}环境服务有限公司', '{b}环卫工程有限公司', '{b}清洁服务有限公司'],
  municipal: ['{b}市政工程有限公司', '{b}路桥建设有限公司', '{b}园林绿化有限公司'],
  logistics: ['{b}物流有限公司', '{b}冷链物流有限公司', '{b}运输有限公司', '{b}快运有限公司'],
  construction: ['{b}建设工程有限公司', '{b}混凝土有限公司', '{b}土石方工程有限公司'],
  fire: ['{b}消防设备有限公司', '{b}消防工程有限公司'],
  medical: ['{b}医疗器械有限公司', '{b}医药物流有限公司'],
  petrochemical: ['{b}石化有限公司', '{b}油田技术服务有限公司', '{b}燃气有限公司'],
  power: ['{b}电力工程有限公司', '{b}电力安装有限公司', '{b}新能源有限公司'],
  agriculture: ['{b}农业发展有限公司', '{b}农机专业合作社', '{b}畜牧有限公司'],
  police: ['{b}安防科技有限公司'],
  other: ['{b}实业有限公司', '{b}租赁有限公司', '{b}贸易有限公司'],
};

/** Public bodies by industry; `{c}` city, `{d}` a district, `{n}` a number. */
const agencies: Record<string, string[]> = {
  sanitation: ['{c}市环境卫生管理处', '{c}市城市管理局', '{c}市{d}环卫中心'],
  municipal: ['{c}市市政设施管理中心', '{c}市{d}市政工程管理所'],
  fire: ['{c}市消防救援支队', '{c}市{d}消防救援大队'],
  medical: ['{c}市第{n}人民医院', '{c}市急救中心', '{c}市中心血站', '{c}市{d}人民医院'],
  police: ['{c}市公安局{d}分局', '{c}市公安局交通警察支队', '{c}市公安局特警支队'],
  agriculture: ['{c}市农业机械化服务中心'],
  power: ['{c}市供电服务中心'],
};

const dealerTrades = ['{b}专用汽车销售有限公司', '{b}汽车贸易有限公司', '{b}工程机械有限公司'];
const competitorTrades = ['{b}专用汽车有限公司', '{b}重型汽车有限公司', '{b}环境科技股份有限公司'];
const partnerTrades = ['{b}液压科技有限公司', '{b}底盘有限公司', '{b}融资租赁有限公司', '{b}汽车零部件有限公司'];
const numerals = ['一', '二', '三', '四', '五', '六'];

export interface Company {
  name: string;
  brand?: string;
  attribute: string;
  category: string;
  /** Registering authority and kind of the credit code: 91 enterprise, 11 agency, 12 institution, 93 co-operative. */
  registration: string;
}

function fill(pattern: string, r: Random, city: City, brand: string): string {
  const district = city.districts.length ? districtName(r.pick(city.districts)) : '';
  return pattern
    .replace('{b}', brand)
    .replace('{c}', city.name)
    .replace('{d}', district)
    .replace('{n}', r.pick(numerals));
}

/** A company or public body of a type and industry in a city; the city stands in front, in brackets or not at all. */
export function company(r: Random, type: string, industry: string, city: City): Company {
  const brand = r.pick(brands);
  if ((type === 'direct' || type === 'prospect') && agencies[industry] && r.chance(0.35)) {
    const name = fill(r.pick(agencies[industry]), r, city, brand);
    const institution = industry === 'medical' || name.endsWith('中心') || name.endsWith('站');
    return {
      name,
      attribute: institution ? 'institution' : 'government',
      category: 'procurement',
      registration: institution ? '12' : '11',
    };
  }
  const pattern =
    type === 'dealer'
      ? r.pick(dealerTrades)
      : type === 'competitor'
        ? r.pick(competitorTrades)
        : type === 'partner'
          ? r.pick(partnerTrades)
          : r.pick(trades[industry] ?? trades.other);
  const trade = fill(pattern, r, city, brand);
  const province = city.province.replace(/(省|市|壮族自治区)$/, '');
  const where = r.weighted<'city' | 'province' | 'bracket'>([
    ['city', 6],
    ['province', type === 'competitor' ? 6 : 2],
    ['bracket', 1],
  ]);
  const name =
    where === 'city'
      ? city.name + trade
      : where === 'province'
        ? province + trade
        : trade.replace(/(股份)?有限公司$/, (m) => `（${city.name}）${m}`);
  const category =
    type === 'dealer'
      ? 'trader'
      : type === 'partner'
        ? 'bodyBuilder'
        : industry === 'logistics'
          ? 'fleet'
          : name.includes('租赁')
            ? 'leasing'
            : 'endUser';
  const coop = name.endsWith('合作社');
  return {
    name,
    brand,
    attribute: coop
      ? 'private'
      : r.weighted([
          ['private', 7],
          ['stateOwned', 2],
          ['foreign', 1],
        ]),
    category,
    registration: coop ? '93' : '91',
  };
}

const codeChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed, made-up 统一社会信用代码 for a city (check character per GB 32100-2015). */
export function creditCode(r: Random, registration: string, city: City): string {
  const division = city.cityCode.padEnd(6, '0');
  let org = registration === '91' && r.chance(0.6) ? 'MA' : '';
  while (org.length < 9) org += r.chance(0.8) ? String(r.int(10)) : r.pick([...codeChars.slice(10)]);
  const first17 = registration + division + org;
  return first17 + creditCodeCheck(first17);
}
