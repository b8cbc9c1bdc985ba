using System.Globalization;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Features.Support;

/// <summary>The eligibility evaluator, its words and the rule editor's checks, on the cases officials argue about.</summary>
public class EligibilityRuleTests
{
    private const int Year = 2025;
    private static readonly DateOnly Today = new(2026, 6, 30);

    /// <summary>Figures of 2025: revenue 8000, R&D 248 (3.1 %), 120 people, 3 patents, founded 2021-07-01, 高新技术企业 (2023).</summary>
    private static EnterpriseFacts Facts(decimal? revenue = 8000m, decimal? rd = 248m, int? employees = 120, int? patents = 3,
        DateOnly? founded = null, int firsts = 0, int links = 1, string? district = "邗江区", int? highTechYear = 2023,
        bool techSme = false) =>
        new(1, district, new HashSet<string>(["低空经济"], StringComparer.Ordinal),
            new Dictionary<QualificationKind, int?>
            {
                [QualificationKind.HighTech] = highTechYear,
            }.Concat(techSme ? [new(QualificationKind.TechSme, 2025)] : []).ToDictionary(x => x.Key, x => x.Value),
            founded ?? new DateOnly(2021, 7, 1), employees, revenue, rd, patents, firsts, links);

    private static RuleNode Rule(string json) => RuleNode.Parse(json) ?? throw new InvalidOperationException(json);

