using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Investment;

/// <summary>A choice in a dropdown: its value and its text.</summary>
public sealed record Choice(string Value, string Text);

/// <summary>/Investment: the leads, filtered by track, stage and owner unit (value <c>department:ID</c> or <c>district:ID</c>).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(LeadService service, FipDbContext db) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }
    [BindProperty(SupportsGet = true)] public LeadStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public int? Link { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<InvestmentLead> Leads { get; private set; } = [];
    public IReadOnlyList<Choice> Tracks { get; private set; } = [];
    public IReadOnlyList<Choice> Owners { get; private set; } = [];
    public DateOnly Today => service.Today;
    public bool CanCreate => LeadService.CanCreate(User);
    public LeadFilter Filter { get; private set; } = new();

    /// <summary>The query string of the filters (for the export and the pages).</summary>
    public string Query => string.Join("&", new[]
    {
        Filter.TrackId is { } t ? $"trackId={t}" : null, Filter.Stage is { } s ? $"stage={s}" : null,
        Filter.DepartmentId is { } d ? $"departmentId={d}" : null, Filter.DistrictId is { } di ? $"districtId={di}" : null,
        Filter.ChainLinkId is { } l ? $"chainLinkId={l}" : null,
    }.Where(x => x is not null));

    /// <summary>The list's address with its filters, at page <paramref name="page"/>.</summary>
    public string PageUrl(int page) => "/Investment?" + string.Join("&", new[]
    {
        Track is { } t ? $"track={t}" : null, Stage is { } s ? $"stage={s}" : null,
        Owner is { Length: > 0 } o ? "owner=" + Uri.EscapeDataString(o) : null, Link is { } l ? $"link={l}" : null, $"p={page}",
    }.Where(x => x is not null));

    public static (int? Department, int? District) ParseOwner(string? owner)
    {
        var parts = owner?.Split(':') ?? [];
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return (null, null);
        return parts[0] switch { "department" => (id, null), "district" => (null, id), _ => (null, null) };
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (department, district) = ParseOwner(Owner);
        Filter = new LeadFilter(Track, Stage, department, district, Link);
        PageNumber = Paging.ClampPage(PageNumber);
        (Total, var items) = await service.ListAsync(Filter, PageNumber, PageSize, ct);
        Leads = items;
        Tracks = await LeadChoices.TracksAsync(db, ct);
        Owners = await LeadChoices.OwnersAsync(db, ct);
    }
}

/// <summary>The dropdowns' choices: tracks with a chain map, and the owner units (departments, then districts).</summary>
public static class LeadChoices
{
    public static async Task<IReadOnlyList<Choice>> TracksAsync(FipDbContext db, CancellationToken ct) =>
        [.. (await db.Tracks.AsNoTracking().Where(t => db.ChainLinks.Any(l => l.TrackId == t.Id)).OrderBy(t => t.SortOrder)
            .ThenBy(t => t.Id).ToListAsync(ct)).Select(t => new Choice(t.Id.ToString(CultureInfo.InvariantCulture),
                Display.Name(t.Name, t.NameEn)))];

    public static async Task<IReadOnlyList<Choice>> OwnersAsync(FipDbContext db, CancellationToken ct) =>
    [
        .. (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct))
            .Select(d => new Choice($"department:{d.Id.ToString(CultureInfo.InvariantCulture)}", d.Name)),
        .. (await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct))
            .Select(d => new Choice($"district:{d.Id.ToString(CultureInfo.InvariantCulture)}", d.Name)),
    ];

    /// <summary>The leaf links of a track's chain map (a lead names the link it would fill), as "track · link".</summary>
    public static async Task<IReadOnlyList<Choice>> LinksAsync(FipDbContext db, CancellationToken ct) =>
        [.. (await db.ChainLinks.AsNoTracking().Include(l => l.Track).Where(l => l.MergedIntoId == null)
            .OrderBy(l => l.Track.SortOrder).ThenBy(l => l.TrackId).ThenBy(l => l.SortOrder).ThenBy(l => l.Id).ToListAsync(ct))
            .Select(l => new Choice(l.Id.ToString(CultureInfo.InvariantCulture),
                $"{Display.Name(l.Track.Name, l.Track.NameEn)} · {Display.Name(l.Name, l.NameEn)}"))];
}

/// <summary>The fields of the lead form.</summary>
public sealed class LeadForm
{
    public string? EnterpriseName { get; set; }
    public string? CreditCode { get; set; }
    public string? HomeCity { get; set; }
    public string? Source { get; set; }
    public int? ChainLinkId { get; set; }
    public string? Owner { get; set; }
    public decimal? PlannedInvestment { get; set; }
    public string? Version { get; set; }

