import { descendants, findByName, provinceCodes, regionName } from '../../engine/fields/region-data.ts';

export interface City {
  /** Short name as used in company names: 济南. */
  name: string;
  province: string;
  areaCode: string;
  /** Division codes (national list). */
  provinceCode: string;
  cityCode: string;
  districts: string[];
}

export interface Office {
  /** 济南办事处 */
  name: string;
  code: string;
  cities: City[];
}

export interface SalesRegion {
  name: string;
  code: string;
  offices: Office[];
}

type CityRow = [name: string, areaCode: string];
type OfficeRow = [office: string, code: string, province: string, cities: CityRow[]];

const layout: Array<[region: string, code: string, offices: OfficeRow[]]> = [
  [
    '华东大区',
    'EAST',
    [
      [
        '济南办事处',
        'JN',
        '山东省',
        [
          ['济南', '0531'],
          ['青岛', '0532'],
          ['淄博', '0533'],
          ['潍坊', '0536'],
          ['烟台', '0535'],
          ['临沂', '0539'],
          ['济宁', '0537'],
        ],
      ],
      [
        '南京办事处',
        'NJ',
        '江苏省',
        [
          ['南京', '025'],
          ['苏州', '0512'],
          ['无锡', '0510'],
          ['徐州', '0516'],
          ['常州', '0519'],
        ],
      ],
      [
        '杭州办事处',
        'HZ',
        '浙江省',
        [
          ['杭州', '0571'],
          ['宁波', '0574'],
          ['温州', '0577'],
          ['金华', '0579'],
        ],
      ],
      [
        '合肥办事处',
        'HF',
        '安徽省',
        [
          ['合肥', '0551'],
          ['芜湖', '0553'],
          ['蚌埠', '0552'],
        ],
      ],
    ],
  ],
  [
    '华北大区',
    'NORTH',
    [
      ['北京办事处', 'BJ', '北京市', [['北京', '010']]],
      [
        '石家庄办事处',
        'SJZ',
        '河北省',
        [
          ['石家庄', '0311'],
          ['唐山', '0315'],
          ['保定', '0312'],
          ['邯郸', '0310'],
        ],
      ],
      [
        '太原办事处',
        'TY',
        '山西省',
        [
          ['太原', '0351'],
          ['大同', '0352'],
        ],
      ],
    ],
  ],
  [
    '华南大区',
    'SOUTH',
    [
      [
        '广州办事处',
        'GZ',
        '广东省',
        [
          ['广州', '020'],
          ['深圳', '0755'],
          ['佛山', '0757'],
          ['东莞', '0769'],
        ],
      ],
      [
        '南宁办事处',
        'NN',
        '广西壮族自治区',
        [
          ['南宁', '0771'],
          ['柳州', '0772'],
        ],
      ],
      [
        '福州办事处',
        'FZ',
        '福建省',
        [
          ['福州', '0591'],
          ['厦门', '0592'],
          ['泉州', '0595'],
        ],
      ],
    ],
  ],
  [
    '西南大区',
    'WEST',
    [
      [
        '成都办事处',
        'CD',
        '四川省',
        [
          ['成都', '028'],
          ['绵阳', '0816'],
          ['宜宾', '0831'],
        ],
      ],
      ['重庆办事处', 'CQ', '重庆市', [['重庆', '023']]],
      [
        '昆明办事处',
        'KM',
        '云南省',
        [
          ['昆明', '0871'],
          ['曲靖', '0874'],
        ],
      ],
    ],
  ],
];

function city(province: string, [name, areaCode]: CityRow): City {
  const provinceCode = findByName(province, provinceCodes());
  if (!provinceCode) throw new Error(`unknown province ${province}`);
  const cities = descendants(provinceCode, 1);
  // Municipalities (北京, 重庆) have only grouping "cities" (市辖区): the first one holds the districts.
  const cityCode = province.startsWith(name) ? cities[0] : findByName(`${name}市`, cities);
  if (!cityCode) throw new Error(`unknown city ${name}`);
  // 东莞 and 中山 have towns (9-digit codes), not districts: the region stops at the city there.
  const districts = descendants(cityCode, 1).filter((d) => d.length === 6);
  return { name, province, areaCode, provinceCode, cityCode, districts };
}

let built: SalesRegion[] | undefined;

/** The demo company's sales regions, offices and the cities each office covers (division codes resolved). */
export function salesRegions(): SalesRegion[] {
  built ??= layout.map(([name, code, offices]) => ({
    name,
    code,
    offices: offices.map(([office, oc, province, cities]) => ({
      name: office,
      code: oc,
      cities: cities.map((c) => city(province, c)),
    })),
  }));
  return built;
}

export const districtName = (code: string) => regionName(code) ?? '';

const roads = [
  '人民路',
  '解放路',
  '建设路',
  '工业大道',
  '经十路',
  '和平路',
  '中山路',
  '长江路',
  '黄河路',
  '开发区纬二路',
  '高新区科技路',
  '滨河大道',
  '东环路',
  '西环路',
  '南二环',
  '北园大街',
  '新华路',
  '胜利街',
  '光明路',
  '物流园区一路',
];

export function street(pick: <T>(items: readonly T[]) => T, n: number): string {
  return `${pick(roads)}${n}号`;
}
