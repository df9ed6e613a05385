/**
 * Writes server/src/engine/access/common-passwords.txt (SEC-7): the passwords people pick first, which the
 * password policy refuses. Built from the classic leaked-password top lists (Western and Chinese), then
 * widened with the patterns those lists are made of: a common word or name plus a number or year,
 * keyboard walks, repeated and sequential digits. Run: `npx tsx server/scripts/gen-common-passwords.ts`.
 */
import fs from 'node:fs';

const classics = `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer
harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars klaster
112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie
159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew access yankees
987654321 dallas austin thunder taylor matrix mobilemail minecraft welcome welcome1 password1 password123 admin
admin123 administrator root toor login passw0rd p@ssw0rd p@ssword qwerty123 qwerty1 1q2w3e4r 1q2w3e4r5t 1q2w3e
zaq12wsx qazwsxedc qweasdzxc 123qweasd qwe123 asd123 zxc123 aa123456 a123456 123456a 123456aa abc12345 abcd1234
a1b2c3 a1b2c3d4 1a2b3c4d iloveyou1 iloveyou123 lovely loveme flower hello hello123 helloworld football1 baseball1
whatever nothing secret secret123 changeme default guest test test123 testing user user123 demo demo123 temp
temp123 letmein1 monkey1 dragon1 shadow1 master1 killer1 superman1 batman1 starwars1 trustno1 sunshine1
princess1 qwertyuiop1 1234qwer qwer1234 asdf1234 zxcv1234 asdfghjkl asdfasdf qwerqwer 1q2w3e4r5t6y 1qazxsw2
woaini woaini1314 woaini520 woaini123 woaini1314520 woaini5201314 5201314 1314520 520520 521521 5211314
13145200 woaiwojia woaiwoma woaimama woaibaba iloveyou1314 aini1314 1314521 584520 74108520 147258369
147258 159357 258369 369258 789456 456789 123654 147852 741852963 951753 852456 11223344 112233445566 88888888
66666666 8888888 888888 168168 518518 168888 666888 123456789a a123456789 qq123456 qq123456789 qwe123456
abc123456 abc123456789 aaa123456 zxcvbnm123 asdfghjkl123 1234567890a woshishui wodemima mima123 mima123456
zhang123 wang123 li123456 liu123456 chen123456 yang123456 huang123456 zhao123456 zhou123456 wu123456 xu123456
sun123456 ma123456 zhu123456 hu123456 guo123456 he123456 gao123456 lin123456 luo123456 zheng123456 liang123456
xiaoming xiaohong xiaoli xiaowang laowang zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei
wangxiuying zhangli lixiuying wangli zhangjing zhangxiuying liqiang wangmin lijun wanglei liuyang wangyong
yangyang tiantian lele huanhuan beibei dandan pengpeng shanshan xiaoxiao jingjing feifei liangliang mingming
kehu kehu123 kehu123456 crm123 crm123456 crmadmin kehuadmin company company123 sales sales123 manager manager123
office office123 china china123 beijing shanghai shenzhen guangzhou hangzhou nanjing tianjin wuhan chengdu
chongqing xian zhongguo zhonghua huawei xiaomi tencent alibaba taobao baidu wechat weixin qqqqqq wwwwww
`;

const words = `password passwd pass admin root user guest login welcome hello love iloveyou lover lovely angel
monkey dragon shadow master superman batman tiger lion eagle falcon phoenix hunter killer ninja pirate wizard
sunshine princess prince queen king star starwars rainbow flower summer winter spring autumn football baseball
soccer hockey basketball tennis golf yankees cowboys lakers chelsea arsenal liverpool barcelona juventus
michael jennifer jessica ashley amanda daniel david james john robert thomas charlie george joshua matthew
andrew jordan taylor michelle nicole maggie pepper ginger buster tigger harley mustang ferrari porsche mercedes
bmw audi toyota honda yamaha computer internet matrix secret freedom qwerty qwert asdf zxcv abc abcd abcde
abcdef test demo temp default changeme letmein trustno whatever nothing orange banana apple cherry chocolate
cookie cheese pizza coffee money dollar lucky happy smile sunny cool crazy fuck hacker zaq qaz wsx
`;

