// The words of the demo bank: real places with their GB/T 2260 division codes, company names built
// the way Chinese companies are named (行政区划 + 字号 + 行业 + 组织形式, e.g. 上海鑫泰贸易有限公司), industry
// words mapped to GB/T 4754-2017 divisions, common surnames with their frequency, given names, and
// the titles of the people a relationship manager meets.

export interface DemoRegion {
  /** County-level division code (GB/T 2260). */
  code: string;
  /** Full name as a bank writes it: 上海市浦东新区. */
  name: string;
  /** The city as it starts a company name: 上海. */
  city: string;
  /** The province as it may start a company name instead (江苏, 浙江, 广东), when not a municipality. */
  province: string | null;
  /** How often customers come from here (the demo bank lives in Shanghai and Suzhou). */
  weight: number;
}

const region = (code: string, name: string, city: string, province: string | null, weight: number) => ({
  code,
  name,
  city,
  province,
  weight,
});

export const REGIONS: readonly DemoRegion[] = [
  region('310101', '上海市黄浦区', '上海', null, 5),
  region('310104', '上海市徐汇区', '上海', null, 5),
  region('310105', '上海市长宁区', '上海', null, 3),
  region('310106', '上海市静安区', '上海', null, 4),
  region('310107', '上海市普陀区', '上海', null, 3),
  region('310110', '上海市杨浦区', '上海', null, 3),
  region('310112', '上海市闵行区', '上海', null, 5),
  region('310113', '上海市宝山区', '上海', null, 3),
  region('310114', '上海市嘉定区', '上海', null, 3),
  region('310115', '上海市浦东新区', '上海', null, 12),
  region('310117', '上海市松江区', '上海', null, 3),
  region('320505', '苏州市虎丘区', '苏州', '江苏', 3),
  region('320506', '苏州市吴中区', '苏州', '江苏', 3),
  region('320507', '苏州市相城区', '苏州', '江苏', 2),
  region('320508', '苏州市姑苏区', '苏州', '江苏', 3),
  region('320509', '苏州市吴江区', '苏州', '江苏', 2),
  region('110101', '北京市东城区', '北京', null, 1),
  region('110105', '北京市朝阳区', '北京', null, 2),
  region('110108', '北京市海淀区', '北京', null, 2),
  region('120101', '天津市和平区', '天津', null, 0.6),
  region('120104', '天津市南开区', '天津', null, 0.6),
  region('440304', '深圳市福田区', '深圳', '广东', 1.5),
  region('440305', '深圳市南山区', '深圳', '广东', 1.5),
  region('440306', '深圳市宝安区', '深圳', '广东', 1),
  region('440106', '广州市天河区', '广州', '广东', 1.2),
  region('440104', '广州市越秀区', '广州', '广东', 0.8),
  region('441900', '广东省东莞市', '东莞', '广东', 0.8),
  region('330106', '杭州市西湖区', '杭州', '浙江', 1.5),
  region('330108', '杭州市滨江区', '杭州', '浙江', 1.2),
  region('330110', '杭州市余杭区', '杭州', '浙江', 1),
  region('330203', '宁波市海曙区', '宁波', '浙江', 1),
  region('330212', '宁波市鄞州区', '宁波', '浙江', 1),
  region('320102', '南京市玄武区', '南京', '江苏', 1),
  region('320105', '南京市建邺区', '南京', '江苏', 1),
  region('320213', '无锡市梁溪区', '无锡', '江苏', 1),
  region('320214', '无锡市新吴区', '无锡', '江苏', 1.2),
  region('340104', '合肥市蜀山区', '合肥', '安徽', 0.6),
  region('420106', '武汉市武昌区', '武汉', '湖北', 0.6),
  region('430104', '长沙市岳麓区', '长沙', '湖南', 0.5),
  region('510107', '成都市武侯区', '成都', '四川', 0.7),
  region('500103', '重庆市渝中区', '重庆', null, 0.5),
  region('610113', '西安市雁塔区', '西安', '陕西', 0.5),
  region('350203', '厦门市思明区', '厦门', '福建', 0.6),
  region('370202', '青岛市市南区', '青岛', '山东', 0.6),
];

