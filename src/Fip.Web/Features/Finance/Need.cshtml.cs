using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Finance;

/// <summary>
/// A financing need: what the enterprise asks for, the funds and banks it matches with why, and its outcome. The finance office
/// (and admins) record the outcome here; the enterprise sees its own need and its matches.
/// </summary>
[Authorize(Policy = Policies.FinancingNeeds)]
public sealed class NeedModel(FinancingNeedService service, FipDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public FinancingNeed Need { get; private set; } = null!;
    public IReadOnlyList<NeedMatch> Matches { get; private set; } = [];
    public IReadOnlyList<Investment> Investments { get; private set; } = [];
    public IReadOnlyList<Loan> Loans { get; private set; } = [];
    public bool MayDecide { get; private set; }
    public bool Overdue { get; private set; }
    public int UnmetDays => service.UnmetDays;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await service.FindAsync(id, User, ct) is not { } need) return NotFound();
        Need = need;
        Matches = await FinancingMatch.ForAsync(db, need, ct);
        MayDecide = FinancingNeedService.MayDecide(User, need) && need.Status == NeedStatus.Open;
        Overdue = need.Status == NeedStatus.Open && FinancingNeedService.Overdue(need.PostedOn, service.Today, service.UnmetDays);
        if (MayDecide) (Investments, Loans) = await service.CandidatesAsync(need.EnterpriseId, ct);
        return Page();
    }

    /// <summary>The outcome form: <paramref name="source"/> is "i{id}" (an investment) or "l{id}" (a loan) when funded.</summary>
    public async Task<IActionResult> OnPostAsync(int id, string? status, string? source, string? reason, string? version,
        CancellationToken ct)
    {
        int? Id(char kind) => source is { Length: > 1 } s && s[0] == kind && int.TryParse(s[1..], out var v) ? v : null;
        var result = await service.RecordOutcomeAsync(id, new NeedOutcomeInput(status, Id('i'), Id('l'), reason, version), null, User, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok: TempData["Flash"] = l["Finance.OutcomeRecorded"].Value; break;
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            default:
                TempData["Error"] = string.Join(" ", result.Messages(l).Values.SelectMany(v => v).DefaultIfEmpty(result.Summary(l)));
                break;
        }
        return LocalRedirect($"/Finance/Need/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
