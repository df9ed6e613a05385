/** The demo company's catalogue (ORD-1) and sales processes (SAL-3): fictional, but what a 专用车 maker sells. */

export interface DemoProduct {
  code: string;
  name: string;
  model: string;
  specification: string;
  category: string;
  unit: string;
  price: number;
  cost: number;
}

type Row = [code: string, name: string, spec: string, category: string, price: number, unit?: string];

const rows: Row[] = [
  ['KL5040XLC', '轻型冷藏车', '4.2 米厢体，-18℃ 冷机，国六', 'refrigerated', 218_000],
  ['KL5120XLC', '中型冷藏车', '6.8 米厢体，-25℃ 冷机，国六', 'refrigerated', 386_000],
  ['KL5180XLC', '重型冷藏车', '9.6 米厢体，双温区冷机，国六', 'refrigerated', 568_000],
  ['KL5070ZYS', '压缩式垃圾车', '6 方，后装压缩，国六', 'sanitation', 265_000],
  ['KL5180ZYS', '压缩式垃圾车', '14 方，后装压缩，国六', 'sanitation', 458_000],
  ['KL5180GSS', '洒水车', '10 方罐体，前冲后洒', 'sanitation', 236_000],
  ['KL5180TXS', '洗扫车', '8 方尘箱，纯电动', 'sanitation', 1_180_000],
  ['KL5040CTY', '桶装垃圾运输车', '3 方，挂桶提升', 'sanitation', 128_000],
  ['KL5160JSQ', '随车起重运输车', '6.3 吨直臂吊，4 节臂', 'truckCrane', 320_000],
  ['KL5250JSQ', '随车起重运输车', '12 吨折臂吊，6 节臂', 'truckCrane', 620_000],
  ['KL5080GYY', '运油车', '8 方铝合金罐体', 'tanker', 286_000],
  ['KL5260GYY', '运油车', '20 方碳钢罐体，底装底卸', 'tanker', 498_000],
  ['KL5320GHY', '化工液体运输车', '18 方不锈钢罐体', 'tanker', 612_000],
  ['KL5040XXY', '厢式运输车', '4.2 米厢体，翼开启', 'van', 136_000],
  ['KL5180XXY', '厢式运输车', '9.6 米厢体，侧拉帘', 'van', 298_000],
  ['KL5140GXFSG60', '水罐消防车', '6 吨水罐，CB10/30 泵', 'fire', 1_360_000],
  ['KL5040XJH', '救护车', '监护型，负压舱', 'medical', 458_000],
  ['KL-LJ-TK600', '冷机总成', '-25℃，适配 6.8 米厢体', 'parts', 48_000, 'set'],
  ['KL-DB-12T', '随车吊吊臂总成', '12 吨折臂吊备件', 'parts', 86_000, 'set'],
  ['KL-FW-BY', '上装年度保养服务', '含两次上门保养', 'service', 12_000, 'item'],
];

export const demoProducts: DemoProduct[] = rows.map(([code, name, specification, category, price, unit]) => ({
  code,
  name,
  model: code,
  specification,
  category,
  unit: unit ?? 'vehicle',
  price,
  // Margins of 12–25 %.
  cost: Math.round((price * (75 + (code.length % 13))) / 100 / 100) * 100,
}));

export interface DemoStage {
  name: string;
  probability: number;
  requiredFields: string[];
  requiredTasks: string[];
  playbook: string;
}

export interface DemoProcess {
  name: string;
  categories: string[];
  isDefault: boolean;
  description: string;
  stages: DemoStage[];
}

export const demoProcesses: DemoProcess[] = [
  {
    name: '整车销售流程',
    categories: ['refrigerated', 'truckCrane', 'tanker', 'van', 'parts', 'service'],
    isDefault: true,
    description: '物流、工程、石化等企业客户的整车与配件销售。',
    stages: [
      {
        name: '线索确认',
        probability: 10,
        requiredFields: ['expectedCloseDate'],
        requiredTasks: [],
        playbook: '24 小时内电话联系，确认采购意向、用途和大致时间，判断是否为决策人。填写预计成交日期。',
      },
      {
        name: '需求分析',
        probability: 25,
        requiredFields: ['lines'],
        requiredTasks: ['完成客户需求调研表'],
        playbook: '上门拜访，了解运输货物、线路、上牌地和底盘偏好；按调研表逐项确认，录入意向车型和数量。',
      },
      {
        name: '方案报价',
        probability: 50,
        requiredFields: [],
        requiredTasks: ['提交技术方案', '报价单审批'],
        playbook: '技术部出具上装方案；报价低于限价须走折扣审批。报价后三天内回访。',
      },
      {
        name: '商务谈判',
        probability: 75,
        requiredFields: ['competitorAnalysis'],
        requiredTasks: [],
        playbook: '明确付款方式、交期和售后条款；记录竞争对手报价与优劣势，必要时申请样车试用。',
      },
      {
        name: '合同签订',
        probability: 90,
        requiredFields: [],
        requiredTasks: ['合同盖章回传'],
        playbook: '合同走审批后寄出，盖章件回传即可排产；同时确认首付款到账时间。',
      },
    ],
  },
  {
    name: '政府采购招投标流程',
    categories: ['sanitation', 'fire', 'medical'],
    isDefault: false,
    description: '环卫、消防、医疗等政府及事业单位的招投标项目。',
    stages: [
      {
        name: '项目立项',
        probability: 10,
        requiredFields: ['expectedCloseDate'],
        requiredTasks: [],
        playbook: '跟踪财政预算和采购意向公开，确认项目资金来源和采购方式。',
      },
      {
        name: '标书准备',
        probability: 30,
        requiredFields: ['lines'],
        requiredTasks: ['购买招标文件'],
        playbook: '逐条核对技术参数，偏离项提前与技术部确认；准备资质和业绩证明。',
      },
      {
        name: '投标',
        probability: 50,
        requiredFields: [],
        requiredTasks: ['标书盖章递交'],
        playbook: '按时递交，开标现场记录各家报价，填写竞争分析。',
      },
      {
        name: '评标公示',
        probability: 75,
        requiredFields: ['competitorAnalysis'],
        requiredTasks: [],
        playbook: '关注公示期，对质疑做好应答准备。',
      },
      {
        name: '中标签约',
        probability: 90,
        requiredFields: [],
        requiredTasks: ['领取中标通知书'],
        playbook: '领取中标通知书后 30 日内签订合同，履约保证金按时缴纳。',
      },
    ],
  },
];