/**
 * 字号: the distinctive two characters of a company name. Invented or common auspicious words;
 * the names of the best-known real groups and banks are left out on purpose.
 */
export const TRADE_NAMES: readonly string[] = (
  '鑫泰 华信 宏达 恒通 永盛 瑞丰 金桥 聚源 天成 德润 博远 嘉禾 盛世 鼎盛 泰和 安达 和信 宏图 锦程 华盛 ' +
  '隆盛 众鑫 昌隆 富源 远航 顺达 通达 腾达 亿通 万隆 金泰 星辰 华茂 恒昌 恒达 宏远 宏盛 宏业 华辰 华远 ' +
  '汇通 汇鑫 汇泽 嘉诚 嘉信 嘉瑞 建业 金鼎 金辉 金盛 金源 锦华 锦泰 精诚 久安 凯达 凯盛 康达 利达 联创 ' +
  '龙腾 茂源 美达 明达 铭泰 鹏程 启航 千禧 乾元 庆丰 荣昌 瑞祥 瑞达 润泽 三和 森茂 盛达 盛源 舜天 泰丰 ' +
  '天合 天润 天宇 通源 万鑫 维新 伟业 文华 祥瑞 祥和 欣荣 新亚 新元 信诚 兴盛 旭日 亚泰 耀华 一诚 益丰 ' +
  '永安 永泰 友联 裕丰 源通 鸿运 鸿基 鸿泰 鸿翔 正源 志成 致远 中恒 众诚 卓越 百川 宝丰 宝隆 博瑞 昌盛 ' +
  '诚信 达盛 大成 德丰 德信 鼎新 东升 丰华 福瑞 福泰 广源 海川 海昌 海诚 浩然 合众 和泰 恒泰 弘毅 华安 ' +
  '华宇 华展 环宇 汇金 佳和 嘉业 金利 金鹏 锦绣 景泰 俊达 开元 康泰 坤元 蓝天 朗润 良友 隆鑫 绿源 明辉 ' +
  '宁泰 鹏达 启明 庆达 瑞泰 润丰 盛和 盛华 晟达 泰昌 泰德 天恒 天利 同创 万嘉 伟创 新宇 信和 兴达 星河 ' +
  '雅泰 英达 永达 元丰 悦泰 云海 泽润 长荣 兆丰 正和 中达 卓信 东晟 君诚 力恒 迈达 沃德 禾丰 巨能 九州 '
)
  .trim()
  .split(' ');

/** Characters that make further plausible trade names in pairs (鑫 + 达 = 鑫达), for large banks. */
export const TRADE_FIRST_CHARS = [
  ...'鑫华宏恒永瑞金聚天德博嘉盛鼎泰安和锦隆众昌富远顺通腾亿万星茂汇建凯康利联龙明鹏启乾庆荣润森新信兴旭亚耀益裕源鸿正志致中卓宝诚达东丰福广海浩合弘辉佳俊开坤朗良宁晟同伟祥欣雅英元悦云泽长兆',
];
export const TRADE_SECOND_CHARS = [
  ...'泰信达通盛丰桥源成润远禾和图程隆鑫航腾辰茂昌业华诚瑞鼎辉利创祥荣安恒宇晟川峰泽德元新科越发康嘉佳兴海旭翔邦汇凯威',
];

export interface IndustryWord {
  /** What follows the trade name: 贸易, 机械制造, 建筑工程 … */
  word: string;
  /** GB/T 4754-2017 section letter + division, as stored in customers.industry. */
  industry: string;
  weight: number;
  /** Share of such companies that settle in foreign currency (trade, textiles, electronics …). */
  fxShare: number;
  /** Share that are foreign-trade enterprises 外贸企业 (EX3.DEBT_RATIO does not apply to them). */
  foreignTradeShare: number;
  /** Need of credit: the share that borrow. */
  loanShare: number;
}

const word = (
  w: string,
  industry: string,
  weight: number,
  fxShare = 0.05,
  loanShare = 0.45,
  foreignTradeShare = 0,
): IndustryWord => ({ word: w, industry, weight, fxShare, foreignTradeShare, loanShare });

