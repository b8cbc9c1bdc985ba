
namespace Fip.Web.Demo;

/// <summary>Demo key products, scenarios, pilot parks, innovation platforms and key projects, drawn around the enterprises.</summary>
public static partial class DemoDataGenerator
{
    private static int Per(long n, int numerator, int denominator) => (int)((n * numerator + denominator / 2) / denominator);

    private static readonly string[] ModelPrefixes = ["YZ", "YZ", "YZ", "HJ", "JD", "GL", "XC", "HY", "ZY", "SH"];

    private static List<DemoProduct> Products(Context context, Random random, List<DemoEnterprise> enterprises, int count)
    {
        var result = new List<DemoProduct>(count);
        if (enterprises.Count == 0) return result;
        // Recognition dates come from their own sequence: drawn right after the selecting rolls, the seeded generator's
        // draws cluster (all 25 recognitions of one demo set fell before 2025).
        var dates = new Random(random.Next());
        for (var i = 0; i < count; i++)
        {
            var enterprise = enterprises[random.Next(enterprises.Count)];
            var track = context.Track(enterprise.TrackCodes[random.Next(enterprise.TrackCodes.Count)]);
            var noun = random.Next(100) < 60
                ? Pick(random, track.Family.Products)
                : ProductNoun(random, ProductKeyword(random, track));
            var model = string.Create(Inv,
                $"{Pick(random, ModelPrefixes)}-{random.Next(1, 10) * 100 + random.Next(0, 10) * 10}{(random.Next(100) < 20 ? "A" : "")}");
            var name = string.Concat(model, track.Family.ModelJoiner, noun);

            var roll = random.Next(100);
            var (stage, recognitionChance, firstChance) = roll switch
            {
                < 30 => ("Research", 1, 0),
                < 60 => ("Prototype", 4, 0),
                < 80 => ("Finalised", 10, 6),
                _ => ("MassProduction", 12, 6),
            };
            var firstOfItsKind = random.Next(100) < firstChance;
            string? level = null;
            DateOnly? recognizedOn = null;
            if (firstOfItsKind || random.Next(100) < recognitionChance)
            {
                var levelRoll = random.Next(100);
                level = levelRoll < 15 ? "National" : levelRoll < 55 ? "Provincial" : "Municipal";
                recognizedOn = RandomDate(dates, Later(enterprise.FoundedOn.AddDays(1), new DateOnly(context.FirstYear, 1, 1)),
                    context.ActivityUntil);
            }
            result.Add(new DemoProduct(name, enterprise.CreditCode, track.Code, stage, firstOfItsKind, level, recognizedOn));
        }
        return result;
    }

    /// <summary>A keyword naming a thing; activity keywords (…技术研发, …服务) are replaced by one of the field's products.</summary>
    private static string ProductKeyword(Random random, TrackInfo track)
    {
        var keyword = Pick(random, track.Keywords);
        return IsActivity(keyword) ? Pick(random, track.Family.Products) : keyword;
    }