    public static TheoryData<string, string, bool> Cases => new()
    {
        // Boundaries: ≥ 4 % against 3.1 %; exactly 4 % meets ≥ but not >.
        { "ratio 3.1 below 4", """{"field":"rdRatio","op":">=","value":4}""", false },
        { "ratio 3.1 meets >= 3.1", """{"field":"rdRatio","op":">=","value":3.1}""", true },
        { "ratio 3.1 not > 3.1", """{"field":"rdRatio","op":">","value":3.1}""", false },
        { "revenue 8000 meets <= 8000", """{"field":"revenue","op":"<=","value":8000}""", true },
        { "revenue 8000 not < 8000", """{"field":"revenue","op":"<","value":8000}""", false },
        { "employees 120 = 120", """{"field":"employees","op":"=","value":120}""", true },
        // Founded 2021-07-01: on 2026-06-30 it is 4 whole years old, not 5.
        { "age 4 not >= 5", """{"field":"age","op":">=","value":5}""", false },
        { "age 4 <= 5", """{"field":"age","op":"<=","value":5}""", true },
        // Qualifications with their year: 2023 is within 3 years of 2025 (2022–2025), not within 1.
        { "high-tech held", """{"field":"qualification","op":"has","value":"HighTech"}""", true },
        { "high-tech within 3 years", """{"field":"qualification","op":"has","value":"HighTech","withinYears":3}""", true },
        { "high-tech not within 1 year", """{"field":"qualification","op":"has","value":"HighTech","withinYears":1}""", false },
        { "little giant not held", """{"field":"qualification","op":"has","value":"LittleGiant"}""", false },
        { "district in list", """{"field":"district","op":"in","value":["江都区","邗江区"]}""", true },
        { "district not in list", """{"field":"district","op":"in","value":["江都区"]}""", false },
        { "track held", """{"field":"track","op":"in","value":["低空经济"]}""", true },
        { "first-of-its-kind 0 not >= 1", """{"field":"firstOfItsKind","op":">=","value":1}""", false },
        { "chain links 1 >= 1", """{"field":"chainLinks","op":">=","value":1}""", true },
        { "not little giant", """{"not":{"field":"qualification","op":"has","value":"LittleGiant"}}""", true },
        { "all: one fails", """{"all":[{"field":"employees","op":"<=","value":500},{"field":"rdRatio","op":">=","value":4}]}""", false },
        { "any: one holds", """{"any":[{"field":"employees","op":"<=","value":500},{"field":"rdRatio","op":">=","value":4}]}""", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Evaluate_Condition(string name, string json, bool met)
    {
        Assert.True(met == RuleEvaluator.Evaluate(Rule(json), Facts(), Year, Today).Met, name);
    }

    public static TheoryData<string, string?, string?, bool> MissingFigures => new()
    {
        // A figure not filed is never met, whatever the operator (≤ 500 people is not met by "unknown").
        { """{"field":"employees","op":"<=","value":500}""", null, "8000", false },
        { """{"field":"rdRatio","op":">=","value":0}""", "248", null, false },
        // Revenue 0: the ratio is unknown, not infinite.
        { """{"field":"rdRatio","op":">=","value":0}""", "248", "0", false },
        { """{"field":"revenue","op":">=","value":0}""", "248", "0", true },
    };

    [Theory, MemberData(nameof(MissingFigures))]
    public void Evaluate_MissingFigures_AreNotMet(string json, string? rd, string? revenue, bool met)
    {
        var facts = Facts(revenue: revenue is null ? null : decimal.Parse(revenue, CultureInfo.InvariantCulture),
            rd: rd is null ? null : decimal.Parse(rd, CultureInfo.InvariantCulture), employees: json.Contains("employees",
                StringComparison.Ordinal) ? null : 120);
        Assert.Equal(met, RuleEvaluator.Evaluate(Rule(json), facts, Year, Today).Met);
    }

    [Fact]
    public void Evaluate_QualificationWithoutYear_IsNotMetWhenTheYearMatters()
    {
        var facts = Facts(highTechYear: null);
        Assert.True(RuleEvaluator.Evaluate(Rule("""{"field":"qualification","op":"has","value":"HighTech"}"""), facts, Year, Today).Met);
        const string within5 = """{"field":"qualification","op":"has","value":"HighTech","withinYears":5}""";
        Assert.False(RuleEvaluator.Evaluate(Rule(within5), facts, Year,
            Today).Met);
    }

    public static TheoryData<string, int> Distances => new()
    {
        { """{"all":[{"field":"employees","op":"<=","value":500},{"field":"rdRatio","op":">=","value":4}]}""", 1 },
        { """{"all":[{"field":"rdRatio","op":">=","value":4},{"field":"firstOfItsKind","op":">=","value":1}]}""", 2 },
        // Any: the cheapest branch counts.
        { """{"any":[{"all":[{"field":"rdRatio","op":">=","value":4},{"field":"firstOfItsKind","op":">=","value":1}]},"""
            + """{"field":"qualification","op":"has","value":"LittleGiant"}]}""", 1 },
        // Not: the excluded qualification held is one condition to lose.
        { """{"all":[{"not":{"field":"qualification","op":"has","value":"HighTech"}},{"field":"employees","op":"<=","value":500}]}""", 1 },
        { """{"field":"employees","op":"<=","value":500}""", 0 },
    };

    [Theory, MemberData(nameof(Distances))]
    public void Evaluate_CountsTheFewestConditionsMissing(string json, int missing)
    {
        var outcome = RuleEvaluator.Evaluate(Rule(json), Facts(), Year, Today);
        Assert.Equal(missing, outcome.Missing);
        Assert.Equal(missing == 1, outcome.NearlyMet);
        Assert.Equal(missing, outcome.Blocking.Count);
    }

    /// <summary>Enterprises that differ where rules are argued about: figures not filed, revenue 0, no district, a qualification with
    /// no year or two, no founding date, several tracks, products and no chain links.</summary>
    private static List<EnterpriseFacts> Variants() =>
    [
        Facts(),
        Facts(revenue: null) with { EnterpriseId = 2 },
        Facts(revenue: 0m, employees: null) with { EnterpriseId = 3 },
        Facts(district: null, highTechYear: null, techSme: true) with { EnterpriseId = 4 },
        Facts(rd: 320m, firsts: 2, links: 0, patents: null, district: "江都区") with
        {
            EnterpriseId = 5,
            FoundedOn = null,
            Tracks = new HashSet<string>(["低空经济", "元宇宙"], StringComparer.Ordinal),
        },
        Facts(rd: 400m, highTechYear: 2021, employees: 600, founded: new DateOnly(2021, 6, 30)) with { EnterpriseId = 6 },
        Facts(rd: 320m) with
        {
            EnterpriseId = 7,
            Qualifications = new Dictionary<QualificationKind, int?>(),
            Tracks = new HashSet<string>(StringComparer.Ordinal),
        },
    ];

    /// <summary>Rules beyond the cases above: the seeded shapes, groups empty or nested, and conditions a pass must not trip on.</summary>
    public static TheoryData<string> CompiledRules()
    {
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in Cases) rules.Add((string)row[1]);
        foreach (var row in Distances) rules.Add((string)row[0]);
        foreach (var row in MissingFigures) rules.Add((string)row[0]);
        foreach (var json in (string[])[
            """{"all":[]}""", """{"any":[]}""", """{"not":{"all":[]}}""", "{}",
            """{"field":"turnover","op":">=","value":1}""", """{"field":"employees","op":"~","value":1}""",
            """{"field":"qualification","op":"has","value":"2"}""", """{"field":"qualification","op":"has","value":"Famous"}""",
            """{"field":"qualification","op":"has","value":"HighTech","withinYears":5}""",
            """{"field":"district","op":"in","value":"江都区"}""", """{"field":"track","op":"in","value":["元宇宙","火星"]}""",
            """{"field":"rdRatio","op":"=","value":4}""", """{"field":"age","op":">=","value":5}""",
            """{"any":[{"all":[{"field":"employees","op":"<=","value":500},{"field":"revenue","op":"<=","value":20000},"""
            + """{"any":[{"all":[{"field":"revenue","op":"<","value":5000},{"field":"rdRatio","op":">=","value":5}]},"""
            + """{"all":[{"field":"revenue","op":">=","value":5000},{"field":"rdRatio","op":">=","value":4}]}]}]}]}""",
            """{"all":[{"any":[{"field":"qualification","op":"has","value":"HighTech"},"""
            + """{"field":"qualification","op":"has","value":"TechSme"}]},{"field":"firstOfItsKind","op":">=","value":1},"""
            + """{"field":"inventionPatents","op":">=","value":1}]}""",
            """{"not":{"any":[{"field":"chainLinks","op":">=","value":1},{"not":{"field":"rdRatio","op":">=","value":4}}]}}""",
        ]) rules.Add(json);
        return [.. rules];
    }

    /// <summary>The full pass's compiled rule gives every enterprise the verdict the explaining evaluator gives: met, and how many
    /// conditions short (so the same 免申即享 and 近似符合 lists); the columns give back the facts they were made of.</summary>
    [Theory, MemberData(nameof(CompiledRules))]
    public void CompiledRule_AgreesWithTheEvaluator(string json)
    {
        var variants = Variants();
        var columns = FactColumns.From(variants, Year, Today);
        var compiled = CompiledRule.Compile(Rule(json), columns);
        for (var i = 0; i < columns.Count; i++)
        {
            var facts = variants.Single(f => f.EnterpriseId == columns.Ids[i]);
            var expected = RuleEvaluator.Evaluate(Rule(json), facts, Year, Today);
            var tally = compiled.Evaluate(columns, i);
            Assert.True((expected.Met, expected.Missing, expected.NearlyMet) == (tally.Met, tally.ToTrue, tally.NearlyMet),
                $"enterprise {facts.EnterpriseId}: {(expected.Met, expected.Missing)} expected, {(tally.Met, tally.ToTrue)} compiled");
            var back = columns.At(i);
            Assert.Equal((facts.District, facts.FoundedOn, facts.Employees, facts.Revenue, facts.RdExpense, facts.InventionPatents),
                (back.District, back.FoundedOn, back.Employees, back.Revenue, back.RdExpense, back.InventionPatents));
            Assert.Equal(facts.Tracks.Order(), back.Tracks.Order());
            Assert.Equal(facts.Qualifications.OrderBy(q => q.Key), back.Qualifications.OrderBy(q => q.Key));
        }
    }

    public static TheoryData<string, string, string> Words => new()
    {
        { "zh-CN", """{"field":"rdRatio","op":">=","value":4}""", "2025 年度研发投入占比 3.1 %，需 ≥ 4 %" },
        { "en", """{"field":"rdRatio","op":">=","value":4}""", "R&D spending as a share of revenue (2025) 3.1 %; required ≥ 4 %" },
        { "zh-CN", """{"field":"qualification","op":"has","value":"HighTech","withinYears":1}""", "持有高新技术企业（2023 年认定），需 2024 年及以后认定" },
        { "zh-CN", """{"field":"qualification","op":"has","value":"LittleGiant"}""", "未持有专精特新“小巨人”企业" },
        { "zh-CN", """{"field":"district","op":"in","value":["江都区"]}""", "所在板块：邗江区，需为 江都区 之一" },
        { "zh-CN", """{"field":"employees","op":"<=","value":500}""", "从业人数 120 人，需 ≤ 500 人" },
    };

    [Theory, MemberData(nameof(Words))]
    public void Explain_SaysTheValueAndTheRequirement(string culture, string json, string text)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var outcome = RuleEvaluator.Evaluate(Rule(json), Facts(), Year, Today);
            Assert.Equal(text, RuleText.Explain(outcome.Conditions.Single(), new JsonStringLocalizer(), Year));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public void Explain_MissingFigure_SaysNotFiled()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var outcome = RuleEvaluator.Evaluate(Rule("""{"field":"rdRatio","op":">=","value":4}"""), Facts(rd: null), Year, Today);
            Assert.Equal("2025 年度研发投入占比未填报，需 ≥ 4 %", RuleText.Explain(outcome.Conditions.Single(), new JsonStringLocalizer(), Year));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    public static TheoryData<string, string?> Validation => new()
    {
        { """{"all":[{"field":"rdRatio","op":">=","value":4},{"field":"employees","op":"<=","value":500}]}""", null },
        { """{"field":"turnover","op":">=","value":4}""", "Support.Rule.UnknownField" },
        { """{"field":"rdRatio","op":"has","value":4}""", "Support.Rule.BadOp" },
        { """{"field":"rdRatio","op":">=","value":"四"}""", "Support.Rule.NeedNumber" },
        { """{"field":"qualification","op":"has","value":"Famous"}""", "Support.Rule.UnknownName" },
        { """{"field":"district","op":"in","value":["火星区"]}""", "Support.Rule.UnknownName" },
        { """{"field":"district","op":"in","value":[]}""", "Support.Rule.NeedNames" },
        { """{"all":[]}""", "Support.Rule.EmptyGroup" },
        { """{"all":[{"field":"employees","op":">=","value":5},{"field":"employees","op":"<=","value":3}]}""",
            "Support.Rule.Contradiction" },
        { """{"all":[{"field":"employees","op":">","value":5},{"field":"employees","op":"<","value":5}]}""", "Support.Rule.Contradiction" },
        { """{"all":[{"field":"employees","op":">=","value":5},{"field":"employees","op":"<=","value":5}]}""", null },
        { """{"all":[{"field":"employees","op":">","value":5},{"field":"employees","op":"<=","value":5}]}""",
            "Support.Rule.Contradiction" },
        { """{"all":[{"field":"employees","op":"=","value":3},{"field":"employees","op":"=","value":4}]}""", "Support.Rule.Contradiction" },
        // Under "any" the same bounds are alternatives, not a contradiction.
        { """{"any":[{"field":"employees","op":">=","value":5},{"field":"employees","op":"<=","value":3}]}""", null },
        { """{"all":[{"field":"district","op":"in","value":["邗江区"]},{"field":"district","op":"in","value":["江都区"]}]}""",
            "Support.Rule.Contradiction" },
        { """{"all":[{"field":"qualification","op":"has","value":"HighTech"},"""
            + """{"not":{"field":"qualification","op":"has","value":"HighTech"}}]}""",
            "Support.Rule.Contradiction" },
        { """{"field":"employees","op":">=","value":5,"all":[]}""", "Support.Rule.BadNode" },
        { """{"field":"employees","op":">=","value":5,"withinYears":2}""", "Support.Rule.BadWithinYears" },
        { "not json", "Support.Rule.BadJson" },
        { """{"not":{"not":{"not":{"not":{"not":{"not":{"field":"employees","op":">=","value":1}}}}}}}""", "Support.Rule.TooDeep" },
    };

    [Theory, MemberData(nameof(Validation))]
    public void Validate_RefusesInvalidOrContradictoryRules(string json, string? problem)
    {
        var problems = RuleValidator.Validate(RuleNode.Parse(json), new HashSet<string>(["邗江区", "江都区"]), new HashSet<string>(["低空经济"]));
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Key == problem);
    }