const pinyin = `woaini aini wode mima nihao ni hao zhang wang li liu chen yang huang zhao zhou wu xu sun ma zhu hu guo he gao
lin luo zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng
wei su lu ding shen ren yao jin zhongguo beijing shanghai shenzhen guangzhou hangzhou china kehu crm company
office sales manager boss laoban baobao baobei qinqin xiaoming xiaohong laopo laogong meimei gege jiejie didi
zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei wangli zhangli wanglei liuyang
`;

const suffixes = ['', '1', '12', '123', '1234', '12345', '123456', '12345678', '123456789', '!', '1!', '123!', '@123'];
const chineseSuffixes = ['520', '1314', '5201314', '666', '888', '8888', '168', '000000', '111111', '123123'];
const years = Array.from({ length: 2026 - 1970 }, (_, i) => String(1970 + i));
// Birth years and recent years are what people append.
const suffixYears = years.filter((y) => (y >= '1985' && y <= '2000') || y >= '2020');

const out = new Set<string>();
const add = (p: string) => {
  const v = p.trim().toLowerCase();
  if (v) out.add(v);
};

for (const p of classics.split(/\s+/)) add(p);
const split = (t: string) => [...new Set(t.split(/\s+/).filter(Boolean))];
const chinese = new Set(split(pinyin));
for (const b of new Set([...split(words), ...chinese])) {
  for (const s of suffixes) add(b + s);
  if (chinese.has(b)) for (const s of chineseSuffixes) add(b + s);
  for (const y of suffixYears) add(b + y);
  add(b + b);
}

// Keyboard walks: every run of 6+ keys along a row (both ways), and the column walks.
const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '!@#$%^&*()'];
for (const row of rows) {
  for (const r of [row, [...row].reverse().join('')]) {
    for (let len = 6; len <= r.length; len++) for (let i = 0; i + len <= r.length; i++) add(r.slice(i, i + len));
  }
}
for (const w of [
  '1qaz2wsx3edc4rfv5tgb',
  'zaq12wsxcde34rfv',
  'qazwsxedcrfvtgb',
  '1q2w3e4r5t6y7u8i9o0p',
  'q1w2e3r4t5y6u7i8o9p0',
]) {
  for (let len = 6; len <= w.length; len += 2) add(w.slice(0, len));
}
for (const a of ['qwer', 'asdf', 'zxcv', 'qwerty', 'asdfgh', 'zxcvbn', 'qaz', 'wsx', '1qaz', 'abc', 'abcd']) {
  for (const b of ['1234', '123456', '12345678', '!@#$', '4321']) {
    add(a + b);
    add(b + a);
  }
}

// Digits: one digit repeated, pairs repeated, runs up and down.
for (let d = 0; d <= 9; d++) for (let len = 4; len <= 16; len++) add(String(d).repeat(len));
for (let a = 0; a <= 9; a++) {
  for (let b = 0; b <= 9; b++) if (a !== b) for (let n = 3; n <= 8; n++) add(`${a}${b}`.repeat(n));
}
const up = '01234567890123456789';
const down = '98765432109876543210';
for (const r of [up, down]) for (let len = 6; len <= 16; len++) for (let i = 0; i < 10; i++) add(r.slice(i, i + len));
for (const y of years) {
  add(y + y);
  for (const s of ['0101', '1231', '1010', '1111', '1212', '0808', '0520', '0521', '1314']) {
    add(y + s);
    add(`a${y}${s}`);
  }
}

const list = [...out];
const target = new URL('../src/engine/access/common-passwords.txt', import.meta.url);
fs.writeFileSync(target, `${list.join('\n')}\n`);
console.log(`${list.length} passwords written`);
