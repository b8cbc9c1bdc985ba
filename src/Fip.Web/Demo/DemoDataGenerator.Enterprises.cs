using System.Text;

namespace Fip.Web.Demo;

/// <summary>Demo enterprises: credit codes, names, yearly figures, qualifications, business scopes and contacts.</summary>
public static partial class DemoDataGenerator
{
    private static IEnumerable<DemoEnterprise> Stream(Context context, int seed, int count)
    {
        var random = new Random(seed);
        var usedCodes = new HashSet<long>();
        var usedNames = new HashSet<long>();
        var buffer = new StringBuilder(256);
        for (var i = 0; i < count; i++)
            yield return NextEnterprise(context, random, usedCodes, usedNames, buffer);
    }

    private static DemoEnterprise NextEnterprise(Context context, Random random, HashSet<long> usedCodes, HashSet<long> usedNames,
        StringBuilder buffer)
    {
        var district = context.PickDistrict(random);
        var primary = context.PickTrack(random);
        TrackInfo? secondary = null;
        if (context.Tracks.Length > 1 && random.Next(100) < 30)
        {
            do secondary = context.PickTrack(random); while (secondary == primary);
        }
        string[] trackCodes = secondary is null ? [primary.Code] : [primary.Code, secondary.Code];

        string creditCode;
        Span<char> code = stackalloc char[18];
        while (true)
        {
            var key = FillCreditCode(code, district.CreditDivision, random);
            if (usedCodes.Add(key)) { creditCode = new string(code); break; }
        }

        var name = NextName(random, district, primary.Family, usedNames, out var shortName);

        var lastFoundingYear = Math.Min(2023, context.LastYear - 1);
        var firstFoundingYear = Math.Min(1995, lastFoundingYear);
        var foundedOn = RandomDate(random, new DateOnly(firstFoundingYear, 1, 1), new DateOnly(lastFoundingYear, 12, 31));

        var indicators = Indicators(random, context, foundedOn.Year);
        var employees = indicators[^1].Employees;
        var qualifications = Qualifications(random, foundedOn.Year, context.LastYear, employees <= 5);
        var capital = RegisteredCapital(random, indicators[0].Revenue);

        var address = string.Concat("扬州市", district.PlaceName, Pick(random, district.Roads),
            (1 + (int)(Math.Pow(random.NextDouble(), 2) * 400)).ToString(Inv), "号");
        var scope = BusinessScope(random, buffer, primary, secondary);
        var person = ContactPerson(random);
        var phone = MobilePhone(random);

        return new DemoEnterprise(creditCode, name, shortName, district.Name, address, foundedOn, capital, employees, trackCodes,
            qualifications, scope, person, phone, indicators);
    }