export const INDUSTRY_WORDS: readonly IndustryWord[] = [
  word('贸易', 'F51', 12, 0.35, 0.5, 0.2),
  word('商贸', 'F51', 6, 0.1, 0.45),
  word('进出口', 'F51', 3, 0.95, 0.55, 0.9),
  word('国际贸易', 'F51', 2, 0.95, 0.55, 0.85),
  word('医药', 'F51', 1.5, 0.1, 0.45),
  word('汽车销售服务', 'F52', 1.2, 0.02, 0.6),
  word('电子商务', 'F52', 2, 0.2, 0.3),
  word('物流', 'G58', 5, 0.15, 0.45),
  word('供应链管理', 'G58', 2.5, 0.4, 0.5, 0.3),
  word('国际货运代理', 'G58', 1, 0.9, 0.3),
  word('运输', 'G54', 2, 0.02, 0.5),
  word('仓储', 'G59', 1, 0.05, 0.45),
  word('科技', 'I65', 10, 0.08, 0.3),
  word('信息技术', 'I65', 4, 0.08, 0.3),
  word('软件', 'I65', 2, 0.1, 0.25),
  word('网络科技', 'I64', 3, 0.05, 0.25),
  word('电子', 'C39', 3, 0.4, 0.55, 0.3),
  word('机械', 'C34', 4, 0.2, 0.6),
  word('机械制造', 'C34', 2, 0.2, 0.6),
  word('精密机械', 'C34', 1, 0.3, 0.6),
  word('智能装备', 'C35', 1.5, 0.2, 0.6),
  word('医疗器械', 'C35', 1, 0.25, 0.5),
  word('汽车零部件', 'C36', 2, 0.3, 0.65, 0.2),
  word('电气', 'C38', 3, 0.2, 0.6),
  word('新材料', 'C30', 1, 0.15, 0.55),
  word('化工', 'C26', 2, 0.3, 0.6),
  word('生物医药', 'C27', 2, 0.2, 0.5),
  word('塑胶制品', 'C29', 1, 0.25, 0.55),
  word('纺织', 'C17', 2, 0.45, 0.6, 0.4),
  word('服饰', 'C18', 2, 0.45, 0.5, 0.4),
  word('家具', 'C21', 1, 0.35, 0.5, 0.3),
  word('包装材料', 'C22', 1, 0.1, 0.55),
  word('印务', 'C23', 1, 0.02, 0.5),
  word('食品', 'C14', 2, 0.1, 0.55),
  word('金属制品', 'C33', 2, 0.2, 0.65),
  word('钢铁', 'C31', 0.6, 0.15, 0.8),
  word('水泥', 'C30', 0.4, 0.02, 0.8),
  word('建筑工程', 'E47', 3, 0.01, 0.65),
  word('建设工程', 'E48', 2, 0.01, 0.65),
  word('电力工程', 'E48', 1, 0.01, 0.6),
  word('安装工程', 'E49', 1, 0.01, 0.55),
  word('装饰工程', 'E50', 2, 0.01, 0.5),
  word('房地产开发', 'K70', 2, 0.02, 0.8),
  word('置业', 'K70', 2, 0.02, 0.75),
  word('物业管理', 'K70', 2, 0.01, 0.2),
  word('投资管理', 'L72', 2, 0.1, 0.3),
  word('企业管理咨询', 'L72', 2, 0.05, 0.15),
  word('人力资源', 'L72', 1, 0.02, 0.15),
  word('广告', 'L72', 1, 0.02, 0.2),
  word('设备租赁', 'L71', 1, 0.02, 0.6),
  word('文化传媒', 'R87', 1.5, 0.05, 0.2),
  word('餐饮管理', 'H62', 2, 0.01, 0.35),
  word('酒店管理', 'H61', 1, 0.05, 0.55),
  word('农业开发', 'A01', 1, 0.02, 0.5),
  word('生态农业', 'A01', 0.8, 0.02, 0.5),
  word('水产', 'A04', 0.5, 0.2, 0.5),
  word('新能源', 'D44', 1, 0.15, 0.7),
  word('燃气', 'D45', 0.4, 0.01, 0.6),
  word('环保科技', 'N77', 1, 0.05, 0.45),
  word('工程技术', 'M74', 1, 0.05, 0.3),
  word('检测技术', 'M74', 1, 0.05, 0.3),
  word('生物科技', 'M73', 1, 0.15, 0.35),
  word('教育科技', 'P83', 1, 0.02, 0.2),
  word('矿业', 'B09', 0.4, 0.2, 0.75),
  word('煤业', 'B06', 0.3, 0.01, 0.8),
];

