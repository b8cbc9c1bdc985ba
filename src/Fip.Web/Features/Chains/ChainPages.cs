using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Chains;

/// <summary>/Chains: every track's coverage and strength.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(ChainQueries queries, FipDbContext db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ChainCoverageDto> Coverage { get; private set; } = [];
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }

    /// <summary>Admins: recompute suggestions for every enterprise now (otherwise `fip chains suggest` or the API).</summary>
    public async Task<IActionResult> OnPostSuggestAsync([FromServices] ChainSuggester suggester,
        [FromServices] IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded) return Forbid();
        var report = await suggester.RunAsync(ct: ct);
        TempData["Flash"] = l["Chains.SuggestionsRun", report.Enterprises, report.Suggestions].Value;
        return Redirect("/Chains");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        if (District is { } d && Districts.All(x => x.Id != d)) District = null;
        Coverage = await queries.CoverageAsync(District, ct);
        IsAdmin = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
    }
}

/// <summary>/Chains/Track/{id}: the map of one track's chain, its gaps, and (admins) adding links.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TrackModel(ChainQueries queries, ChainCommands commands, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l, IEnumerable<IChainGapLeads> gapLeads) : PageModel
{
    /// <summary>招商 leads per link (the gap panel's counts).</summary>
    public IReadOnlyDictionary<int, int> LeadCounts { get; private set; } = new Dictionary<int, int>();
    /// <summary>Whether the user may add a 招商 lead (the units that answer for work, and admins).</summary>
    public bool CanAddLead => Policies.Allows(User, Policies.Responsible);
    /// <summary>How long the rendered map is kept unused (<c>Track.cshtml</c>'s cache).</summary>
    public static readonly TimeSpan RenderedFor = TimeSpan.FromMinutes(10);
    /// <summary>The kept view the page shows (its map without pending suggestions: <see cref="Map"/> has them).</summary>
    public ChainMapView View { get; private set; } = null!;
    public ChainMapDto Map { get; private set; } = null!;
    public IReadOnlyList<GapDto> Gaps => View.Gaps;
    public IReadOnlyList<District> Districts => View.Districts;
    /// <summary>Pending suggestions per link, read per request (no stamp moves with a suggestion).</summary>
    public IReadOnlyDictionary<int, int> Pending { get; private set; } = new Dictionary<int, int>();
    public bool IsAdmin { get; private set; }

    /// <summary>
    /// What the rendered map and lists depend on (<c>Track.cshtml</c> keeps them under it, per language): the kept view, and what
    /// is read per request (pending suggestions and leads per link), the link to open and whether the reader may add a lead.
    /// </summary>
    public string RenderedKey => string.Join('|', View.RenderKey, Link?.ToString(CultureInfo.InvariantCulture), CanAddLead ? "lead" : "",
        Counts(Pending), Counts(LeadCounts));

    private static string Counts(IReadOnlyDictionary<int, int> counts) =>
        string.Join(',', counts.Where(c => c.Value != 0).OrderBy(c => c.Key)
            .Select(c => FormattableString.Invariant($"{c.Key}:{c.Value}")));
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    /// <summary>The link whose panel opens with the page (after a decision on its suggestions).</summary>
    [BindProperty(SupportsGet = true)] public int? Link { get; set; }
    [BindProperty] public LinkForm Input { get; set; } = new();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.KeptMapAsync(id, District, ct) is not { } view) return false;
        View = view;
        if (District is { } d && Districts.All(x => x.Id != d)) District = null;
        Pending = await queries.PendingAsync(id, ct);
        Map = ChainQueries.WithPending(view.Map, Pending);
        if (gapLeads.FirstOrDefault() is { } leads) LeadCounts = await leads.CountsAsync(id, ct);
        IsAdmin = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        return true;
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        // The tree is the admins' (Policies.Admin), whatever the page's own rule.
        if (!(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded) return Forbid();
        var result = await commands.AddAsync(id, Input.ToInput(), ct);
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        if (result.IsOk)
        {
            TempData["Flash"] = l["Chains.LinkAdded", Input.Name ?? ""].Value;
            return Redirect($"/Chains/Track/{id}?link={result.Value!.Id}");
        }
        Error = result.Summary(l);
        await LoadAsync(id, ct);
        return Page();
    }
}

/// <summary>The fields of a link as a form sends them.</summary>
public sealed class LinkForm
{
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public ChainPosition? Position { get; set; }
    public int? ParentId { get; set; }
    public string? Terms { get; set; }
    public int? SortOrder { get; set; }
    public LinkInput ToInput() => new(Name, NameEn, Position, ParentId, Terms, SortOrder);
}

