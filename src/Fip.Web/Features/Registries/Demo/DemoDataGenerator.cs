using System.Globalization;
using System.Text;

namespace Fip.Web.Features.Registries.Demo;

/// <summary>A district (板块) demo records are placed in.</summary>
/// <param name="Name">Display name, e.g. 邗江区 or 扬州经开区.</param>
/// <param name="DivisionCode">GB/T 2260 code (e.g. 321003); null for a functional zone, whose enterprises get the city code 321000.</param>
public sealed record DemoDistrict(string Name, string? DivisionCode);

/// <summary>A future-industry track (赛道) demo records are assigned to.</summary>
/// <param name="Code">Track code, e.g. low-altitude.</param>
/// <param name="Name">Chinese name, e.g. 低空经济.</param>
/// <param name="Keywords">Technology and product keywords; used for business scopes, product, scenario and project names. When empty, built-in keywords for the track's field are used.</param>
public sealed record DemoTrack(string Code, string Name, IReadOnlyList<string> Keywords);

/// <summary>What to generate.</summary>
/// <param name="Enterprises">Number of enterprises; the other registries are sized in proportion.</param>
/// <param name="Seed">Seed of the pseudo-random generator: the same spec always yields the same data.</param>
/// <param name="Districts">Districts to place records in (at least one).</param>
/// <param name="Tracks">Tracks to assign (at least one).</param>
/// <param name="FirstYear">First year of the yearly indicators.</param>
/// <param name="LastYear">Last year of the yearly indicators; also the latest qualification year.</param>
/// <param name="ActivityUntil">Latest date of recognitions, approvals and scenario starts (the demo's "today"); the end of LastYear when null.</param>
public sealed record DemoDataSpec(int Enterprises, int Seed, IReadOnlyList<DemoDistrict> Districts, IReadOnlyList<DemoTrack> Tracks, int FirstYear = 2022, int LastYear = 2024, DateOnly? ActivityUntil = null);

/// <summary>A demo enterprise (企业). Amounts in 万元.</summary>
/// <param name="CreditCode">统一社会信用代码, valid under GB 32100 and GB 11714.</param>
/// <param name="Name">Registered name, unique within a data set, ending with 有限公司.</param>
/// <param name="ShortName">Brand plus a short industry word, e.g. 星辰航空.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="Address">Street address, e.g. 扬州市邗江区文昌西路88号.</param>
/// <param name="FoundedOn">Date of establishment.</param>
/// <param name="RegisteredCapital">注册资本, 万元, two decimals.</param>
/// <param name="Employees">Head count (that of the latest indicator year).</param>
/// <param name="TrackCodes">One or two track codes.</param>
/// <param name="Qualifications">Qualifications held: a QualificationKind member name and the year it was granted.</param>
/// <param name="BusinessScope">经营范围.</param>
/// <param name="ContactPerson">Contact person's name.</param>
/// <param name="ContactPhone">11-digit mobile number.</param>
/// <param name="Indicators">Yearly figures, from the later of FirstYear and the founding year up to LastYear.</param>
public sealed record DemoEnterprise(string CreditCode, string Name, string ShortName, string District, string Address, DateOnly FoundedOn, decimal RegisteredCapital, int Employees,
    IReadOnlyList<string> TrackCodes, IReadOnlyList<(string Kind, int Year)> Qualifications, string BusinessScope, string ContactPerson, string ContactPhone, IReadOnlyList<DemoIndicator> Indicators);

/// <summary>Yearly figures of a demo enterprise; amounts in 万元 with two decimals.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Revenue">营业收入.</param>
/// <param name="RdExpense">研发费用 (2–12% of revenue).</param>
/// <param name="OutputValue">产值 (0.9–1.3 × revenue).</param>
/// <param name="Tax">税收 (2–8% of revenue).</param>
/// <param name="Employees">Head count.</param>
/// <param name="InventionPatents">Invention patents held.</param>
public sealed record DemoIndicator(int Year, decimal Revenue, decimal RdExpense, decimal OutputValue, decimal Tax, int Employees, int InventionPatents);