/** Legal form 组织形式. Groups are always 集团有限公司. */
export const COMPANY_FORMS = {
  limited: '有限公司',
  joinStock: '股份有限公司',
  limitedLiability: '有限责任公司',
  group: '集团有限公司',
} as const;

/**
 * The 100 commonest surnames with their approximate share of the population in per mille (公安部
 * 户籍人口姓氏统计, rounded). Enough to look right; the exact numbers do not matter.
 */
export const SURNAMES: readonly (readonly [string, number])[] = (
  '王71.2 李70.0 张66.8 刘53.8 陈45.3 杨30.8 黄22.3 赵21.9 吴20.3 周19.8 徐16.6 孙15.4 ' +
  '马14.5 朱13.5 胡13.1 郭11.5 何11.4 高11.2 林10.0 罗9.5 郑8.5 梁8.5 谢7.4 宋7.2 ' +
  '唐7.2 许6.6 韩6.6 冯6.2 邓6.2 曹5.9 彭5.7 曾5.6 肖5.5 田5.2 董5.2 袁5.0 ' +
  '潘4.9 于4.9 蒋4.8 蔡4.7 余4.5 杜4.5 叶4.4 程4.3 苏4.2 魏4.1 吕4.1 丁4.0 ' +
  '任3.9 沈3.8 姚3.7 卢3.7 姜3.6 崔3.5 钟3.5 谭3.4 陆3.3 汪3.2 范3.2 金3.1 ' +
  '石3.1 廖3.0 贾2.9 夏2.9 韦2.8 付2.7 方2.7 白2.6 邹2.6 孟2.5 熊2.5 秦2.4 ' +
  '邱2.4 江2.4 尹2.3 薛2.3 闫2.2 段2.2 雷2.2 侯2.1 龙2.1 史2.0 陶2.0 黎2.0 ' +
  '贺1.9 顾1.9 毛1.9 郝1.8 龚1.8 邵1.8 万1.7 钱1.7 严1.7 覃1.6 武1.6 戴1.6 ' +
  '莫1.5 孔1.5 向1.5 汤1.5 '
)
  .trim()
  .split(' ')
  .map((entry) => [entry.charAt(0), Number(entry.slice(1))] as const);

export const GIVEN_NAMES = {
  male: {
    single: [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳峰东亮成博文海晨'],
    first: [...'志建国俊晓子浩宇明文海振家嘉伟永天立德思一博昊睿泽梓宏光春新世长'],
    second: [...'强伟明华军平杰涛辉鹏飞宇轩然航博豪阳峰龙成东林斌磊刚勇超诚彬昊'],
  },
  female: {
    single: [...'敏静丽芳娟艳霞燕玲婷颖雪琳倩洁萍红丹慧佳莉蕾'],
    first: [...'秀晓丽雅欣思梦诗雨佳婉紫静美嘉玉春海淑文子一可心'],
    second: [...'英兰芳华红玲琳婷怡涵萱彤妍颖琪雯洁欣悦娜敏静慧丽蓉'],
  },
} as const;

/** Titles by contact role (CONTACT_ROLES in shared/codes.ts). */
export const CONTACT_TITLES = {
  legal_representative: ['董事长', '总经理', '执行董事', '董事长兼总经理'],
  finance_head: ['财务总监', '财务经理', '财务负责人', '首席财务官'],
  decision_maker: ['副总经理', '董事会秘书', '采购总监', '总经理助理', '运营总监'],
  operator: ['出纳', '会计', '财务专员', '资金主管'],
  family: ['配偶', '子女', '父亲', '母亲'],
} as const;

/** What an RM notes to keep the relationship warm (psychological maintenance, DOMAIN §5). */
export const PREFERENCES: readonly string[] = [
  '喜欢喝茶，偏爱龙井',
  '爱好高尔夫',
  '喜欢书法',
  '热爱登山徒步',
  '喜欢钓鱼',
  '关注子女教育',
  '喜欢红酒',
  '偏好电话沟通',
  '偏好微信沟通',
  '晚上八点后不便打扰',
  '喜欢打羽毛球',
  '关注养生',
  '收藏字画',
  '喜欢自驾游',
  '爱好摄影',
  '关注宏观经济与利率走势',
  '重视办事效率，不喜欢繁琐手续',
  '喜欢安静的会面环境',
  '对理财收益比较敏感',
  '看重银行的专业意见',
];

export const EMAIL_DOMAINS_PERSONAL: readonly (readonly [string, number])[] = [
  ['qq.com', 5],
  ['163.com', 3],
  ['126.com', 1],
  ['139.com', 0.5],
  ['sina.com', 0.5],
  ['outlook.com', 0.5],
];

/** Second and third digits of mobile numbers (13x … 19x) by how common they are. */
export const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['13', 30],
  ['15', 22],
  ['18', 25],
  ['17', 6],
  ['19', 10],
  ['16', 3],
  ['14', 4],
];

