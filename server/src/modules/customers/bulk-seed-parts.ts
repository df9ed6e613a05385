import { normalizePhone } from '../../engine/fields/phone.field.ts';
import { codesOfLength, isPlaceholderCity, regionName } from '../../engine/fields/region-data.ts';
import { surnames } from '../demo/people.ts';
import { salesRegions } from '../demo/places.ts';

/** Name parts for the bulk generator (parallel arrays: a district and its city's short name, area code …). */
export interface Parts {
  /** Every district of every prefecture-level city. */
  place: {
    province: string[];
    city: string[];
    district: string[];
    cityName: string[];
    area: string[];
    local: number[];
  };
  /** Trade-name characters: two of them make a 字号 (开 and 乐 included, so 开乐 exists). */
  brand: { char: string[] };
  trade: { text: string[]; industry: string[]; category: string[]; short: string[] };
  person: { surname: string[]; given: string[] };
}

const brandChars = [
  ...'开乐华宇鼎盛恒通金源宏达中驰瑞丰永信天成博远安捷顺邦嘉禾航新锐正阳泰和德隆桥世万鸿运海川东升凯众诚利民同舟图精锦程联创长风晟睿沃康福兴旺宝龙腾昊鑫力拓祥明辉佳润泽广汇益科迪豪伟光大荣昌浩元亨隆泉峰山林江河湖云星辰晨阳春秋冠威盈丰茂森磊晶信义和合家美华强胜',
];

const trades: Array<[text: string, industry: string, category: string, short: string]> = [
  ['专用汽车有限公司', 'other', 'bodyBuilder', '专用车'],
  ['专用车辆有限公司', 'other', 'bodyBuilder', '专用车'],
  ['环境服务有限公司', 'sanitation', 'endUser', '环境'],
  ['环卫工程有限公司', 'sanitation', 'endUser', '环卫'],
  ['清洁服务有限公司', 'sanitation', 'endUser', '清洁'],
  ['市政工程有限公司', 'municipal', 'endUser', '市政'],
  ['路桥建设有限公司', 'municipal', 'endUser', '路桥'],
  ['园林绿化有限公司', 'municipal', 'endUser', '园林'],
  ['物流有限公司', 'logistics', 'fleet', '物流'],
  ['冷链物流有限公司', 'logistics', 'fleet', '冷链'],
  ['运输有限公司', 'logistics', 'fleet', '运输'],
  ['快运有限公司', 'logistics', 'fleet', '快运'],
  ['建设工程有限公司', 'construction', 'endUser', '建设'],
  ['混凝土有限公司', 'construction', 'endUser', '混凝土'],
  ['土石方工程有限公司', 'construction', 'endUser', '土石方'],
  ['消防设备有限公司', 'fire', 'endUser', '消防'],
  ['医疗器械有限公司', 'medical', 'endUser', '医疗'],
  ['石化有限公司', 'petrochemical', 'endUser', '石化'],
  ['燃气有限公司', 'petrochemical', 'endUser', '燃气'],
  ['电力工程有限公司', 'power', 'endUser', '电力'],
  ['新能源有限公司', 'power', 'endUser', '新能源'],
  ['农业发展有限公司', 'agriculture', 'endUser', '农业'],
  ['农机专业合作社', 'agriculture', 'endUser', '农机'],
  ['安防科技有限公司', 'police', 'endUser', '安防'],
  ['汽车贸易有限公司', 'other', 'trader', '汽贸'],
  ['工程机械有限公司', 'other', 'trader', '机械'],
  ['融资租赁有限公司', 'other', 'leasing', '租赁'],
  ['实业有限公司', 'other', 'endUser', '实业'],
];

const givenChars = [
  ...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆建国志东海文林峰亮晨博龙芳娜敏静丽艳娟霞燕玲婷雪慧莹倩琳晶颖洁红梅萍琴欣佳悦',
];

export function bulkParts(): Parts {
  const areas = new Map(
    salesRegions().flatMap((g) => g.offices.flatMap((o) => o.cities.map((c) => [c.cityCode, c.areaCode]))),
  );
  const known = [...new Set(areas.values())];
  const place: Parts['place'] = { province: [], city: [], district: [], cityName: [], area: [], local: [] };
  let n = 0;
  for (const city of codesOfLength(4)) {
    const province = city.slice(0, 2);
    const placeholder = isPlaceholderCity(city);
    // Municipalities (北京, 重庆 …): the province is the city.
    const full = placeholder ? regionName(province)! : regionName(city)!;
    if (placeholder && !['11', '12', '31', '50'].includes(province)) continue;
    const short = full
      .replace(/(市|地区|盟|自治州)$/, '')
      .replace(
        /(朝鲜族|土家族苗族|藏族|彝族|傣族|回族|蒙古族|哈尼族彝族|苗族侗族|布依族苗族|壮族苗族|傈僳族|景颇族|白族|藏族羌族|哈萨克)$/,
        '',
      );
    // Real area codes (without the trunk 0): the demo offices' cities have theirs, others borrow one in turn.
    const area = (areas.get(city) ?? known[n++ % known.length]).slice(1);
    // Local numbers have 8 digits in large cities, 7 in smaller ones.
    const local = normalizePhone(`+86${area}22345678`) ? 8 : 7;
    for (const district of codesOfLength(6).filter((d) => d.startsWith(city))) {
      place.province.push(province);
      place.city.push(city);
      place.district.push(district);
      place.cityName.push(short);
      place.area.push(area);
      place.local.push(local);
    }
  }
  const trade: Parts['trade'] = { text: [], industry: [], category: [], short: [] };
  for (const [text, industry, category, short] of trades) {
    trade.text.push(text);
    trade.industry.push(industry);
    trade.category.push(category);
    trade.short.push(short);
  }
  return {
    place,
    brand: { char: brandChars },
    trade,
    person: { surname: surnames, given: givenChars },
  };
}
