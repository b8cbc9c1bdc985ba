using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Regulation;

/// <summary>What a signal rule found: the rule, a key unique per fact (one draft each) and the finding's text.</summary>
public sealed record Signal(string Rule, string Key, string Findings);

/// <summary>
/// The rules of flexible regulation, stated on the page (<c>_RegulationRules.cshtml</c>) with the same numbers: when a measure's
/// expiry alerts fire, and which facts in the registries and yearly figures draft a 提示 to the regulating department.
/// Only enterprises under a running measure are watched; the draft goes to the measure's department.
/// </summary>
public static class RegulationRules
{
    public const int FirstExpiryAlertDays = 30, LastExpiryAlertDays = 7;
    /// <summary>A yearly figure falling by this share or more from the year before is a sharp drop.</summary>
    public const decimal SharpDropShare = 0.30m;
    /// <summary>Last year's figures are due by this day (month, day) of the year.</summary>
    public const int FilingDueMonth = 5, FilingDueDay = 31;
    /// <summary>A complaint received within this many days raises a draft.</summary>
    public const int ComplaintDays = 30;

    private static readonly Dictionary<QualificationKind, string> QualificationNames = new()
    {
        [QualificationKind.HighTech] = "高新技术企业",
        [QualificationKind.SpecialisedSme] = "专精特新中小企业",
        [QualificationKind.LittleGiant] = "专精特新“小巨人”",
        [QualificationKind.TechSme] = "科技型中小企业",
    };

    /// <summary>Years a qualification is valid from the year it was recognised (counting that year); others do not lapse.</summary>
    public static int? ValidYears(QualificationKind kind) => kind switch
    {
        QualificationKind.HighTech or QualificationKind.SpecialisedSme or QualificationKind.LittleGiant => 3,
        QualificationKind.TechSme => 1,
        _ => null,
    };

    /// <summary>Which expiry alert is due today (30 or 7 days before the end), or null: none after the end, the 7-day one from
    /// 7 days before, the 30-day one from 30 days before.</summary>
    public static int? ExpiryAlertDue(DateOnly endOn, DateOnly today)
    {
        var days = endOn.DayNumber - today.DayNumber;
        if (days < 0) return null;
        if (days <= LastExpiryAlertDays) return LastExpiryAlertDays;
        return days <= FirstExpiryAlertDays ? FirstExpiryAlertDays : null;
    }

    /// <summary>A qualification whose validity ends this year or has ended (and was not recognised again since).</summary>
    public static bool QualificationExpiring(QualificationKind kind, int recognisedYear, DateOnly today) =>
        ValidYears(kind) is { } years && recognisedYear + years - 1 <= today.Year;

    /// <summary>The share a figure fell from the year before, when it fell by <see cref="SharpDropShare"/> or more.</summary>
    public static decimal? SharpDrop(decimal? previous, decimal? current)
    {
        if (previous is not { } p || current is not { } c || p <= 0) return null;
        var drop = (p - c) / p;
        return drop >= SharpDropShare ? drop : null;
    }

    /// <summary>Last year's figures are missing after their due day.</summary>
    public static bool FilingMissed(IEnumerable<int> filedYears, DateOnly today) =>
        today > new DateOnly(today.Year, FilingDueMonth, FilingDueDay) && !filedYears.Contains(today.Year - 1);

    public static bool ComplaintRecent(DateOnly receivedOn, DateOnly today) =>
        receivedOn <= today && today.DayNumber - receivedOn.DayNumber <= ComplaintDays;

    /// <summary>The signals about one enterprise under one measure (the keys name the measure, so each draft is raised once).</summary>
    public static IEnumerable<Signal> Evaluate(RegulatoryMeasure m, Enterprise e, IEnumerable<MeasureComplaint> complaints, DateOnly today)
    {
        foreach (var q in e.Qualifications.GroupBy(q => q.Kind))
        {
            var latest = q.Max(x => x.Year);
            if (latest is { } y && QualificationExpiring(q.Key, y, today))
                yield return new("qualification", $"qualification:{m.Id}:{q.Key}:{y}",
                    $"{QualificationNames[q.Key]}资格（{y}年认定）有效期至{y + ValidYears(q.Key) - 1}年底，请关注复审。");
        }
        var figures = e.Indicators.Where(i => i.Revenue is not null).OrderByDescending(i => i.Year).Take(2).ToList();
        if (figures.Count == 2 && figures[0].Year == figures[1].Year + 1
            && SharpDrop(figures[1].Revenue, figures[0].Revenue) is { } drop)
            yield return new("drop", $"drop:{m.Id}:{figures[0].Year}",
                $"{figures[0].Year}年营业收入较上年下降{Math.Round(drop * 100, 1)}%。");
        if (FilingMissed(e.Indicators.Select(i => i.Year), today))
            yield return new("filing", $"filing:{m.Id}:{today.Year - 1}", $"{today.Year - 1}年度数据逾期未报。");
        foreach (var c in complaints.Where(c => ComplaintRecent(c.ReceivedOn, today)))
            yield return new("complaint", $"complaint:{m.Id}:{c.Id}",
                $"{c.ReceivedOn:yyyy-MM-dd}收到投诉：{c.Summary}");
    }
}