/** Pinyin of the characters of trade names, for plausible e-mail addresses (xintai@163.com). */
export const TRADE_PINYIN: ReadonlyMap<string, string> = new Map(
  (
    '鑫xin 泰tai 华hua 信xin 宏hong 达da 恒heng 通tong 永yong 盛sheng 瑞rui 丰feng 金jin 桥qiao 聚ju ' +
    '源yuan 天tian 成cheng 德de 润run 博bo 远yuan 嘉jia 禾he 世shi 鼎ding 和he 安an 图tu 锦jin 程cheng ' +
    '隆long 众zhong 昌chang 富fu 航hang 顺shun 腾teng 亿yi 万wan 星xing 辰chen 茂mao 业ye 汇hui 泽ze ' +
    '诚cheng 建jian 辉hui 精jing 久jiu 凯kai 康kang 利li 联lian 创chuang 龙long 美mei 明ming 铭ming ' +
    '鹏peng 启qi 千qian 禧xi 乾qian 元yuan 庆qing 荣rong 祥xiang 三san 森sen 舜shun 合he 宇yu 维wei ' +
    '新xin 伟wei 文wen 欣xin 亚ya 兴xing 旭xu 日ri 耀yao 一yi 益yi 友you 裕yu 鸿hong 运yun 基ji ' +
    '翔xiang 正zheng 志zhi 致zhi 中zhong 卓zhuo 越yue 百bai 川chuan 宝bao 大da 东dong 升sheng 福fu ' +
    '广guang 海hai 浩hao 然ran 弘hong 毅yi 展zhan 环huan 佳jia 绣xiu 景jing 俊jun 开kai 坤kun 蓝lan ' +
    '朗lang 良liang 绿lv 宁ning 晟sheng 同tong 河he 雅ya 英ying 悦yue 云yun 长chang 兆zhao 君jun 力li ' +
    '迈mai 沃wo 巨ju 能neng 九jiu 州zhou 峰feng 科ke 发fa 邦bang 威wei'
  )
    .split(' ')
    .map((entry) => [entry.charAt(0), entry.slice(1)] as const),
);

/** Pinyin of the surnames, for personal e-mail addresses (wang1985@163.com). */
export const SURNAME_PINYIN: ReadonlyMap<string, string> = new Map(
  (
    '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu ' +
    '郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao ' +
    '彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su ' +
    '魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin ' +
    '石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin ' +
    '薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao ' +
    '万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang'
  )
    .split(' ')
    .map((entry) => [entry.charAt(0), entry.slice(1)] as const),
);

/** Letters a company's web domain starts with (shxintai.com). */
export const CITY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  上海: 'sh',
  苏州: 'sz',
  北京: 'bj',
  天津: 'tj',
  深圳: 'sz',
  广州: 'gz',
  东莞: 'dg',
  杭州: 'hz',
  宁波: 'nb',
  南京: 'nj',
  无锡: 'wx',
  合肥: 'hf',
  武汉: 'wh',
  长沙: 'cs',
  成都: 'cd',
  重庆: 'cq',
  西安: 'xa',
  厦门: 'xm',
  青岛: 'qd',
};
