
namespace Fip.Web.Demo;

/// <summary>The words demo names are made of: each field of industry's words, products, scenarios and capacities, and the brands.</summary>
public static partial class DemoDataGenerator
{
    private sealed class FamilyInfo
    {
        public required (string Full, string Short)[] Words { get; init; }
        public required string[] DefaultKeywords { get; init; }
        public required string[] Products { get; init; }
        public string ModelJoiner { get; init; } = "型";
        /// <summary>Scenario domains; {k} is replaced by a track keyword.</summary>
        public required string[] ScenarioDomains { get; init; }
        public required (string Unit, string Product, int Min, int Max)[] Capacities { get; init; }
        public double Weight { get; init; } = 1;

        public static FamilyInfo For(DemoTrack track)
        {
            bool Is(string code, params string[] names) =>
                track.Code.Contains(code, StringComparison.OrdinalIgnoreCase)
                    || names.Any(n => track.Name.Contains(n, StringComparison.Ordinal));

            if (Is("low-altitude", "低空")) return LowAltitude;
            if (Is("metaverse", "元宇宙")) return Metaverse;
            if (Is("carbon", "碳")) return ZeroCarbon;
            if (Is("hydrogen", "氢")) return Hydrogen;
            if (Is("synthetic", "合成生物")) return SyntheticBiology;
            if (Is("biomed", "医药", "生物")) return Biomed;
            if (Is("pv", "光伏", "储能")) return PvStorage;
            if (Is("material", "材料")) return Materials;
            if (Is("semi", "半导体")) return Semiconductor;
            if (Is("network", "网络")) return Network;
            if (Is("comput", "计算", "算力")) return Computing;
            if (Is("nuclear", "核")) return Nuclear;
            if (Is("robot", "机器人")) return Robot;
            return new FamilyInfo
            {
                Words = Generic.Words,
                DefaultKeywords = [track.Name, "智能装备", "工业软件"],
                Products = Generic.Products,
                ScenarioDomains = Generic.ScenarioDomains,
                Capacities = Generic.Capacities,
            };
        }

        private static readonly FamilyInfo LowAltitude = new()
        {
            Weight = 4,
            Words = [("航空科技", "航空"), ("无人机科技", "无人机"), ("无人机", "无人机"), ("智能飞行器", "飞行器"), ("通用航空", "通航"), ("航空装备", "航空")],
            DefaultKeywords = ["无人机", "飞控系统", "航电系统", "eVTOL", "通用航空器"],
            Products = ["工业无人机", "无人机飞控系统", "植保无人机", "物流无人机", "eVTOL飞行器", "机载航电系统", "无人机反制设备", "系留无人机"],
            ScenarioDomains = ["低空物流配送", "电力线路无人机巡检", "应急救援{k}", "城市空中交通", "农林植保", "低空文旅观光", "{k}城市治理"],
            Capacities = [("台", "工业无人机", 100, 5000), ("架", "eVTOL飞行器", 10, 200), ("套", "无人机飞控系统", 500, 20000)],
        };

        private static readonly FamilyInfo Metaverse = new()
        {
            Weight = 4,
            Words = [("数字科技", "数字"), ("虚拟现实科技", "虚拟现实"), ("光电", "光电"), ("光电科技", "光电"), ("数字孪生科技", "数字"), ("信息技术", "信息")],
            DefaultKeywords = ["虚拟现实", "增强现实", "数字孪生", "光学显示", "三维建模"],
            Products = ["VR头显", "AR光学模组", "数字孪生平台", "虚拟现实一体机", "微显示屏", "动作捕捉系统", "数字人交互系统"],
            ScenarioDomains = ["文旅元宇宙", "数字孪生城市", "{k}智慧教育", "工业元宇宙", "虚拟展厅", "运河文化{k}"],
            Capacities = [("万台", "VR头显", 1, 100), ("万片", "硅基微显示屏", 10, 500), ("套", "数字孪生系统", 50, 1000)],
        };

        private static readonly FamilyInfo ZeroCarbon = new()
        {
            Weight = 4,
            Words = [("碳中和科技", "碳中和"), ("环保工程", "环保"), ("新能源", "新能源"), ("节能科技", "节能"), ("低碳科技", "低碳"), ("环境科技", "环境")],
            DefaultKeywords = ["碳捕集装置", "碳排放监测系统", "节能改造", "余热回收", "碳资产管理"],
            Products = ["二氧化碳捕集装置", "碳排放在线监测系统", "余热回收机组", "工业节能控制系统", "碳资产管理平台", "生物质气化装置"],
            ScenarioDomains = ["零碳园区", "碳捕集利用", "工业余热利用", "建筑光储直柔", "{k}绿色工厂"],
            Capacities = [("套", "二氧化碳捕集装置", 10, 200), ("台", "余热回收机组", 100, 2000), ("万吨", "二氧化碳捕集利用", 1, 50)],
        };

