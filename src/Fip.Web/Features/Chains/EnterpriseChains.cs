using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Chains;

/// <summary>An enterprise's chain links, its pending suggestions and the links it could be put on.</summary>
public sealed record EnterpriseChainsView(int EnterpriseId, IReadOnlyList<(int Id, string Track, string Link)> Links,
    IReadOnlyList<SuggestionDto> Suggestions, IReadOnlyList<(int Id, string Label)> Choices, bool CanLink);

/// <summary>
/// The chains panel of an enterprise's record page (<c>Component.InvokeAsync("EnterpriseChains", …)</c>): the registries'
/// page names it, the chains feature draws it, so the registries never depend on the chains.
/// </summary>
public sealed class EnterpriseChainsViewComponent(ChainQueries queries, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int enterpriseId, bool canEdit)
    {
        var (links, suggestions, choices) = await queries.ForEnterpriseAsync(enterpriseId, HttpContext.RequestAborted);
        var canLink = canEdit && (await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.DistrictWrite)).Succeeded;
        return View("/Features/Chains/_EnterpriseChains.cshtml",
            new EnterpriseChainsView(enterpriseId, links, suggestions, choices, canLink));
    }
}

/// <summary>
/// /Chains/Enterprise/{id}: the panel's forms post here, to put the enterprise on a link or decide one of its suggestions
/// (district users: their district's enterprises; checked by the commands), and return to the record page.
/// </summary>
[Authorize(Policy = Policies.DistrictWrite)]
public sealed class EnterpriseModel(ChainCommands commands, FipDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    private IActionResult BackTo(int id) => Redirect($"/Registries/{EnterpriseRegistry.Key}/{id}");

    public IActionResult OnGet(int id) => BackTo(id);

    public async Task<IActionResult> OnPostLinkAsync(int id, int? linkId, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Id == id && !e.IsDeleted, ct)) return NotFound();
        if (linkId is not { } link) { TempData["Flash"] = l["Chains.ChooseLink"].Value; return BackTo(id); }
        return Done(await commands.LinkAsync(link, id, null, User, ct), id, l["Chains.Linked"]);
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, int suggestion, string decision, CancellationToken ct)
    {
        // Only this enterprise's suggestions are decided from its page.
        if (!await db.ChainSuggestions.AnyAsync(s => s.Id == suggestion && s.EnterpriseId == id, ct)) return NotFound();
        var accept = decision == "accept";
        var result = await commands.DecideAsync([suggestion], accept, User, ct);
        return Done(result, id, l[accept ? "Chains.Accepted" : "Chains.Rejected", result.Value?.Count ?? 0]);
    }

    private IActionResult Done(Outcome<ChainChange> result, int id, string done)
    {
        switch (result.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Invalid: TempData["Flash"] = result.Summary(l); break;
            default: TempData["Flash"] = done; break;
        }
        return BackTo(id);
    }
}