/// <summary>/Chains/Link/{id}: a link's enterprises, products and suggestions; linking by hand; deciding on suggestions.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LinkModel(ChainQueries queries, ChainCommands commands, FipDbContext db, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public LinkDetailDto Detail { get; private set; } = null!;
    public bool CanLink { get; private set; }
    public bool IsAdmin { get; private set; }
    public bool IsPanel { get; private set; }
    public int? UserDistrict { get; private set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A merged link lives on in its target.
        if (Detail.MergedIntoId is { } target) return Redirect($"/Chains/Link/{target}");
        return Page();
    }

    /// <summary>The same content without the layout, for the panel beside the map.</summary>
    public async Task<IActionResult> OnGetPanelAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        IsPanel = true;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (District is { } d && !await db.Districts.AnyAsync(x => x.Id == d, ct)) District = null;
        if (await queries.LinkAsync(id, District, 100, ct) is not { } detail) return false;
        Detail = detail;
        CanLink = (await authorization.AuthorizeAsync(User, Policies.DistrictWrite)).Succeeded;
        IsAdmin = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        UserDistrict = User.DistrictId();
        return true;
    }

    private string Back(int id, string? returnTo) =>
        returnTo == "map"
            ? $"/Chains/Track/{Detail.TrackId}?link={id}" + (District is { } d ? $"&district={d}" : "")
            : $"/Chains/Link/{id}";

    private async Task<IActionResult> OutcomeAsync(int id, Outcome<ChainChange> result, string done, string? returnTo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        switch (result.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Invalid: TempData["Flash"] = result.Summary(l); break;
            default: TempData["Flash"] = done; break;
        }
        return Redirect(Back(id, returnTo));
    }

    public async Task<IActionResult> OnPostLinkAsync(int id, string? creditCode, string? returnTo, CancellationToken ct) =>
        await OutcomeAsync(id, await commands.LinkAsync(id, null, creditCode, User, ct), l["Chains.Linked"], returnTo, ct);

    public async Task<IActionResult> OnPostUnlinkAsync(int id, int enterpriseId, string? returnTo, CancellationToken ct) =>
        await OutcomeAsync(id, await commands.UnlinkAsync(id, enterpriseId, User, ct), l["Chains.Unlinked"], returnTo, ct);

    /// <summary>One suggestion (suggestion=…) or the ticked ones (ids=…), accepted or rejected.</summary>
    public async Task<IActionResult> OnPostDecideAsync(int id, int? suggestion, int[]? ids, string decision, string? returnTo,
        CancellationToken ct)
    {
        var chosen = suggestion is { } one ? [one] : ids ?? [];
        var accept = decision == "accept";
        var result = await commands.DecideAsync(chosen, accept, User, ct);
        return await OutcomeAsync(id, result, l[accept ? "Chains.Accepted" : "Chains.Rejected", result.Value?.Count ?? 0], returnTo, ct);
    }
}

/// <summary>/Chains/Edit/{id}: rename, move, re-term, merge a link. Admins only.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(ChainQueries queries, ChainCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    public LinkDetailDto Detail { get; private set; } = null!;
    public IReadOnlyList<ChainNodeDto> Others { get; private set; } = [];
    [BindProperty] public LinkForm Input { get; set; } = new();
    [BindProperty] public int? MergeInto { get; set; }
    public string? Error { get; private set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.LinkAsync(id, null, 0, ct) is not { MergedIntoId: null } detail) return false;
        Detail = detail;
        Others = [.. ChainQueries.Ordered((await queries.MapAsync(detail.TrackId, null, ct))!.Nodes).Where(n => n.Id != id)];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var n = Detail.Link;
        Input = new LinkForm
        {
            Name = n.Name,
            NameEn = n.NameEn,
            Position = n.Position,
            ParentId = n.ParentId ?? 0,
            Terms = string.Join("、", n.Terms),
            SortOrder = n.SortOrder
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await commands.UpdateAsync(id, Input.ToInput(), ct);
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        if (result.IsOk)
        {
            TempData["Flash"] = l["Chains.Saved"].Value;
            return Redirect($"/Chains/Link/{id}");
        }
        Error = result.Summary(l);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, CancellationToken ct)
    {
        if (MergeInto is not { } into)
        {
            Error = l["Chains.Error.MergeTargetRequired"]; return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var result = await commands.MergeAsync(id, into, ct);
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        if (result.IsOk)
        {
            TempData["Flash"] = l["Chains.Merged", result.Value?.Count ?? 0].Value;
            return Redirect($"/Chains/Link/{into}");
        }
        Error = result.Summary(l);
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new LinkForm
        {
            Name = Detail.Link.Name,
            NameEn = Detail.Link.NameEn,
            Position = Detail.Link.Position,
            ParentId = Detail.Link.ParentId ?? 0,
            Terms = string.Join("、", Detail.Link.Terms),
            SortOrder = Detail.Link.SortOrder
        };
        return Page();
    }
}
