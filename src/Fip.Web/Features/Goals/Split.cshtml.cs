using System.Globalization;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

/// <summary>/Goals/Split/{id}: the task force splits a target among the districts (目标分解到板块).</summary>
public sealed class SplitModel(DistrictTargets splits, IStringLocalizer<SharedResource> l) : PageModel
{
    public TargetSplit Split { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>What the form showed, kept when it is refused.</summary>
    public IReadOnlyDictionary<int, string?> Entered { get; private set; } = new Dictionary<int, string?>();
    [BindProperty] public string? Version { get; set; }

    public string ValueOf(int district) => Entered.TryGetValue(district, out var text) ? text ?? ""
        : Split.ShareOf(district) is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await splits.GetAsync(id, ct) is not { } split) return NotFound();
        Split = split;
        MayEdit = await splits.MayEditAsync(User, split.Target, ct);
        Version = split.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await splits.GetAsync(id, ct) is not { } split) return NotFound();
        var input = split.Districts.ToDictionary(d => d.Id,
            d => (string?)Request.Form["district" + d.Id.ToString(CultureInfo.InvariantCulture)].ToString());
        var result = await splits.SaveAsync(id, input, Version, User, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = result.Value!.Balance switch
                {
                    SplitBalance.Below => l["Split.SavedBelow", Display.Number(result.Value.Sum), Display.Number(split.Target.Value)].Value,
                    SplitBalance.Above => l["Split.SavedAbove", Display.Number(result.Value.Sum), Display.Number(split.Target.Value)].Value,
                    _ => l["Split.Saved"].Value,
                };
                return Redirect($"/Goals/Split/{id.ToString(CultureInfo.InvariantCulture)}");
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Forbidden:
                return Forbid();
            default:
                Split = split;
                MayEdit = true;
                Entered = input;
                Errors = result.Kind == OutcomeKind.Conflict
                    ? new Dictionary<string, string> { [""] = l["Error.Stale"].Value }
                    : result.Messages(l).ToDictionary(kv => kv.Key, kv => string.Join(" ", kv.Value));
                Response.StatusCode = result.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