    public static TheoryData<string, string?, string?, string?, string?> Benefits => new()
    {
        { "Fixed", "50", null, null, "50" },
        { "Share", null, "0.5", "20", "20" },      // half of 248 is 124, capped at 20
        { "Share", null, "0.05", "20", "12.4" },
        { "Rate", null, "1", null, "248" },
    };

    [Theory, MemberData(nameof(Benefits))]
    public void Benefit_FixedShareCappedOrRate(string kind, string? amount, string? share, string? cap, string? expected)
    {
        static decimal? D(string? s) => s is null ? null : decimal.Parse(s, CultureInfo.InvariantCulture);
        var policy = new SupportPolicy
        {
            BenefitKind = Enum.Parse<BenefitKind>(kind),
            BenefitAmount = D(amount),
            BenefitShare = D(share),
            BenefitCap = D(cap),
            BenefitFigure = "rdExpense",
        };
        Assert.Equal(D(expected), PolicyMatcher.Benefit(policy, Facts()));
        Assert.Null(kind == "Fixed" ? null : PolicyMatcher.Benefit(policy, Facts(rd: null)));
    }

    [Fact]
    public void SeededRules_AreValid()
    {
        var seeder = typeof(SupportSeeder).GetMethod("Policies",
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var policies = ((IEnumerable<(SupportPolicy Policy, string Department)>)seeder.Invoke(null, [2026])!).ToList();
        Assert.Equal(4, policies.Count);
        Assert.All(policies, p =>
        {
            Assert.True(p.Policy.IsExample);
            Assert.Empty(RuleValidator.Validate(RuleNode.Parse(p.Policy.Rule), new HashSet<string>(), new HashSet<string>()));
        });
    }
}