    public LeadInput ToInput()
    {
        var (department, district) = IndexModel.ParseOwner(Owner);
        return new(EnterpriseName, CreditCode, HomeCity, Source, ChainLinkId, department, district, PlannedInvestment, Version);
    }

    public static LeadForm Of(InvestmentLead x) => new()
    {
        EnterpriseName = x.EnterpriseName,
        CreditCode = x.CreditCode,
        HomeCity = x.HomeCity,
        Source = x.Source,
        ChainLinkId = x.ChainLinkId,
        Owner = x.OwnerDepartmentId is { } d ? $"department:{d}" : $"district:{x.OwnerDistrictId}",
        PlannedInvestment = x.PlannedInvestment,
        Version = x.Version,
    };
}

/// <summary>/Investment/Lead/{id}: a lead with its contact history and stage moves, and the forms to change it;
/// /Investment/Lead?link=N: a new lead for a chain link (from the chain map's gap panel).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LeadModel(LeadService service, FipDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public InvestmentLead? Lead { get; private set; }
    [BindProperty] public LeadForm Form { get; set; } = new();
    [BindProperty] public ContactInput? Contact { get; set; }
    [BindProperty] public StageInput? Move { get; set; }
    [BindProperty(SupportsGet = true)] public int? Link { get; set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<Choice> Links { get; private set; } = [];
    public IReadOnlyList<Choice> Owners { get; private set; } = [];
    public DateOnly Today => service.Today;
    public bool CanEdit => Lead is null ? LeadService.CanCreate(User) : LeadService.CanEdit(User, Lead);
    public bool ChoosesOwner => User.Role() == Roles.Admin;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Lead is null && !CanEdit) return Forbid();
        Form = Lead is null ? new LeadForm { ChainLinkId = Link } : LeadForm.Of(Lead);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken ct)
    {
        var result = id is { } existing ? await service.UpdateAsync(existing, Form.ToInput(), User, ct)
            : await service.CreateAsync(Form.ToInput(), User, ct);
        return await DoneAsync(id, result, "Leads.Saved", ct);
    }

    public async Task<IActionResult> OnPostContactAsync(long id, CancellationToken ct) =>
        await DoneAsync(id, await service.AddContactAsync(id, Contact ?? new(null, null, null, null, null), User, ct),
            "Leads.ContactAdded", ct);

    public async Task<IActionResult> OnPostStageAsync(long id, CancellationToken ct) =>
        await DoneAsync(id, await service.MoveAsync(id, Move ?? new(null, null, null), User, ct), "Leads.Moved", ct);

    private async Task<IActionResult> DoneAsync(long? id, Outcome<InvestmentLead> result, string flash, CancellationToken ct)
    {
        switch (result.Status.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = l[flash].Value;
                return LocalRedirect($"/Investment/Lead/{result.Value!.Id.ToString(CultureInfo.InvariantCulture)}");
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        Errors = result.Status.Messages(l);
        if (result.Status.Kind == OutcomeKind.Conflict) Errors[""] = [result.Status.Summary(l)];
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = result.Status.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        if (id is { } existing && (Lead = await service.GetAsync(existing, ct)) is null) return false;
        Links = await LeadChoices.LinksAsync(db, ct);
        Owners = await LeadChoices.OwnersAsync(db, ct);
        return true;
    }
}

/// <summary>/Investment/Funnel: per track, the leads at each stage and their planned investment.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FunnelModel(LeadService service) : PageModel
{
    public IReadOnlyList<FunnelRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await service.FunnelAsync(ct);

    /// <summary>The leads now at each stage, over all tracks (the table's counts: each lead once, at its own stage).</summary>
    public static IReadOnlyList<int> AtStage(IReadOnlyList<FunnelRow> rows) =>
        [.. Enum.GetValues<LeadStage>().Select(s => rows.Sum(r => r.Counts.GetValueOrDefault(s)))];

    /// <summary>
    /// The leads that reached each stage, over all tracks: a lead counts at its own stage and at every stage before it (a
    /// landed project was also contacted, negotiated and signed), so each step is at most the one above it.
    /// </summary>
    public static IReadOnlyList<int> Reached(IReadOnlyList<FunnelRow> rows)
    {
        var at = AtStage(rows);
        var reached = new int[at.Count];
        for (int i = at.Count - 1, sum = 0; i >= 0; i--) reached[i] = sum += at[i];
        return reached;
    }

    /// <summary>The funnel chart's data (charts.js "funnel"): the stages' names and the leads that reached each.</summary>
    public static string ChartJson(IReadOnlyList<FunnelRow> rows, Func<string, string> label) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            steps = Enum.GetValues<LeadStage>().Select(s => label("Leads.Stage." + s)),
            total = Reached(rows),
        });
}
