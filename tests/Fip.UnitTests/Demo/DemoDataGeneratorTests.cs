using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fip.Web.Demo;
using Xunit.Abstractions;

namespace Fip.UnitTests.Demo;

public class DemoDataGeneratorTests(ITestOutputHelper output)
{
    private static readonly DemoDistrict[] Districts =
    [
        new("广陵区", "321002"), new("邗江区", "321003"), new("江都区", "321012"), new("宝应县", "321023"),
        new("仪征市", "321081"), new("高邮市", "321084"), new("扬州经开区", null), new("生态科技新城", null), new("蜀冈—瘦西湖风景区", null),
    ];

    private static readonly DemoTrack[] Tracks =
    [
        new("low-altitude", "低空经济", ["无人机", "飞控系统", "航电系统", "eVTOL"]),
        new("metaverse", "元宇宙", ["虚拟现实", "增强现实", "数字孪生"]),
        new("zero-carbon", "零碳负碳", ["碳捕集", "碳监测", "节能改造"]),
        new("hydrogen", "氢能", ["燃料电池", "电解槽"]),
        new("frontier-biomed", "前沿生物医药", ["生物药", "基因治疗"]),
        new("pv-storage", "新型光伏储能", ["光伏组件", "储能系统"]),
        new("frontier-materials", "前沿新材料", ["碳纤维", "晶体材料"]),
        new("third-gen-semi", "第三代半导体", ["第三代半导体技术研发", "第三代半导体产品制造", "技术服务"]),
        new("humanoid-robot", "类人机器人", ["人形机器人", "伺服电机"]),
        new("quantum", "量子科技", []),
    ];

    private static readonly string[] QualificationKinds = ["LittleGiant", "SpecialisedSme", "HighTech", "TechSme", "Gazelle", "Unicorn",
        "Backbone", "ChainLeader"];
    private static readonly string[] ProductStages = ["Research", "Prototype", "Finalised", "MassProduction"];
    private static readonly string[] Levels = ["National", "Provincial", "Municipal"];
    private static readonly string[] PlatformKinds =
        ["IndustryInnovationCentre", "ManufacturingInnovationCentre", "TechnologyInnovationCentre", "EngineeringResearchCentre",
            "KeyLaboratory", "NewResearchInstitute", "ProofOfConceptCentre", "PilotPlatform", "Incubator"];

    private static readonly Lazy<DemoDataSet> Sample = new(() => DemoDataGenerator.Generate(Spec(2000, 20240501)));

    private static DemoDataSpec Spec(int enterprises, int seed) => new(enterprises, seed, Districts, Tracks);

    private static string DivisionOf(string district) => Districts.Single(d => d.Name == district).DivisionCode ?? "321000";