/// <summary>A demo key product (关键产品).</summary>
/// <param name="Name">Product name, e.g. YZ-200型无人机飞控系统.</param>
/// <param name="EnterpriseCreditCode">Credit code of the producing enterprise.</param>
/// <param name="TrackCode">One of the enterprise's tracks.</param>
/// <param name="Stage">A ProductStage member name.</param>
/// <param name="FirstOfItsKind">首台(套).</param>
/// <param name="RecognitionLevel">A RecognitionLevel member name, or null when not recognised.</param>
/// <param name="RecognizedOn">Date of recognition; null when not recognised.</param>
public sealed record DemoProduct(string Name, string EnterpriseCreditCode, string TrackCode, string Stage, bool FirstOfItsKind, string? RecognitionLevel, DateOnly? RecognizedOn);

/// <summary>A demo application scenario (应用场景).</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="TrackCode">Track code.</param>
/// <param name="Owner">Owning body or enterprise.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="Kind">A ScenarioKind member name.</param>
/// <param name="Stage">A ScenarioStage member name.</param>
/// <param name="Status">A ScenarioStatus member name.</param>
/// <param name="StartOn">Start date.</param>
/// <param name="EndOn">End date (after StartOn), or null when open.</param>
/// <param name="Description">One-sentence description.</param>
public sealed record DemoScenario(string Name, string TrackCode, string Owner, string District, string Kind, string Stage, string Status, DateOnly StartOn, DateOnly? EndOn, string Description);

/// <summary>A demo pilot park (未来产业先导园区).</summary>
/// <param name="Name">Park name, unique within a data set.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="TrackCodes">One to three track codes.</param>
/// <param name="Status">A ParkStatus member name.</param>
/// <param name="Area">面积, 平方公里, two decimals.</param>
/// <param name="ApprovedOn">Approval date, or null when not (yet) approved.</param>
/// <param name="ApprovalLevel">A RecognitionLevel member name, or null when not (yet) approved.</param>
public sealed record DemoPark(string Name, string District, IReadOnlyList<string> TrackCodes, string Status, decimal Area, DateOnly? ApprovedOn, string? ApprovalLevel);

/// <summary>A demo innovation platform (创新平台).</summary>
/// <param name="Name">Platform name, unique within a data set, e.g. 星辰航空省级工程研究中心.</param>
/// <param name="Kind">A PlatformKind member name.</param>
/// <param name="Level">A RecognitionLevel member name.</param>
/// <param name="Host">Host enterprise or institution.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="TrackCodes">Track codes.</param>
/// <param name="ApprovedOn">Approval date.</param>
public sealed record DemoPlatform(string Name, string Kind, string Level, string Host, string District, IReadOnlyList<string> TrackCodes, DateOnly ApprovedOn);

/// <summary>A demo key project (重点项目). Investments in 万元 with two decimals.</summary>
/// <param name="Name">Project name, e.g. 年产500台工业无人机项目.</param>
/// <param name="EnterpriseCreditCode">Credit code of the investing enterprise.</param>
/// <param name="TrackCode">One of the enterprise's tracks.</param>
/// <param name="District">The enterprise's district.</param>
/// <param name="TotalInvestment">计划总投资.</param>
/// <param name="CompletedInvestment">已完成投资 (never more than the total).</param>
/// <param name="StartOn">Start date.</param>
/// <param name="EndOn">Planned end date, after StartOn.</param>
/// <param name="Status">A ProjectStatus member name.</param>
public sealed record DemoProject(string Name, string EnterpriseCreditCode, string TrackCode, string District, decimal TotalInvestment, decimal CompletedInvestment, DateOnly StartOn, DateOnly EndOn, string Status);

/// <summary>A complete demo data set.</summary>
/// <param name="Enterprises">Enterprises.</param>
/// <param name="Products">Key products (about 25 per 100 enterprises).</param>
/// <param name="Scenarios">Application scenarios (about 3 per 100 enterprises).</param>
/// <param name="Parks">Pilot parks (about 0.6 per 100 enterprises, at least 6).</param>
/// <param name="Platforms">Innovation platforms (about 2 per 100 enterprises).</param>
/// <param name="Projects">Key projects (about 4 per 100 enterprises).</param>
public sealed record DemoDataSet(IReadOnlyList<DemoEnterprise> Enterprises, IReadOnlyList<DemoProduct> Products, IReadOnlyList<DemoScenario> Scenarios, IReadOnlyList<DemoPark> Parks, IReadOnlyList<DemoPlatform> Platforms, IReadOnlyList<DemoProject> Projects);

