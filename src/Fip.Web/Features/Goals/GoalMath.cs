using Fip.Web.Features.Plans;

namespace Fip.Web.Features.Goals;

/// <summary>已达成 met, 正常 on track, 关注 at risk, 滞后 behind; NoTarget for goals without a number (一批…).</summary>
public enum GoalStatus
{
    Met,
    OnTrack,
    AtRisk,
    Behind,
    NoTarget,
}

/// <summary>A value of an indicator for a month (the first day of the month stands for it).</summary>
public sealed record SeriesPoint(DateOnly Month, decimal Value);

/// <summary>How an indicator is expected to stand at the end of its target year, and from what.</summary>
public sealed record Projection(
    decimal Current,
    decimal MonthlySlope,
    int MonthsLeft,
    decimal TrendAdditions,
    decimal Pipeline,
    decimal PipelineRate,
    decimal PipelineAdditions,
    decimal Projected,
    int PointsUsed,
    bool TargetYearOver = false);

/// <summary>
/// The projection and status rules, stated on the goals page:
/// <list type="bullet">
/// <item>Trend: least-squares slope per month over the last <see cref="TrendWindow"/> monthly points, times the months left to
/// the end of the target year.</item>
/// <item>Pipeline: records on their way (parks at 规划, products at 样机/定型, scenarios at 早期验证…) times the indicator's
/// conversion rate.</item>
/// <item>Projected value = current + the larger of the two (they estimate the same flow, so they are not added), never below 0.</item>
/// <item>Status for "at least" goals: 已达成 when the current value meets the target; otherwise 正常 when the projection reaches
/// it, 关注 when it reaches at least <see cref="AtRiskShare"/> of it, 滞后 below that or once the target year is over.
/// "At most" goals mirror this with <see cref="AtMostTolerance"/>.</item>
/// </list>
/// </summary>
public static class GoalMath
{
    public const int TrendWindow = 12;
    public const decimal AtRiskShare = 0.8m;
    public const decimal AtMostTolerance = 1.2m;
    public const decimal AboutShare = 0.95m;

    /// <summary>Least-squares slope of the values per month; 0 with fewer than two points.</summary>
    public static decimal MonthlySlope(IReadOnlyList<SeriesPoint> points)
    {
        var window = points.OrderBy(p => p.Month).TakeLast(TrendWindow).ToList();
        if (window.Count < 2) return 0;
        var xs = window.Select(p => (decimal)MonthIndex(p.Month)).ToList();
        var ys = window.Select(p => p.Value).ToList();
        var mx = xs.Average();
        var my = ys.Average();
        decimal sxy = 0, sxx = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /// <summary>Whole months from <paramref name="today"/>'s month to December of <paramref name="year"/>; 0 once it is over.</summary>
    public static int MonthsLeft(DateOnly today, int year) => Math.Max(0, ((year - today.Year) * 12) + (12 - today.Month));

    public static Projection Project(decimal current, IReadOnlyList<SeriesPoint> history, decimal pipeline, decimal pipelineRate,
        DateOnly today, int? targetYear)
    {
        var slope = MonthlySlope(history);
        var months = targetYear is { } y ? MonthsLeft(today, y) : 12;
        // Once the target year is over nothing more can arrive in it: the projection is the value, the pipeline adds nothing.
        var over = targetYear is { } ty && today.Year > ty;
        var trend = Math.Round(slope * months, 2);
        var fromPipeline = over ? 0 : Math.Round(pipeline * pipelineRate, 2);
        var projected = Math.Max(0, current + Math.Max(trend, fromPipeline));
        return new Projection(current, Math.Round(slope, 4), months, trend, pipeline, pipelineRate, fromPipeline, Math.Round(projected, 2),
            Math.Min(history.Count, TrendWindow), over);
    }

    public static bool IsMet(Comparator? comparator, decimal target, decimal value) => comparator switch
    {
        Comparator.AtMost => value <= target,
        Comparator.About => value >= target * AboutShare,
        _ => value >= target,
    };

    public static GoalStatus Status(Comparator? comparator, decimal? target, int? year, decimal current, decimal projected, DateOnly today)
    {
        if (target is not { } t) return GoalStatus.NoTarget;
        var over = year is { } y && today.Year > y;
        if (comparator == Comparator.AtMost)
        {
            if (over) return current <= t ? GoalStatus.Met : GoalStatus.Behind;
            if (projected <= t) return current <= t ? GoalStatus.Met : GoalStatus.OnTrack;
            return projected <= t * AtMostTolerance ? GoalStatus.AtRisk : GoalStatus.Behind;
        }
        if (IsMet(comparator, t, current)) return GoalStatus.Met;
        if (over) return GoalStatus.Behind;
        if (t <= 0 || projected >= t) return GoalStatus.OnTrack;
        return projected >= t * AtRiskShare ? GoalStatus.AtRisk : GoalStatus.Behind;
    }

    private static int MonthIndex(DateOnly d) => (d.Year * 12) + d.Month - 1;
}