    private static string NextName(Random random, DistrictInfo district, FamilyInfo family, HashSet<long> used, out string shortName)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (word, shortWord) = family.Words[random.Next(family.Words.Length)];
            var brand = Brands[random.Next(Brands.Length)];
            if (attempt >= 8)
            {
                // Beyond the two-character brands (large sets): a four-character brand of two pairs.
                var second = Brands[random.Next(Brands.Length)];
                if (second[0] == brand[0] || second[1] == brand[1]) continue;
                brand += second;
            }
            var suffix = random.Next(100) < 15 ? "股份有限公司" : "有限公司";
            var prefixRoll = random.Next(100);
            var prefix = prefixRoll < 40 ? "扬州" : prefixRoll < 65 ? district.NamePrefix ?? "扬州" : "";
            var marker = "";
            if (attempt is >= 4 and < 8)
            {
                prefix = "";
                marker = "（扬州）";
            }
            else if (attempt >= 64)
            {
                prefix = "扬州";
                marker = "第" + ChineseNumber(attempt - 62);
            }
            var name = attempt >= 64
                ? string.Concat(prefix, brand, marker, word, suffix)
                : string.Concat(prefix, brand, word, marker, suffix);
            if (used.Add(Fnv1A(name)))
            {
                shortName = brand + shortWord;
                return name;
            }
        }
    }

    private static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return n == 10 ? "十" : "十" + digits[n % 10];
        if (n < 100) return string.Concat(digits[n / 10].ToString(), "十", n % 10 == 0 ? "" : digits[n % 10].ToString());
        return n.ToString(Inv);
    }

    /// <summary>FNV-1a, 64 bits: a stable hash (unlike string.GetHashCode). A collision only causes another attempt, never a
    /// duplicate.</summary>
    private static long Fnv1A(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static DemoIndicator[] Indicators(Random random, Context context, int foundedYear)
    {
        var first = Math.Max(context.FirstYear, foundedYear);
        var result = new DemoIndicator[context.LastYear - first + 1];

        // Long-tailed size: log10(revenue) ~ N(3.5, 0.55), so most fall between 500 and 20,000 万元, a few reach 500,000.
        var revenue = Round2(Math.Pow(10, Math.Clamp(Normal(random, 3.5, 0.55), 1.7, 5.7)));
        var trend = 0.03 + random.NextDouble() * 0.15;
        var rdRatio = 0.03 + random.NextDouble() * 0.08;
        var outputRatio = 0.95 + random.NextDouble() * 0.25;
        var taxRatio = 0.03 + random.NextDouble() * 0.04;
        var revenuePerHead = 40 + random.NextDouble() * 110; // 万元 a head
        var patents = -1;

        for (var i = 0; i < result.Length; i++)
        {
            if (i > 0)
            {
                var growth = Math.Clamp(trend + (random.NextDouble() - 0.5) * 0.14, 0, 0.25);
                revenue = decimal.Round(revenue * (decimal)(1 + growth), 2, MidpointRounding.AwayFromZero) + 0.00m;
            }
            var r = (double)revenue;
            var rd = Round2(r * Math.Clamp(rdRatio + (random.NextDouble() - 0.5) * 0.02, 0.02, 0.12));
            var output = Round2(r * Math.Clamp(outputRatio + (random.NextDouble() - 0.5) * 0.1, 0.9, 1.3));
            var tax = Round2(r * Math.Clamp(taxRatio + (random.NextDouble() - 0.5) * 0.01, 0.02, 0.08));
            var employees = Math.Max(2, (int)Math.Round(r / (revenuePerHead * (0.95 + random.NextDouble() * 0.1))));
            patents = patents < 0
                ? random.Next(0, 3 + Math.Min(40, employees / 20))
                : patents + random.Next(0, 2 + Math.Min(8, employees / 200));
            result[i] = new DemoIndicator(first + i, revenue, rd, output, tax, employees, patents);
        }
        return result;
    }

    private static readonly (string Kind, int PerTenThousand)[] QualificationRates =
    [
        ("LittleGiant", 200), ("SpecialisedSme", 1200), ("HighTech", 3500), ("TechSme", 4000),
        ("Gazelle", 300), ("Unicorn", 5), ("Backbone", 150), ("ChainLeader", 50),
    ];

    private static (string Kind, int Year)[] Qualifications(Random random, int foundedYear, int lastYear, bool small)
    {
        Span<int> drawn = stackalloc int[QualificationRates.Length];
        var count = 0;
        for (var i = 0; i < QualificationRates.Length; i++)
        {
            if (random.Next(10_000) < QualificationRates[i].PerTenThousand) drawn[count++] = i;
        }
        if (count == 0) return [];
        if (small && count > 1)
        {
            drawn[0] = drawn[random.Next(count)];
            count = 1;
        }
        var result = new (string Kind, int Year)[count];
        for (var i = 0; i < count; i++)
            result[i] = (QualificationRates[drawn[i]].Kind, random.Next(foundedYear + 1, lastYear + 1));
        return result;
    }

    private static decimal RegisteredCapital(Random random, decimal revenue)
    {
        // 100–50,000 万元, loosely following the size of the business.
        var value = Math.Clamp(Math.Pow(10, Math.Log10((double)revenue) + 0.3 - random.NextDouble() * 1.3), 100, 50_000);
        if (random.Next(100) < 60)
        {
            var step = value < 1000 ? 50 : value < 10_000 ? 100 : 1000; // round figures are common
            value = Math.Clamp(Math.Round(value / step) * step, 100, 50_000);
        }
        return Round2(value);
    }

    private static readonly string[] ScopeClauses = ["的研发、生产、销售", "的研发、生产", "的技术开发、技术服务、技术咨询", "的设计、制造及技术服务", "的研发、集成及运维服务", "的销售及技术服务"];
    private static readonly string[] ScopeGeneral =
    [
        "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "软件开发", "信息系统集成服务", "货物进出口", "技术进出口",
        "工业设计服务", "机械设备租赁", "信息咨询服务（不含许可类信息咨询服务）", "会议及展览服务", "软件销售",
    ];

    private static string BusinessScope(Random random, StringBuilder sb, TrackInfo primary, TrackInfo? secondary)
    {
        sb.Clear();
        sb.Append("一般项目：");
        var keywords = primary.Keywords;
        var first = random.Next(keywords.Length);
        AppendClause(sb, random, keywords[first]);
        if (keywords.Length > 1)
        {
            var second = (first + 1 + random.Next(keywords.Length - 1)) % keywords.Length;
            sb.Append('；');
            AppendClause(sb, random, keywords[second]);
        }
        if (secondary is not null)
        {
            sb.Append('；');
            AppendClause(sb, random, secondary.Keywords[random.Next(secondary.Keywords.Length)]);
        }
        var general = random.Next(ScopeGeneral.Length);
        sb.Append('；').Append(ScopeGeneral[general]);
        sb.Append('；').Append(ScopeGeneral[(general + 1 + random.Next(ScopeGeneral.Length - 1)) % ScopeGeneral.Length]);
        sb.Append("（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）");
        return sb.ToString();

        static void AppendClause(StringBuilder sb, Random random, string keyword)
        {
            sb.Append(keyword);
            if (!IsActivity(keyword)) sb.Append(ScopeClauses[random.Next(ScopeClauses.Length)]);
        }
    }

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "付", "方", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "严", "顾", "戴", "钱", "季", "仇",
    ];
    private static readonly string GivenChars =
        "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚英华建国文斌波宇浩凯健俊帆旭鹏飞鑫晨辉林峰琳婷雪慧颖玲倩红亮晶瑞博志宏海永春梅兰云丹萍洁欣悦涵子思雨佳怡梓昊睿泽轩宁嘉振德成荣新晓立东晖益清源蕾薇昕彤铭哲毅翔航冰燕蓉秋";

    private static string ContactPerson(Random random)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var first = GivenChars[random.Next(GivenChars.Length)];
        if (random.Next(100) < 30) return string.Concat(surname, first.ToString());
        return string.Create(3, (surname[0], first, GivenChars[random.Next(GivenChars.Length)]), static (span, s) =>
        {
            span[0] = s.Item1;
            span[1] = s.Item2;
            span[2] = s.Item3;
        });
    }

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "196", "197", "198", "199",
    ];

    private static string MobilePhone(Random random)
    {
        Span<char> phone = stackalloc char[11];
        MobilePrefixes[random.Next(MobilePrefixes.Length)].AsSpan().CopyTo(phone);
        for (var i = 3; i < 11; i++) phone[i] = (char)('0' + random.Next(10));
        return new string(phone);
    }
}