    private static string Describe(DemoEnterprise e)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{e.CreditCode}|{e.Name}|{e.ShortName}|{e.District}|{e.Address}|{e.FoundedOn:yyyy-MM-dd}|{e.RegisteredCapital}|{e
                .Employees}|");
        sb.AppendJoin(',', e.TrackCodes)
            .Append('|')
            .AppendJoin(',', e.Qualifications.Select(q => q.Kind + q.Year.ToString(CultureInfo.InvariantCulture)));
        sb.Append(CultureInfo.InvariantCulture, $"|{e.BusinessScope}|{e.ContactPerson}|{e.ContactPhone}");
        foreach (var i in e.Indicators)
            sb.Append(CultureInfo.InvariantCulture,
                $"|{i.Year}:{i.Revenue}:{i.RdExpense}:{i.OutputValue}:{i.Tax}:{i.Employees}:{i.InventionPatents}");
        return sb.ToString();
    }

    private static string[] DescribeAll(DemoDataSet set) =>
    [
        .. set.Enterprises.Select(Describe),
        .. set.Products.Select(p => p.ToString()),
        .. set.Scenarios.Select(s => s.ToString()),
        .. set.Parks.Select(p => p.ToString() + string.Join(',', p.TrackCodes)),
        .. set.Platforms.Select(p => p.ToString() + string.Join(',', p.TrackCodes)),
        .. set.Projects.Select(p => p.ToString()),
    ];

    /// <summary>GB 11714 check of the organisation code (positions 9–17), written independently of the generator.</summary>
    private static bool OrganisationCodeValid(string organisationCode)
    {
        if (organisationCode.Length != 9) return false;
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = organisationCode[i];
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => -1,
            };
            if (value < 0) return false;
            sum += value * weights[i];
        }
        var check = 11 - sum % 11;
        var expected = check == 10 ? 'X' : check == 11 ? '0' : (char)('0' + check);
        return organisationCode[8] == expected;
    }

    [Theory]
    [InlineData("MA1K3BTP2", true)]
    [InlineData("600037341", true)]
    [InlineData("745555318", true)]
    [InlineData("666007217", true)]
    [InlineData("608234876", true)]
    [InlineData("600037342", false)]
    public void OrganisationCheck_RealCodes_AgreeWithStandard(string code, bool valid) => Assert.Equal(valid, OrganisationCodeValid(code));

    [Fact]
    public void Generate_SameSpec_ProducesIdenticalData()
    {
        var first = DemoDataGenerator.Generate(Spec(500, 7));
        var second = DemoDataGenerator.Generate(Spec(500, 7));

        Assert.Equal(500, first.Enterprises.Count);
        Assert.Equal(first.Enterprises.Select(e => e.CreditCode), second.Enterprises.Select(e => e.CreditCode));
        Assert.Equal(first.Enterprises.Select(e => e.Name), second.Enterprises.Select(e => e.Name));
        Assert.Equal(DescribeAll(first), DescribeAll(second));
    }

    /// <summary>
    /// The data a seed yields is part of the contract (demo databases and benchmarks are rebuilt from it): a digest of a
    /// whole set, recorded from the generator, fails when any record changes.
    /// </summary>
    [Fact]
    public void Generate_RecordedSeed_YieldsRecordedData()
    {
        var text = string.Join('\n', DescribeAll(Sample.Value));
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        output.WriteLine(digest);
        Assert.Equal(RecordedDigest, digest);
    }

    private const string RecordedDigest = "57190145187D7AD140A44A5AF200A23BB0D35C3872B5E99E282A93FF98249F79";

    [Fact]
    public void Enterprises_SameSpec_StreamsWhatGenerateReturns()
    {
        var streamed = DemoDataGenerator.Enterprises(Spec(300, 11)).Select(Describe).ToList();
        var generated = DemoDataGenerator.Generate(Spec(300, 11)).Enterprises.Select(Describe).ToList();
        Assert.Equal(generated, streamed);
    }

    [Fact]
    public void Generate_DifferentSeeds_ProduceDifferentData()
    {
        var a = DemoDataGenerator.Generate(Spec(200, 1));
        var b = DemoDataGenerator.Generate(Spec(200, 2));

        var codes = a.Enterprises.Select(e => e.CreditCode).ToHashSet();
        Assert.True(b.Enterprises.Count(e => codes.Contains(e.CreditCode)) < 5);
        Assert.NotEqual(a.Enterprises.Select(e => e.Name), b.Enterprises.Select(e => e.Name));
        Assert.NotEqual(a.Products.Select(p => p.Name), b.Products.Select(p => p.Name));
    }

    [Fact]
    public void CreditCode_EveryEnterprise_ValidUniqueAndPrefixedByDistrictCode()
    {
        var enterprises = Sample.Value.Enterprises;
        foreach (var e in enterprises)
        {
            Assert.Equal(Fip.Web.Infrastructure.CreditCode.Result.Valid, Fip.Web.Infrastructure.CreditCode.Validate(e.CreditCode));
            Assert.StartsWith("91" + DivisionOf(e.District), e.CreditCode, StringComparison.Ordinal);
            Assert.True(OrganisationCodeValid(e.CreditCode[8..17]), e.CreditCode);
        }
        Assert.Equal(enterprises.Count, enterprises.Select(e => e.CreditCode).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CreditCode_ManyRandomCodes_PassBothChecksAndMixInLetters()
    {
        var random = new Random(42);
        var withLetters = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var code = DemoDataGenerator.CreditCode("321003", random);
            Assert.Equal(18, code.Length);
            Assert.StartsWith("91321003", code, StringComparison.Ordinal);
            Assert.Equal(Fip.Web.Infrastructure.CreditCode.Result.Valid, Fip.Web.Infrastructure.CreditCode.Validate(code));
            Assert.True(OrganisationCodeValid(code[8..17]), code);
            Assert.DoesNotContain(code, c => "IOSVZ".Contains(c, StringComparison.Ordinal));
            if (code.Skip(8).Take(8).Any(char.IsLetter)) withLetters++;
        }
        Assert.InRange(withLetters, 2_000, 10_000); // mostly digits, sometimes letters
    }

    [Theory]
    [InlineData(0L, "9132100300000000")]
    [InlineData(1L, "9132100300000001")]
    [InlineData(1_234_567L, "9132100301234567")]
    [InlineData(10_000_001L, "9132100300000001")] // the last seven digits
    public void CreditCode_Numbered_IsValidAndCarriesTheSerial(long serial, string first16)
    {
        var code = DemoDataGenerator.CreditCode("321003", serial);
        Assert.Equal(first16, code[..16]);
        Assert.Equal(Fip.Web.Infrastructure.CreditCode.Result.Valid, Fip.Web.Infrastructure.CreditCode.Validate(code));
        Assert.True(OrganisationCodeValid(code[8..17]), code);
    }

    [Fact]
    public void CreditCode_Numbered_NeverEqualsARandomCode()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++) Assert.NotEqual('0', DemoDataGenerator.CreditCode("321003", random)[8]);
        Assert.Equal(1_000, Enumerable.Range(0, 1_000).Select(i => DemoDataGenerator.CreditCode("321003", (long)i)).Distinct().Count());
    }

    [Theory]
    [InlineData("32100")]
    [InlineData("32100A")]
    [InlineData("3210031")]
    public void CreditCode_BadDivisionCode_Throws(string division) =>
        Assert.Throws<ArgumentException>(() => DemoDataGenerator.CreditCode(division, new Random(1)));

    [Fact]
    public void Names_EveryEnterprise_UniqueAndEndWithCompanySuffix()
    {
        var enterprises = Sample.Value.Enterprises;
        Assert.Equal(enterprises.Count, enterprises.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var e in enterprises)
        {
            Assert.EndsWith("有限公司", e.Name, StringComparison.Ordinal);
            Assert.InRange(e.ShortName.Length, 3, 8);
            Assert.Contains(e.ShortName[..2], e.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Enterprises_HundredThousand_NamesAndCodesStayUnique()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in DemoDataGenerator.Enterprises(Spec(100_000, 3)))
        {
            Assert.True(names.Add(e.Name), e.Name);
            Assert.True(codes.Add(e.CreditCode), e.CreditCode);
        }
        Assert.Equal(100_000, names.Count);
    }

    [Fact]
    public void Enterprises_Fields_ArePlausible()
    {
        var spec = Spec(2000, 20240501);
        var trackCodes = Tracks.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var keywords = Tracks.SelectMany(t => t.Keywords).ToList();
        foreach (var e in Sample.Value.Enterprises)
        {
            Assert.Contains(Districts, d => d.Name == e.District);
            Assert.InRange(e.FoundedOn, new DateOnly(1995, 1, 1), new DateOnly(2023, 12, 31));
            Assert.InRange(e.RegisteredCapital, 100m, 50_000m);
            Assert.StartsWith("扬州市", e.Address, StringComparison.Ordinal);
            Assert.EndsWith("号", e.Address, StringComparison.Ordinal);
            Assert.Matches("^1[3589][0-9]{9}$", e.ContactPhone);
            Assert.InRange(e.ContactPerson.Length, 2, 3);
            Assert.StartsWith("一般项目：", e.BusinessScope, StringComparison.Ordinal);
            Assert.InRange(e.TrackCodes.Count, 1, 2);
            Assert.Equal(e.TrackCodes.Count, e.TrackCodes.Distinct(StringComparer.Ordinal).Count());
            Assert.All(e.TrackCodes, c => Assert.Contains(c, trackCodes));
            Assert.Equal(e.Indicators[^1].Employees, e.Employees);
            foreach (var q in e.Qualifications)
            {
                Assert.Contains(q.Kind, QualificationKinds);
                Assert.InRange(q.Year, e.FoundedOn.Year + 1, spec.LastYear);
            }
            Assert.Equal(e.Qualifications.Count, e.Qualifications.Select(q => q.Kind).Distinct(StringComparer.Ordinal).Count());
            if (e.Employees <= 5) Assert.True(e.Qualifications.Count <= 1);
        }
        Assert.DoesNotContain(Sample.Value.Enterprises,
            e => e.BusinessScope.Contains("研发的", StringComparison.Ordinal) || e.BusinessScope.Contains("服务的", StringComparison.Ordinal));
        // Scopes are built from the tracks' keywords.
        Assert.True(Sample.Value.Enterprises.Count(e => keywords.Any(k => e.BusinessScope.Contains(k, StringComparison.Ordinal))) > 1800);
    }

    [Fact]
    public void Indicators_EveryEnterprise_GrowWithinBoundsAndHaveTwoDecimals()
    {
        var spec = Spec(2000, 20240501);
        var revenues = new List<decimal>();
        foreach (var e in Sample.Value.Enterprises)
        {
            Assert.True(e.RegisteredCapital.Scale <= 2);
            Assert.NotEmpty(e.Indicators);
            Assert.Equal(spec.LastYear, e.Indicators[^1].Year);
            Assert.Equal(Math.Max(spec.FirstYear, e.FoundedOn.Year), e.Indicators[0].Year);
            DemoIndicator? previous = null;
            foreach (var i in e.Indicators)
            {
                Assert.All(new[] { i.Revenue, i.RdExpense, i.OutputValue, i.Tax },
                    d => Assert.True(d.Scale <= 2, d.ToString(CultureInfo.InvariantCulture)));
                Assert.True(i.Revenue > 0);
                Assert.InRange(i.RdExpense, i.Revenue * 0.02m - 0.01m, i.Revenue * 0.12m + 0.01m);
                Assert.InRange(i.OutputValue, i.Revenue * 0.9m - 0.01m, i.Revenue * 1.3m + 0.01m);
                Assert.InRange(i.Tax, i.Revenue * 0.02m - 0.01m, i.Revenue * 0.08m + 0.01m);
                Assert.True(i.Employees >= 1);
                Assert.InRange(i.InventionPatents, 0, 500);
                if (previous is not null)
                {
                    Assert.Equal(previous.Year + 1, i.Year);
                    Assert.InRange(i.Revenue, previous.Revenue - 0.01m, previous.Revenue * 1.25m + 0.01m);
                    Assert.True(i.InventionPatents >= previous.InventionPatents);
                }
                previous = i;
            }
            revenues.Add(e.Indicators[0].Revenue);
        }
        // Long-tailed: most between 500 and 20,000 万元, a few large ones, none above 500,000 in the first year.
        Assert.InRange(revenues.Count(r => r is >= 500m and <= 20_000m) / (double)revenues.Count, 0.75, 0.95);
        Assert.Contains(revenues, r => r > 50_000m);
        Assert.All(revenues, r => Assert.True(r <= 500_000m));
        // Employees consistent with revenue: bigger firms employ more.
        var byRevenue = Sample.Value.Enterprises.OrderBy(e => e.Indicators[^1].Revenue).ToList();
        Assert.True(byRevenue.Take(200).Average(e => e.Employees) * 10 < byRevenue.TakeLast(200).Average(e => e.Employees));
    }

    [Fact]
    public void Generate_ProductsAndProjects_ReferenceExistingEnterprises()
    {
        var set = Sample.Value;
        var byCode = set.Enterprises.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        foreach (var p in set.Products)
        {
            Assert.True(byCode.TryGetValue(p.EnterpriseCreditCode, out var e));
            Assert.Contains(p.TrackCode, e!.TrackCodes);
        }
        foreach (var p in set.Projects)
        {
            Assert.True(byCode.TryGetValue(p.EnterpriseCreditCode, out var e));
            Assert.Contains(p.TrackCode, e!.TrackCodes);
            Assert.Equal(e.District, p.District);
        }
    }

    [Fact]
    public void ActivityUntil_SpreadsRecognitionsApprovalsAndStartsUpToIt()
    {
        var until = new DateOnly(2026, 11, 27);
        foreach (var seed in new[] { 20240501, 20241128 })
        {
            var set = DemoDataGenerator.Generate(Spec(2000, seed) with { ActivityUntil = until });
            var recognised = set.Products.Where(p => p.RecognizedOn is not null).Select(p => p.RecognizedOn!.Value).ToList();
            Assert.All(recognised, d => Assert.True(d <= until));
            Assert.Contains(recognised, d => d.Year > 2024);
            Assert.Contains(recognised, d => d.Year < 2024);
            Assert.Contains(set.Scenarios, s => s.StartOn.Year > 2024);
            Assert.All(set.Scenarios, s => Assert.True(s.StartOn <= until));
            Assert.All(set.Parks.Where(p => p.ApprovedOn is not null), p => Assert.True(p.ApprovedOn <= until));
        }
    }

    [Fact]
    public void Products_Sample_CoverEveryStageWithConsistentRecognition()
    {
        var products = Sample.Value.Products;
        foreach (var stage in ProductStages) Assert.Contains(products, p => p.Stage == stage);
        foreach (var p in products)
        {
            Assert.Contains(p.Stage, ProductStages);
            Assert.Equal(p.RecognitionLevel is null, p.RecognizedOn is null);
            if (p.RecognitionLevel is not null) Assert.Contains(p.RecognitionLevel, Levels);
            Assert.Matches("^[A-Z]{2}-[0-9]{3}A?", p.Name);
            Assert.DoesNotContain("研发", p.Name, StringComparison.Ordinal); // activity keywords do not make product names
            Assert.DoesNotContain("服务", p.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_2000Enterprises_ProportionsRoughlyAsSpecified()
    {
        var set = Sample.Value;
        var n = (double)set.Enterprises.Count;
        Assert.InRange(set.Products.Count, 450, 550);
        Assert.InRange(set.Scenarios.Count, 50, 70);
        Assert.InRange(set.Parks.Count, 6, 8);
        Assert.InRange(set.Platforms.Count, 35, 45);
        Assert.InRange(set.Projects.Count, 70, 90);

        double Share(Func<DemoEnterprise, bool> f) => set.Enterprises.Count(f) / n;
        double Holding(string kind) => Share(e => e.Qualifications.Any(q => q.Kind == kind));
        Assert.InRange(Share(e => e.Qualifications.Count == 0), 0.25, 0.38);
        Assert.InRange(Holding("HighTech"), 0.30, 0.40);
        Assert.InRange(Holding("TechSme"), 0.35, 0.45);
        Assert.InRange(Holding("SpecialisedSme"), 0.09, 0.15);
        Assert.InRange(Holding("LittleGiant"), 0.005, 0.04);
        Assert.InRange(Holding("Gazelle"), 0.01, 0.05);
        Assert.InRange(Holding("Backbone"), 0.003, 0.03);
        Assert.InRange(Holding("Unicorn"), 0, 0.003);

        // Urban districts weigh more than counties; the three lead tracks are the most common.
        Assert.True(set.Enterprises.Count(e => e.District == "邗江区") > 1.8 * set.Enterprises.Count(e => e.District == "宝应县"));
        var perTrack = Tracks.ToDictionary(t => t.Code, t => set.Enterprises.Count(e => e.TrackCodes.Contains(t.Code)));
        var lead = new[] { "low-altitude", "metaverse", "zero-carbon" };
        Assert.True(lead.Min(c => perTrack[c]) > perTrack.Where(p => !lead.Contains(p.Key)).Max(p => p.Value));
        Assert.InRange(Share(e => e.TrackCodes.Count == 2), 0.2, 0.4);

        var products = set.Products;
        double StageShare(string stage) => products.Count(p => p.Stage == stage) / (double)products.Count;
        Assert.InRange(StageShare("Research"), 0.22, 0.38);
        Assert.InRange(StageShare("Prototype"), 0.22, 0.38);
        Assert.InRange(StageShare("Finalised"), 0.13, 0.27);
        Assert.InRange(StageShare("MassProduction"), 0.13, 0.27);
        Assert.InRange(products.Count(p => p.RecognitionLevel is not null) / (double)products.Count, 0.04, 0.12);
        Assert.InRange(products.Count(p => p.FirstOfItsKind) / (double)products.Count, 0.01, 0.05);
    }

    [Fact]
    public void Generate_OtherRegistries_UseSpecDistrictsEnumNamesAndConsistentDates()
    {
        var set = Sample.Value;
        var districts = Districts.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var tracks = Tracks.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var s in set.Scenarios)
        {
            Assert.Contains(s.District, districts);
            Assert.Contains(s.TrackCode, tracks);
            Assert.Contains(s.Kind, new[] { "Need", "Capability", "Demonstration" });
            Assert.Contains(s.Stage, new[] { "EarlyValidation", "IntegrationTrial", "Promotion" });
            Assert.Contains(s.Status, new[] { "Collecting", "Published", "Matching", "Building", "Operating", "Terminated" });
            if (s.EndOn is { } end) Assert.True(end > s.StartOn);
            Assert.False(string.IsNullOrWhiteSpace(s.Owner));
            Assert.EndsWith("。", s.Description, StringComparison.Ordinal);
        }

        Assert.Equal(set.Parks.Count, set.Parks.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var p in set.Parks)
        {
            Assert.Contains(p.District, districts);
            Assert.StartsWith("扬州", p.Name, StringComparison.Ordinal);
            Assert.Contains("先导", p.Name, StringComparison.Ordinal);
            Assert.InRange(p.TrackCodes.Count, 1, 3);
            Assert.All(p.TrackCodes, c => Assert.Contains(c, tracks));
            Assert.Contains(p.Status, new[] { "Planned", "UnderConstruction", "Completed" });
            Assert.True(p.Area > 0 && p.Area.Scale <= 2);
            Assert.Equal(p.ApprovedOn is null, p.ApprovalLevel is null);
            if (p.ApprovalLevel is not null) Assert.Contains(p.ApprovalLevel, Levels);
        }

        Assert.Equal(set.Platforms.Count, set.Platforms.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        var shortNames = set.Enterprises.ToDictionary(e => e.Name, e => e.ShortName, StringComparer.Ordinal);
        foreach (var p in set.Platforms)
        {
            Assert.Contains(p.District, districts);
            Assert.Contains(p.Kind, PlatformKinds);
            Assert.Contains(p.Level, Levels);
            Assert.NotEmpty(p.TrackCodes);
            if (shortNames.TryGetValue(p.Host, out var shortName)) Assert.StartsWith(shortName, p.Name, StringComparison.Ordinal);
        }

        foreach (var p in set.Projects)
        {
            Assert.EndsWith("项目", p.Name, StringComparison.Ordinal);
            Assert.Contains(p.Status, new[] { "Planned", "UnderConstruction", "Completed", "Suspended" });
            Assert.InRange(p.CompletedInvestment, 0m, p.TotalInvestment);
            Assert.True(p.TotalInvestment.Scale <= 2 && p.CompletedInvestment.Scale <= 2);
            Assert.True(p.EndOn > p.StartOn);
            if (p.Status == "Planned") Assert.Equal(0m, p.CompletedInvestment);
        }
    }

    [Fact]
    public void Generate_FewEnterprises_StillHasSixParks()
    {
        var set = DemoDataGenerator.Generate(Spec(10, 5));
        Assert.Equal(10, set.Enterprises.Count);
        Assert.True(set.Parks.Count >= 6);
    }

    [Fact]
    public void Generate_NoEnterprises_ReturnsOnlyParks()
    {
        var set = DemoDataGenerator.Generate(Spec(0, 5));
        Assert.Empty(set.Enterprises);
        Assert.Empty(set.Products);
        Assert.Empty(set.Projects);
        Assert.Equal(6, set.Parks.Count);
    }

    [Fact]
    public void Enterprises_InvalidSpec_ThrowsWhenCalled()
    {
        Assert.Throws<ArgumentException>(() => DemoDataGenerator.Enterprises(new DemoDataSpec(10, 1, [], Tracks)));
        Assert.Throws<ArgumentException>(() => DemoDataGenerator.Enterprises(new DemoDataSpec(10, 1, Districts, [])));
        Assert.Throws<ArgumentException>(() => DemoDataGenerator.Enterprises(new DemoDataSpec(-1, 1, Districts, Tracks)));
        Assert.Throws<ArgumentException>(() => DemoDataGenerator.Enterprises(new DemoDataSpec(10, 1, Districts, Tracks, 2025, 2024)));
        Assert.Throws<ArgumentException>(
            () => DemoDataGenerator.Generate(new DemoDataSpec(10, 1, [new DemoDistrict("某区", "12345")], Tracks)));
    }

    [Fact]
    public void Enterprises_HundredThousand_StreamFast()
    {
        var spec = Spec(100_000, 99);
        DemoDataGenerator.Enterprises(Spec(2_000, 1)).Count(); // warm up
        var watch = Stopwatch.StartNew();
        var count = 0;
        long employees = 0;
        foreach (var e in DemoDataGenerator.Enterprises(spec))
        {
            count++;
            employees += e.Employees;
        }
        watch.Stop();
        var rate = count / watch.Elapsed.TotalSeconds;
        output.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"{count} enterprises in {watch.Elapsed.TotalSeconds:F2} s: {rate:F0} records/s"));
        Assert.Equal(100_000, count);
        Assert.True(employees > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"too slow: {rate:F0} records/s");
    }
}