/// <summary>
/// Generates plausible, deterministic demo data for the registries: the same spec always yields the same records
/// (a seeded <see cref="Random"/>; no hashing, GUIDs or clocks). Pure: no database and no dependency on the entity classes.
/// </summary>
public static class DemoDataGenerator
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string CodeLetters = "ABCDEFGHJKLMNPQRTUWXY"; // letters of the USCC alphabet (no I, O, S, V, Z)
    private const string CityDivisionCode = "321000";
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---------------------------------------------------------------- public API

    /// <summary>Generates enterprises and, in proportion, products, scenarios, parks, platforms and projects.</summary>
    /// <param name="spec">What to generate.</param>
    /// <returns>The data set; its enterprises are those <see cref="Enterprises"/> streams for the same spec.</returns>
    /// <exception cref="ArgumentException">The spec is inconsistent (no districts or tracks, negative count, bad years or division code).</exception>
    public static DemoDataSet Generate(DemoDataSpec spec)
    {
        var context = Context.Create(spec);
        var enterprises = new List<DemoEnterprise>(spec.Enterprises);
        enterprises.AddRange(Stream(context, spec.Seed, spec.Enterprises));

        var random = new Random(unchecked((int)((uint)spec.Seed * 2654435761u) ^ 0x5DEECE6));
        var n = (long)spec.Enterprises;
        var products = Products(context, random, enterprises, Per(n, 25, 100));
        var scenarios = Scenarios(context, random, enterprises, Per(n, 3, 100));
        var parks = Parks(context, random, Math.Max(6, Per(n, 3, 1000)));
        var platforms = Platforms(context, random, enterprises, Per(n, 2, 100));
        var projects = Projects(context, random, enterprises, Per(n, 4, 100));
        return new DemoDataSet(enterprises, products, scenarios, parks, platforms, projects);
    }

    /// <summary>
    /// Streams the spec's enterprises one at a time, so that a million can be written without holding them all
    /// (only compact sets of used codes and name hashes are kept to guarantee uniqueness).
    /// </summary>
    /// <param name="spec">What to generate.</param>
    /// <returns>The enterprises, in a deterministic order.</returns>
    /// <exception cref="ArgumentException">The spec is inconsistent (checked when called, not when enumerated).</exception>
    public static IEnumerable<DemoEnterprise> Enterprises(DemoDataSpec spec)
    {
        var context = Context.Create(spec);
        return Stream(context, spec.Seed, spec.Enterprises);
    }

    /// <summary>
    /// A random valid 统一社会信用代码 of an enterprise registered by 工商: '9', '1', the division code, a GB 11714
    /// organisation code (8 characters, mostly digits, sometimes an "MA…" code with letters, plus its check character)
    /// and the GB 32100 check character. Only characters of the USCC alphabet are used.
    /// </summary>
    /// <param name="divisionCode">Six-digit GB/T 2260 division code, e.g. 321003.</param>
    /// <param name="random">Source of randomness.</param>
    /// <returns>An 18-character code.</returns>
    /// <exception cref="ArgumentException"><paramref name="divisionCode"/> is not six digits.</exception>
    public static string CreditCode(string divisionCode, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ParseDivision(divisionCode);
        Span<char> code = stackalloc char[18];
        FillCreditCode(code, divisionCode, random);
        return new string(code);
    }

    // ---------------------------------------------------------------- credit codes

    private static int ParseDivision(string? divisionCode)
    {
        if (divisionCode is null || divisionCode.Length != 6)
            throw new ArgumentException("A division code has six digits.", nameof(divisionCode));
        var value = 0;
        foreach (var c in divisionCode)
        {
            if (c is < '0' or > '9') throw new ArgumentException("A division code has six digits.", nameof(divisionCode));
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /// <summary>
    /// Fills an 18-char code and returns its organisation body (8 chars, base 36) as a key: keeping those unique keeps both
    /// the organisation codes and the credit codes unique, as they are nationally.
    /// </summary>
    private static long FillCreditCode(Span<char> code, string divisionCode, Random random)
    {
        code[0] = '9';
        code[1] = '1';
        divisionCode.AsSpan().CopyTo(code[2..8]);
        if (random.Next(100) < 30)
        {
            // Codes issued since 2015 begin with MA and mix letters in (e.g. MA1K3BTP).
            code[8] = 'M';
            code[9] = 'A';
            for (var i = 10; i < 16; i++)
                code[i] = random.Next(100) < 40 ? CodeLetters[random.Next(CodeLetters.Length)] : (char)('0' + random.Next(10));
        }
        else
        {
            code[8] = (char)('1' + random.Next(9));
            for (var i = 9; i < 16; i++) code[i] = (char)('0' + random.Next(10));
        }

        long key = 0;
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var v = OrganisationValue(code[8 + i]);
            sum += v * OrganisationWeights[i];
            key = key * 36 + v;
        }
        var check = 11 - sum % 11;
        code[16] = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };

        sum = 0;
        for (var i = 0; i < 17; i++) sum += UsccValue(code[i]) * UsccWeights[i];
        code[17] = UsccAlphabet[(31 - sum % 31) % 31];
        return key;
    }

    private static int OrganisationValue(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

    private static int UsccValue(char c) => UsccAlphabet.IndexOf(c, StringComparison.Ordinal);

    // ---------------------------------------------------------------- enterprises

    private static IEnumerable<DemoEnterprise> Stream(Context context, int seed, int count)
    {
        var random = new Random(seed);
        var usedCodes = new HashSet<long>();
        var usedNames = new HashSet<long>();
        var buffer = new StringBuilder(256);
        for (var i = 0; i < count; i++)
            yield return NextEnterprise(context, random, usedCodes, usedNames, buffer);
    }

    private static DemoEnterprise NextEnterprise(Context context, Random random, HashSet<long> usedCodes, HashSet<long> usedNames, StringBuilder buffer)
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

        var address = string.Concat("扬州市", district.PlaceName, Pick(random, district.Roads), (1 + (int)(Math.Pow(random.NextDouble(), 2) * 400)).ToString(Inv), "号");
        var scope = BusinessScope(random, buffer, primary, secondary);
        var person = ContactPerson(random);
        var phone = MobilePhone(random);

        return new DemoEnterprise(creditCode, name, shortName, district.Name, address, foundedOn, capital, employees, trackCodes, qualifications, scope, person, phone, indicators);
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

    /// <summary>FNV-1a, 64 bits: a stable hash (unlike string.GetHashCode). A collision only causes another attempt, never a duplicate.</summary>
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

    // ---------------------------------------------------------------- other registries

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
            var model = string.Create(Inv, $"{Pick(random, ModelPrefixes)}-{random.Next(1, 10) * 100 + random.Next(0, 10) * 10}{(random.Next(100) < 20 ? "A" : "")}");
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
                recognizedOn = RandomDate(dates, Later(enterprise.FoundedOn.AddDays(1), new DateOnly(context.FirstYear, 1, 1)), context.ActivityUntil);
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
            var (stage, stageWord) = stageRoll < 45 ? ("EarlyValidation", "早期验证") : stageRoll < 80 ? ("IntegrationTrial", "融合试验") : ("Promotion", "综合推广");
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
            var description = string.Concat("面向", domain, "需求，在", district.Name, "开展", ProductKeyword(random, track), "等新技术新产品的", stageWord, "，",
                Pick(random, ["推动首试首用", "形成可复制可推广的应用模式", "带动产业链上下游协同发展", "加快技术迭代和规模化应用"]), "。");
            result.Add(new DemoScenario(string.Concat(district.Name, domain, kindWord), track.Code, owner, district.Name, kind, stage, status, startOn, endOn, description));
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
                    (host, hostShort, district, trackCodes) = (enterprise.Name, enterprise.ShortName, enterprise.District, enterprise.TrackCodes);
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
                < 50 => string.Concat("年产", NiceQuantity(random, capacity.Min, capacity.Max).ToString(Inv), capacity.Unit, capacity.Product, "项目"),
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
            result.Add(new DemoProject(name, enterprise.CreditCode, track.Code, enterprise.District, totalInvestment, completed, startOn, endOn, status));
        }
        return result;
    }

    private static int NiceQuantity(Random random, int min, int max)
    {
        var value = Math.Pow(10, Math.Log10(min) + random.NextDouble() * (Math.Log10(max) - Math.Log10(min)));
        var magnitude = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(value)) - 1));
        return Math.Max(min, (int)(Math.Round(value / magnitude) * magnitude));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Two decimals, always written with two (adding 0.00m sets the scale to 2).</summary>
    private static decimal Round2(double value) => decimal.Round((decimal)value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        DateOnly.FromDayNumber(from.DayNumber + random.Next(to.DayNumber - from.DayNumber + 1));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static T PickWeighted<T>(Random random, T[] items, Func<T, int> weight)
    {
        var total = 0;
        foreach (var item in items) total += weight(item);
        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    // ---------------------------------------------------------------- spec, districts and tracks

    private sealed class Context
    {
        public required DistrictInfo[] Districts { get; init; }
        public required double[] DistrictCumulative { get; init; }
        public required TrackInfo[] Tracks { get; init; }
        public required double[] TrackCumulative { get; init; }
        public required Dictionary<string, TrackInfo> TracksByCode { get; init; }
        public int FirstYear { get; init; }
        public int LastYear { get; init; }
        public DateOnly ActivityUntil { get; init; }

        public static Context Create(DemoDataSpec spec)
        {
            ArgumentNullException.ThrowIfNull(spec);
            if (spec.Enterprises < 0) throw new ArgumentException("The number of enterprises cannot be negative.", nameof(spec));
            if (spec.Districts is null || spec.Districts.Count == 0) throw new ArgumentException("At least one district is needed.", nameof(spec));
            if (spec.Tracks is null || spec.Tracks.Count == 0) throw new ArgumentException("At least one track is needed.", nameof(spec));
            if (spec.LastYear is < 1996 or > 2100 || spec.FirstYear < 1990 || spec.FirstYear > spec.LastYear)
                throw new ArgumentException("Years must satisfy 1990 ≤ FirstYear ≤ LastYear, with 1996 ≤ LastYear ≤ 2100.", nameof(spec));

            var districts = spec.Districts.Select(d => DistrictInfo.Create(d ?? throw new ArgumentException("A district is null.", nameof(spec)))).ToArray();
            var byCode = new Dictionary<string, TrackInfo>(StringComparer.Ordinal);
            var tracks = new TrackInfo[spec.Tracks.Count];
            for (var i = 0; i < tracks.Length; i++)
            {
                var track = spec.Tracks[i] ?? throw new ArgumentException("A track is null.", nameof(spec));
                if (string.IsNullOrWhiteSpace(track.Code) || string.IsNullOrWhiteSpace(track.Name))
                    throw new ArgumentException("A track needs a code and a name.", nameof(spec));
                tracks[i] = TrackInfo.Create(track);
                if (!byCode.TryAdd(track.Code, tracks[i])) throw new ArgumentException($"Track code {track.Code} appears twice.", nameof(spec));
            }
            return new Context
            {
                Districts = districts,
                DistrictCumulative = Cumulative(districts.Select(d => d.Weight)),
                Tracks = tracks,
                TrackCumulative = Cumulative(tracks.Select(t => t.Family.Weight)),
                TracksByCode = byCode,
                FirstYear = spec.FirstYear,
                LastYear = spec.LastYear,
                ActivityUntil = spec.ActivityUntil is { } until && until >= new DateOnly(spec.FirstYear, 1, 1) ? until : new DateOnly(spec.LastYear, 12, 31),
            };
        }

        public DistrictInfo PickDistrict(Random random) => Districts[PickIndex(random, DistrictCumulative)];

        public TrackInfo PickTrack(Random random) => Tracks[PickIndex(random, TrackCumulative)];

        public TrackInfo Track(string code) => TracksByCode[code];

        private static double[] Cumulative(IEnumerable<double> weights)
        {
            var result = weights.ToArray();
            for (var i = 1; i < result.Length; i++) result[i] += result[i - 1];
            return result;
        }

        private static int PickIndex(Random random, double[] cumulative)
        {
            var roll = random.NextDouble() * cumulative[^1];
            for (var i = 0; i < cumulative.Length - 1; i++)
            {
                if (roll < cumulative[i]) return i;
            }
            return cumulative.Length - 1;
        }
    }

    private sealed class DistrictInfo
    {
        public required string Name { get; init; }
        /// <summary>Division code used in credit codes: the district's own, or the city's for a functional zone.</summary>
        public required string CreditDivision { get; init; }
        public double Weight { get; init; }
        /// <summary>Two-character prefix for company names (邗江, 仪征…), or null.</summary>
        public string? NamePrefix { get; init; }
        /// <summary>Name without a leading 扬州: written after 扬州市 in addresses and after 扬州 in park names.</summary>
        public required string PlaceName { get; init; }
        public required string GovernmentName { get; init; }
        public required string[] Roads { get; init; }

        public static DistrictInfo Create(DemoDistrict district)
        {
            if (string.IsNullOrWhiteSpace(district.Name)) throw new ArgumentException("A district needs a name.", nameof(district));
            var name = district.Name;
            var division = district.DivisionCode ?? CityDivisionCode;
            var divisionValue = ParseDivision(division);

            // Urban districts (市辖区, codes xxxx01–xxxx20) weigh most, functional zones next, counties and county-level cities least.
            var tail = divisionValue % 100;
            var weight = district.DivisionCode is null ? 2.0 : tail == 0 ? 1.0 : tail <= 20 ? 3.0 : tail <= 80 ? 1.0 : 1.3;

            var startsWithCity = name.StartsWith("扬州", StringComparison.Ordinal);
            string? prefix = name.Length == 3 && !startsWithCity && "区县市".Contains(name[2], StringComparison.Ordinal) ? name[..2] : null;
            var place = startsWithCity && name.Length > 2 ? name[2..] : name;
            var government = district.DivisionCode is null
                ? (name.EndsWith("区", StringComparison.Ordinal) || name.EndsWith("城", StringComparison.Ordinal) ? name + "管理委员会" : name + "管委会")
                : name + "人民政府";
            return new DistrictInfo
            {
                Name = name,
                CreditDivision = division,
                Weight = weight,
                NamePrefix = prefix,
                PlaceName = place,
                GovernmentName = government,
                Roads = RoadsFor(name),
            };
        }

        private static readonly (string Key, string[] Roads)[] KnownRoads =
        [
            ("广陵", ["文昌中路", "文昌东路", "运河南路", "运河东路", "沙湾南路", "渡江南路", "泰州路", "解放南路"]),
            ("邗江", ["文昌西路", "扬子江北路", "邗江中路", "华扬西路", "维扬路", "江阳西路", "润扬北路", "博物馆路", "百祥路", "新甘泉路"]),
            ("江都", ["龙川北路", "龙川南路", "舜天路", "仙城路", "长江路", "江都北路"]),
            ("宝应", ["安宜东路", "白田路", "叶挺路", "宝应大道"]),
            ("仪征", ["真州东路", "大庆北路", "工农南路", "扬子西路"]),
            ("高邮", ["海潮东路", "屏淮路", "蝶园路", "文游中路", "通湖路"]),
            ("经开", ["吴州西路", "开发西路", "扬子江南路", "金山路", "施桥路", "临江路"]),
            ("经济技术开发", ["吴州西路", "开发西路", "扬子江南路", "金山路", "施桥路", "临江路"]),
            ("生态科技新城", ["新城河路", "万福路", "夹江路", "杭集大道"]),
            ("瘦西湖", ["大虹桥路", "长春路", "平山堂东路", "友谊路"]),
        ];

        private static readonly string[] GenericRoads = ["科技路", "创业路", "经发路", "兴业路", "新兴路", "工业园路", "高新路", "创新大道"];

        private static string[] RoadsFor(string name)
        {
            foreach (var (key, roads) in KnownRoads)
            {
                if (name.Contains(key, StringComparison.Ordinal)) return roads;
            }
            return GenericRoads;
        }
    }

    private sealed class TrackInfo
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required string[] Keywords { get; init; }
        public required FamilyInfo Family { get; init; }

        public static TrackInfo Create(DemoTrack track)
        {
            var family = FamilyInfo.For(track);
            var keywords = track.Keywords?.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray() ?? [];
            return new TrackInfo { Code = track.Code, Name = track.Name, Keywords = keywords.Length > 0 ? keywords : family.DefaultKeywords, Family = family };
        }
    }

    /// <summary>Words for one field of industry: company-name industry words, keywords, products, scenarios and capacities.</summary>
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
                track.Code.Contains(code, StringComparison.OrdinalIgnoreCase) || names.Any(n => track.Name.Contains(n, StringComparison.Ordinal));

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