        private static readonly FamilyInfo Hydrogen = new()
        {
            Words = [("氢能科技", "氢能"), ("燃料电池", "燃料电池"), ("氢能源", "氢能"), ("氢能装备", "氢能")],
            DefaultKeywords = ["燃料电池", "电解槽", "储氢装备", "加氢设备"],
            Products = ["氢燃料电池电堆", "碱性电解槽", "PEM电解槽", "车载储氢瓶", "撬装加氢设备", "燃料电池发动机"],
            ScenarioDomains = ["氢能重卡物流", "加氢站", "氢燃料电池公交", "{k}工业应用"],
            Capacities = [("套", "氢燃料电池系统", 500, 10000), ("台", "碱性电解槽", 50, 1000), ("只", "车载储氢瓶", 1000, 50000)],
        };

        private static readonly FamilyInfo Biomed = new()
        {
            Words = [("生物医药", "生物"), ("基因科技", "基因"), ("生物科技", "生物"), ("医疗科技", "医疗"), ("制药", "制药"), ("医疗器械", "医疗")],
            DefaultKeywords = ["生物药", "基因治疗", "体外诊断试剂", "医疗器械"],
            Products = ["单抗注射液", "基因检测试剂盒", "细胞治疗制剂", "手术机器人", "核酸检测仪", "mRNA疫苗"],
            ModelJoiner = "",
            ScenarioDomains = ["智慧医院", "{k}临床应用", "基层医疗", "互联网医疗"],
            Capacities = [("万支", "生物药制剂", 50, 2000), ("万人份", "体外诊断试剂", 100, 5000), ("台", "高端医疗器械", 100, 5000)],
        };

        private static readonly FamilyInfo SyntheticBiology = new()
        {
            Words = [("合成生物科技", "合成生物"), ("生物科技", "生物"), ("生物工程", "生物")],
            DefaultKeywords = ["合成生物制品", "酶制剂", "生物基材料", "工业菌种"],
            Products = ["生物基尼龙", "工业酶制剂", "合成生物香料", "生物基可降解材料"],
            ModelJoiner = "",
            ScenarioDomains = ["生物制造", "{k}替代", "绿色化工"],
            Capacities = [("吨", "生物基材料", 1000, 50000), ("吨", "酶制剂", 100, 10000)],
        };

        private static readonly FamilyInfo PvStorage = new()
        {
            Words = [("光伏科技", "光伏"), ("储能技术", "储能"), ("新能源", "新能源"), ("电力科技", "电力"), ("能源科技", "能源")],
            DefaultKeywords = ["光伏组件", "储能系统", "逆变器", "电池管理系统"],
            Products = ["高效光伏组件", "储能变流器", "工商业储能柜", "光伏逆变器", "电池管理系统", "钙钛矿电池"],
            ScenarioDomains = ["工商业分布式光伏", "光储充一体化", "{k}虚拟电厂", "户用储能"],
            Capacities = [("GW", "高效光伏组件", 1, 10), ("GWh", "储能电池", 1, 20), ("万台", "储能变流器", 1, 20)],
        };

        private static readonly FamilyInfo Materials = new()
        {
            Words = [("新材料", "材料"), ("晶体材料", "晶体"), ("复合材料", "复材"), ("先进材料", "材料"), ("新材料科技", "新材")],
            DefaultKeywords = ["碳纤维复合材料", "晶体材料", "特种合金", "高性能膜材料"],
            Products = ["碳纤维预浸料", "人工晶体", "高温合金", "石墨烯导热膜", "特种陶瓷"],
            ScenarioDomains = ["{k}首批次应用", "新材料中试验证", "航空材料国产化"],
            Capacities = [("吨", "碳纤维复合材料", 100, 10000), ("吨", "高性能晶体材料", 10, 1000), ("万平方米", "高性能膜材料", 10, 1000)],
        };

        private static readonly FamilyInfo Semiconductor = new()
        {
            Words = [("半导体", "半导体"), ("微电子", "微电子"), ("电子科技", "电子"), ("集成电路", "集成电路")],
            DefaultKeywords = ["碳化硅器件", "氮化镓器件", "功率模块", "外延片"],
            Products = ["碳化硅MOSFET", "氮化镓功率器件", "IGBT功率模块", "碳化硅外延片"],
            ScenarioDomains = ["新能源汽车电驱", "{k}国产替代", "快充电源"],
            Capacities = [("万片", "碳化硅外延片", 1, 60), ("万只", "功率模块", 10, 500)],
        };

        private static readonly FamilyInfo Network = new()
        {
            Words = [("通信技术", "通信"), ("网络科技", "网络"), ("信息技术", "信息"), ("通信科技", "通信")],
            DefaultKeywords = ["5G通信模组", "光通信器件", "工业互联网平台", "卫星通信终端"],
            Products = ["5G工业网关", "光通信模块", "卫星通信终端", "工业互联网平台"],
            ScenarioDomains = ["5G+工业互联网", "{k}智慧工厂", "车联网"],
            Capacities = [("万套", "5G通信模组", 1, 200), ("万只", "光通信器件", 10, 1000)],
        };

