using System.Text.Json;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Finance;

/// <summary>融资看板: investment and loans by track, district and stage, and first loans, from the finance registries.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(FinanceDashboard dashboard, FinancingNeedService needs) : PageModel
{
    /// <summary>How many of the oldest open needs the dashboard lists (the needs page lists them all, page by page).</summary>
    public const int OldestShown = 20;

    public FinanceFigures Figures { get; private set; } = null!;
    public NeedSums NeedSums { get; private set; } = null!;
    public IReadOnlyList<UnmetNeed> OldestNeeds { get; private set; } = [];
    public int UnmetDays => needs.UnmetDays;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await dashboard.FiguresAsync(ct);
        NeedSums = await needs.SumsAsync(ct);
        OldestNeeds = (await needs.PageAsync(new NeedFilter(), 1, OldestShown, ct, NeedSums.Open.Count)).Items;
    }

    /// <summary>The needs page listing a row's open needs (or only its overdue ones).</summary>
    public static string NeedsLink(string? by, NeedSumRow? row, bool overdue)
    {
        var query = new List<string>();
        if (by == "track" && row is not null) query.Add("track=" + FinancingNeedService.TrackKey(row.Id));
        if (by == "district" && row?.Id is { } d) query.Add("district=" + d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (overdue) query.Add("overdue=true");
        return "/Finance/Needs" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    /// <summary>A stacked-bar chart's data (charts.js "stack"): investment and loan amounts per category.</summary>
    public static string ChartJson(IReadOnlyList<FinanceRow> investments, IReadOnlyList<FinanceRow> loans, string investmentName,
        string loanName)
    {
        var names = investments.Select(r => r.Name).Concat(loans.Select(r => r.Name)).Distinct(StringComparer.Ordinal).ToList();
        decimal Of(IReadOnlyList<FinanceRow> rows, string name) => rows.FirstOrDefault(r => r.Name == name)?.Amount ?? 0;
        return JsonSerializer.Serialize(new
        {
            categories = names,
            series = new[]
            {
                new { name = investmentName, data = names.Select(n => Of(investments, n)).ToList() },
                new { name = loanName, data = names.Select(n => Of(loans, n)).ToList() },
            }.Where(s => s.data.Any(v => v > 0)),
        });
    }
}