    /// <summary>Whether a keyword is an activity (e.g. 低空经济技术研发) rather than a product or technology.</summary>
    private static bool IsActivity(string keyword)
    {
        foreach (var ending in ActivityEndings)
        {
            if (keyword.EndsWith(ending, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static readonly string[] ActivityEndings = ["研发", "制造", "服务", "开发", "咨询", "生产", "销售"];

    private static string ProductNoun(Random random, string keyword)
    {
        var last = keyword[^1];
        if ("统器机台备组片池剂料盒板仪件表车站端屏瓶堆槽阀泵".Contains(last, StringComparison.Ordinal) || (last < 128 && char.IsLetter(last)))
            return keyword;
        return keyword + Pick(random, ["系统", "装置", "设备", "模组", "平台"]);
    }

    private static readonly string[] PublicOwners =
    [
        "扬州市交通运输局", "扬州市城市管理局", "扬州市应急管理局", "扬州市文化广电和旅游局", "扬州市生态环境局", "扬州市卫生健康委员会",
        "扬州市数据局", "扬州市工业和信息化局", "扬州市公安局", "国网扬州供电公司", "扬州市城建国有资产控股（集团）有限责任公司",
        "扬州市交通产业集团有限责任公司", "扬州大学", "苏北人民医院",
    ];

    private static List<DemoScenario> Scenarios(Context context, Random random, List<DemoEnterprise> enterprises, int count)
    {
        var result = new List<DemoScenario>(count);
        for (var i = 0; i < count; i++)
        {
            var track = context.PickTrack(random);
            var district = context.Districts[random.Next(context.Districts.Length)];
            var domain = Pick(random, track.Family.ScenarioDomains).Replace("{k}", ProductKeyword(random, track), StringComparison.Ordinal);
            var kindRoll = random.Next(100);
            var (kind, kindWord) = kindRoll < 45 ? ("Need", "场景") : kindRoll < 70 ? ("Capability", "场景解决方案") : ("Demonstration", "示范场景");

            string owner;
            if (enterprises.Count > 0 && (kind == "Capability" || (kind == "Demonstration" && random.Next(2) == 0)))
            {
                var enterprise = enterprises[random.Next(enterprises.Count)];
                for (var tries = 0; tries < 50 && !enterprise.TrackCodes.Contains(track.Code); tries++)
                    enterprise = enterprises[random.Next(enterprises.Count)];
                owner = enterprise.Name;
            }
            else
            {
                owner = random.Next(100) < 25 ? district.GovernmentName : Pick(random, PublicOwners);
            }

            var stageRoll = random.Next(100);
            var (stage, stageWord) = stageRoll < 45
                ? ("EarlyValidation", "早期验证")
                : stageRoll < 80
                ? ("IntegrationTrial", "融合试验")
                : ("Promotion", "综合推广");
            var statusRoll = random.Next(100);
            var status = statusRoll switch
            {
                < 15 => "Collecting",
                < 35 => "Published",
                < 55 => "Matching",
                < 75 => "Building",
                < 95 => "Operating",
                _ => "Terminated",
            };
            var startOn = RandomDate(random, new DateOnly(context.FirstYear, 1, 1), context.ActivityUntil);
            DateOnly? endOn = status switch
            {
                "Collecting" or "Published" when random.Next(100) < 70 => null,
                "Matching" when random.Next(100) < 50 => null,
                _ => startOn.AddDays(180 + random.Next(900)),
            };
            var description = string.Concat("面向", domain, "需求，在", district.Name, "开展", ProductKeyword(random, track), "等新技术新产品的", stageWord,
                "，",
                Pick(random, ["推动首试首用", "形成可复制可推广的应用模式", "带动产业链上下游协同发展", "加快技术迭代和规模化应用"]), "。");
            result.Add(
                new DemoScenario(string.Concat(district.Name, domain, kindWord), track.Code, owner, district.Name, kind, stage, status,
                    startOn, endOn, description));
        }
        return result;
    }

    private static List<DemoPark> Parks(Context context, Random random, int count)
    {
        var result = new List<DemoPark>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            DistrictInfo district;
            string[] trackCodes;
            string name;
            var attempt = 0;
            while (true)
            {
                district = context.PickDistrict(random);
                var first = context.PickTrack(random);
                var size = Math.Min(context.Tracks.Length, 1 + random.Next(3));
                var tracks = new List<string>(size) { first.Code };
                while (tracks.Count < size)
                {
                    var code = context.PickTrack(random).Code;
                    if (!tracks.Contains(code)) tracks.Add(code);
                }
                trackCodes = [.. tracks];
                var place = district.NamePrefix ?? (random.Next(2) == 0 ? "" : district.PlaceName);
                name = string.Concat("扬州", place, first.Name, Pick(random, ["未来产业先导园", "未来产业先导园", "未来产业先导区"]));
                if (attempt >= 10) name += string.Concat("（", ChineseNumber(attempt - 8), "期）");
                if (used.Add(name)) break;
                attempt++;
            }

            var statusRoll = random.Next(100);
            var status = statusRoll < 40 ? "Planned" : statusRoll < 80 ? "UnderConstruction" : "Completed";
            var area = Round2(0.5 + 14.5 * Math.Pow(random.NextDouble(), 2));
            DateOnly? approvedOn = null;
            string? level = null;
            if (random.Next(100) < (status == "Planned" ? 50 : 85))
            {
                var levelRoll = random.Next(100);
                level = levelRoll < 5 ? "National" : levelRoll < 35 ? "Provincial" : "Municipal";
                approvedOn = RandomDate(random, new DateOnly(context.FirstYear, 1, 1), context.ActivityUntil);
            }
            result.Add(new DemoPark(name, district.Name, trackCodes, status, area, approvedOn, level));
        }
        return result;
    }

    private static readonly (string Kind, string Word, int Weight)[] PlatformKinds =
    [
        ("EngineeringResearchCentre", "工程研究中心", 25), ("TechnologyInnovationCentre", "技术创新中心", 15), ("KeyLaboratory", "重点实验室", 12),
        ("NewResearchInstitute", "新型研发机构", 12), ("PilotPlatform", "中试平台", 10), ("Incubator", "科技企业孵化器", 10),
        ("ProofOfConceptCentre", "概念验证中心", 6), ("IndustryInnovationCentre", "产业创新中心", 5), ("ManufacturingInnovationCentre", "制造业创新中心", 5),
    ];

    private static readonly (string Name, string Short)[] Institutions =
    [
        ("扬州大学", "扬州大学"), ("扬州市职业大学", "扬州职大"), ("扬州工业职业技术学院", "扬州工院"), ("中国船舶集团有限公司第七二三研究所", "七二三所"),
        ("扬州市职业大学产业技术研究院", "扬大产研院"),
    ];

    private static List<DemoPlatform> Platforms(Context context, Random random, List<DemoEnterprise> enterprises, int count)
    {
        var result = new List<DemoPlatform>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            for (var attempt = 0; ; attempt++)
            {
                string host, hostShort, district;
                IReadOnlyList<string> trackCodes;
                DateOnly earliest;
                if (enterprises.Count == 0 || random.Next(100) < 15)
                {
                    (host, hostShort) = Institutions[random.Next(Institutions.Length)];
                    district = context.Districts[random.Next(context.Districts.Length)].Name;
                    trackCodes = [context.PickTrack(random).Code];
                    earliest = new DateOnly(context.FirstYear - 3, 1, 1);
                }
                else
                {
                    var enterprise = enterprises[random.Next(enterprises.Count)];
                    (host, hostShort, district, trackCodes) = (enterprise.Name, enterprise.ShortName, enterprise.District,
                        enterprise.TrackCodes);
                    earliest = Later(enterprise.FoundedOn.AddYears(1), new DateOnly(context.FirstYear - 3, 1, 1));
                }
                var kind = PickWeighted(random, PlatformKinds, static k => k.Weight);
                var levelRoll = random.Next(100);
                var (level, levelWord) = levelRoll < 5 ? ("National", "国家级") : levelRoll < 40 ? ("Provincial", "省级") : ("Municipal", "市级");
                var name = string.Concat(hostShort, levelWord, kind.Word);
                if (attempt >= 10) name += string.Concat("（", ChineseNumber(attempt - 8), "）");
                if (!used.Add(name)) continue;
                var latest = new DateOnly(context.LastYear, 12, 31);
                var approvedOn = RandomDate(random, earliest > latest ? latest : earliest, latest);
                result.Add(new DemoPlatform(name, kind.Kind, level, host, district, trackCodes, approvedOn));
                break;
            }
        }
        return result;
    }

    private static List<DemoProject> Projects(Context context, Random random, List<DemoEnterprise> enterprises, int count)
    {
        var result = new List<DemoProject>(count);
        if (enterprises.Count == 0) return result;
        for (var i = 0; i < count; i++)
        {
            var enterprise = enterprises[random.Next(enterprises.Count)];
            var track = context.Track(enterprise.TrackCodes[random.Next(enterprise.TrackCodes.Count)]);
            var capacity = Pick(random, track.Family.Capacities);
            var keyword = ProductKeyword(random, track);
            var style = random.Next(100);
            var name = style switch
            {
                < 50 =>
                    string.Concat("年产", NiceQuantity(random, capacity.Min, capacity.Max).ToString(Inv), capacity.Unit, capacity.Product,
                        "项目"),
                < 70 => string.Concat(capacity.Product, "研发及产业化项目"),
                < 85 => string.Concat(enterprise.ShortName, keyword, "智能制造基地项目"),
                _ => string.Concat(enterprise.ShortName, keyword, "生产线技术改造项目"),
            };

            var total = Math.Pow(10, Math.Clamp(Normal(random, 4.2, 0.45), 3, 5.7)); // 1,000–500,000 万元
            if (random.Next(100) < 70) total = Math.Max(1000, Math.Round(total / 100) * 100);
            var totalInvestment = Round2(total);

            var statusRoll = random.Next(100);
            var status = statusRoll < 20 ? "Planned" : statusRoll < 65 ? "UnderConstruction" : statusRoll < 90 ? "Completed" : "Suspended";
            var startOn = status switch
            {
                "Planned" => RandomDate(random, new DateOnly(context.LastYear, 1, 1), new DateOnly(context.LastYear + 1, 12, 31)),
                "Completed" => RandomDate(random, new DateOnly(context.FirstYear - 3, 1, 1), new DateOnly(context.LastYear - 1, 12, 31)),
                "Suspended" => RandomDate(random, new DateOnly(context.FirstYear - 2, 1, 1), new DateOnly(context.LastYear - 1, 12, 31)),
                _ => RandomDate(random, new DateOnly(context.FirstYear - 1, 1, 1), new DateOnly(context.LastYear, 12, 31)),
            };
            var endOn = startOn.AddMonths(12 + random.Next(37));
            var share = status switch
            {
                "Planned" => 0,
                "UnderConstruction" => 0.1 + random.NextDouble() * 0.8,
                "Completed" => 0.9 + random.NextDouble() * 0.1,
                _ => 0.05 + random.NextDouble() * 0.55,
            };
            var completed = Math.Min(totalInvestment, Round2((double)totalInvestment * share));
            result.Add(
                new DemoProject(name, enterprise.CreditCode, track.Code, enterprise.District, totalInvestment, completed, startOn, endOn,
                    status));
        }
        return result;
    }

    private static int NiceQuantity(Random random, int min, int max)
    {
        var value = Math.Pow(10, Math.Log10(min) + random.NextDouble() * (Math.Log10(max) - Math.Log10(min)));
        var magnitude = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(value)) - 1));
        return Math.Max(min, (int)(Math.Round(value / magnitude) * magnitude));
    }
}