        private static readonly FamilyInfo Computing = new()
        {
            Words = [("智算科技", "智算"), ("信息技术", "信息"), ("数据科技", "数据"), ("计算技术", "计算")],
            DefaultKeywords = ["智能算力服务器", "边缘计算设备", "算法软件", "数据中心"],
            Products = ["AI服务器", "边缘计算网关", "液冷服务器", "大模型一体机"],
            ScenarioDomains = ["城市算力网", "{k}政务应用", "智能制造大模型"],
            Capacities = [("台", "智能算力服务器", 1000, 50000), ("万台", "边缘计算设备", 1, 50)],
        };

        private static readonly FamilyInfo Nuclear = new()
        {
            Words = [("核能科技", "核能"), ("核电设备", "核电"), ("能源装备", "能源")],
            DefaultKeywords = ["核级阀门", "核电设备", "辐射检测仪器", "核级管道"],
            Products = ["核级阀门", "辐射监测仪", "核级泵", "乏燃料容器"],
            ScenarioDomains = ["核技术应用", "{k}国产化验证"],
            Capacities = [("台", "核级阀门", 100, 5000), ("套", "辐射监测设备", 100, 3000)],
        };

        private static readonly FamilyInfo Robot = new()
        {
            Words = [("机器人", "机器人"), ("机器人科技", "机器人"), ("智能装备", "智能"), ("智能科技", "智能"), ("自动化科技", "自动化")],
            DefaultKeywords = ["人形机器人", "伺服电机", "精密减速器", "灵巧手", "机器视觉系统"],
            Products = ["人形机器人", "协作机器人", "精密减速器", "伺服驱动器", "灵巧手", "机器视觉检测系统"],
            ScenarioDomains = ["智能工厂{k}", "养老服务机器人", "商业导览机器人", "危险作业替代"],
            Capacities = [("台", "人形机器人", 100, 10000), ("万台", "伺服电机", 1, 100), ("万台", "精密减速器", 1, 50)],
        };

        private static readonly FamilyInfo Generic = new()
        {
            Words = [("科技", "科技"), ("智能科技", "智能"), ("技术", "技术"), ("智能装备", "装备")],
            DefaultKeywords = ["智能装备", "工业软件"],
            Products = ["智能控制系统", "智能检测设备", "工业软件平台"],
            ScenarioDomains = ["{k}应用示范", "智能制造", "智慧城市"],
            Capacities = [("台", "智能装备", 100, 5000), ("套", "智能控制系统", 100, 5000)],
        };
    }

    private static readonly string[] Brands =
    [
        "星辰", "华创", "恒远", "瑞丰", "天翼", "博源", "鼎盛", "宏图", "锐达", "凯瑞", "德润", "和信", "汇通", "金鹏", "天成", "泰和", "嘉禾", "安捷", "永信", "鸿运",
        "润泽", "晟达", "腾飞", "翔宇", "凌云", "擎天", "启明", "晨曦", "朗峰", "卓越", "智远", "恒通", "瑞祥", "盛和", "聚能", "康泰", "景行", "明德", "弘毅", "致远",
        "广源", "昊天", "浩宇", "海纳", "云帆", "银河", "北辰", "东升", "华瑞", "新元", "元泰", "宇恒", "鑫源", "隆盛", "兴邦", "嘉诚", "诚泰", "丰华", "天瑞", "恒昌",
        "长风", "远航", "扬帆", "锦程", "骏驰", "飞鸿", "鹏程", "瀚海", "沃德", "科瑞", "迈达", "华耀", "光耀", "辰宇", "星海", "曜阳", "青禾", "清源", "碧水", "蓝天",
        "晶元", "合创", "中瑞", "正和", "同创", "众合", "协力", "鼎新", "创达", "领航", "先锋", "精诚", "恒信", "博瑞", "睿达", "睿智", "智航", "天宇", "天际", "云海",
        "金瑞", "银杉", "松柏", "翠柏", "青云", "紫辰", "蓝海", "恒升", "旭日", "旭升", "晨光", "曙光", "朝阳", "鸿达", "宏远", "宏泰", "泰丰", "丰源", "源创", "新拓",
        "拓维", "维康", "康瑞", "瑞泰", "泰宇", "宇辰", "辰龙", "龙腾", "腾跃", "鲲鹏", "驰骋", "奥特", "迪康", "赛恩", "伟业", "联创", "华信", "中恒", "天润", "润达",
        "达远", "宁泰", "安泰", "安和", "怡和", "益康", "益丰", "长青", "德信", "信诺", "诺恒", "卓思", "思远", "方圆",
    ];
}
