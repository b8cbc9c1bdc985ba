using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Investment;

/// <summary>The fields of a lead as a form or the API sends them. The owner unit is the user's own unit for department and
/// district users; an admin names a department or a district.</summary>
public sealed record LeadInput(string? EnterpriseName, string? CreditCode, string? HomeCity, string? Source, int? ChainLinkId,
    int? OwnerDepartmentId, int? OwnerDistrictId, decimal? PlannedInvestment, string? Version = null);

/// <summary>A dated contact with the target enterprise.</summary>
public sealed record ContactInput(DateOnly? On, string? Who, ContactMethod? Method, string? Summary, string? NextStep,
    string? Version = null);

/// <summary>A stage move; landing names the local enterprise record by its credit code (the lead's own code when left out).</summary>
public sealed record StageInput(LeadStage? To, string? Reason, string? LandedEnterpriseUscc, string? Version = null);

/// <summary>The lead list's filters (owner: a department or a district).</summary>
public sealed record LeadFilter(int? TrackId = null, LeadStage? Stage = null, int? DepartmentId = null, int? DistrictId = null,
    int? ChainLinkId = null);

/// <summary>One track's funnel: leads per stage and the planned investment of each stage (万元).</summary>
public sealed record FunnelRow(int TrackId, string Track, string? TrackEn, IReadOnlyDictionary<LeadStage, int> Counts,
    IReadOnlyDictionary<LeadStage, decimal> Investment)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// The 招商 lead registry: staff read every lead; the owner unit's users and admins create and change them (the scope rule of
/// <see cref="ScopeAuthorizationHandler"/>). Every write is one save (audited by the interceptors) and checks the version read.
/// </summary>
public sealed class LeadService(FipDbContext db, TimeProvider clock)
{
    public DateOnly Today => Display.Today(clock);

    public static bool CanEdit(ClaimsPrincipal user, InvestmentLead lead) =>
        user.Role() is Roles.Admin or Roles.Department or Roles.District
        && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, lead);

    /// <summary>Who may add a lead at all (the owner unit is then their own).</summary>
    public static bool CanCreate(ClaimsPrincipal user) => Policies.Allows(user, Policies.Responsible);

    private IQueryable<InvestmentLead> Read() => db.Set<InvestmentLead>().AsNoTracking()
        .Include(x => x.ChainLink).ThenInclude(c => c.Track).Include(x => x.OwnerDepartment).Include(x => x.OwnerDistrict)
        .Include(x => x.LandedEnterprise);

    public static IQueryable<InvestmentLead> Filter(IQueryable<InvestmentLead> q, LeadFilter f)
    {
        if (f.TrackId is { } t) q = q.Where(x => x.ChainLink.TrackId == t);
        if (f.Stage is { } s) q = q.Where(x => x.Stage == s);
        if (f.DepartmentId is { } d) q = q.Where(x => x.OwnerDepartmentId == d);
        if (f.DistrictId is { } di) q = q.Where(x => x.OwnerDistrictId == di);
        if (f.ChainLinkId is { } l) q = q.Where(x => x.ChainLinkId == l);
        return q;
    }

    public async Task<(int Total, List<InvestmentLead> Items)> ListAsync(LeadFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var q = Filter(Read(), filter);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(x => x.ChainLink.TrackId).ThenByDescending(x => x.Stage).ThenBy(x => x.EnterpriseName)
            .ThenBy(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (total, items);
    }

    public Task<InvestmentLead?> GetAsync(long id, CancellationToken ct) => Read()
        .Include(x => x.Contacts.OrderByDescending(c => c.On).ThenByDescending(c => c.Id))
        .Include(x => x.StageChanges.OrderByDescending(c => c.At).ThenByDescending(c => c.Id))
        .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>Leads per chain link of a track (the gap panel's counts).</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountsByLinkAsync(int trackId, CancellationToken ct) =>
        await db.Set<InvestmentLead>().Where(x => x.ChainLink.TrackId == trackId).GroupBy(x => x.ChainLinkId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>The funnel: per track with leads, how many at each stage and the planned investment there.</summary>
    public async Task<IReadOnlyList<FunnelRow>> FunnelAsync(CancellationToken ct)
    {
        var rows = await db.Set<InvestmentLead>().GroupBy(x => new { x.ChainLink.TrackId, x.Stage })
            .Select(g => new { g.Key.TrackId, g.Key.Stage, Count = g.Count(), Sum = g.Sum(x => x.PlannedInvestment) ?? 0 })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.TrackId).Distinct().ToList();
        var tracks = await db.Tracks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        return [.. tracks.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => new FunnelRow(t.Id, t.Name, t.NameEn,
            Enum.GetValues<LeadStage>().ToDictionary(s => s, s => rows.Where(r => r.TrackId == t.Id && r.Stage == s).Sum(r => r.Count)),
            Enum.GetValues<LeadStage>().ToDictionary(s => s, s => rows.Where(r => r.TrackId == t.Id && r.Stage == s).Sum(r => r.Sum))))];
    }

    public async Task<Outcome<InvestmentLead>> CreateAsync(LeadInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CanCreate(user)) return Outcome.Forbidden;
        var lead = new InvestmentLead
        {
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user.Identity?.Name ?? "",
            LastContactOn = Today,
        };
        if (await ApplyAsync(lead, input, user, ct) is { } invalid) return invalid;
        lead.UpdatedAt = lead.CreatedAt;
        db.Add(lead);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(lead);
    }

    public async Task<Outcome<InvestmentLead>> UpdateAsync(long id, LeadInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var (lead, refusal) = await ForChangeAsync(id, input.Version, user, ct);
        if (refusal is not null) return refusal;
        if (await ApplyAsync(lead!, input, user, ct) is { } invalid) return invalid;
        await SaveChangedAsync(lead!, ct);
        return Outcome.Ok(lead!);
    }

    public async Task<Outcome<InvestmentLead>> AddContactAsync(long id, ContactInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var (lead, refusal) = await ForChangeAsync(id, input.Version, user, ct);
        if (refusal is not null) return refusal;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.On is not { } on) errors["on"] = "Leads.Error.ContactOn";
        else if (on > Today) errors["on"] = "Leads.Error.ContactFuture";
        if (string.IsNullOrWhiteSpace(input.Who)) errors["who"] = "Leads.Error.Who";
        if (input.Method is null || !Enum.IsDefined(input.Method.Value)) errors["method"] = "Leads.Error.Method";
        if (string.IsNullOrWhiteSpace(input.Summary)) errors["summary"] = "Leads.Error.Summary";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        db.Add(new LeadContact
        {
            LeadId = lead!.Id,
            On = input.On!.Value,
            Who = input.Who!.Trim(),
            Method = input.Method!.Value,
            Summary = input.Summary!.Trim(),
            NextStep = string.IsNullOrWhiteSpace(input.NextStep) ? null : input.NextStep.Trim(),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = user.Identity?.Name ?? "",
        });
        if (input.On!.Value > lead.LastContactOn) lead.LastContactOn = input.On.Value;
        await SaveChangedAsync(lead, ct);
        return Outcome.Ok(lead);
    }

    public async Task<Outcome<InvestmentLead>> MoveAsync(long id, StageInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var (lead, refusal) = await ForChangeAsync(id, input.Version, user, ct);
        if (refusal is not null) return refusal;
        if (input.To is not { } to || !Enum.IsDefined(to)) return Outcome.Invalid("to", "Leads.Error.Stage");
        int? landed = null;
        if (to == LeadStage.Landed)
        {
            var code = CreditCodeOf(input.LandedEnterpriseUscc) ?? lead!.CreditCode;
            landed = code is null ? null : await db.Enterprises.Where(e => e.CreditCode == code && !e.IsDeleted)
                .Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        }
        if (LeadRules.MoveRefusal(lead!.Stage, to, input.Reason, landed is not null) is { } key)
            return Outcome.Invalid(key == "Leads.Error.LandedNeedsEnterprise" ? "landedEnterpriseUscc" : "reason", key);
        db.Add(new LeadStageChange
        {
            LeadId = lead.Id,
            From = lead.Stage,
            To = to,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
            At = clock.GetUtcNow().UtcDateTime,
            By = user.Identity?.Name ?? "",
        });
        lead.Stage = to;
        lead.LandedEnterpriseId = landed;
        await SaveChangedAsync(lead, ct);
        return Outcome.Ok(lead);
    }

    private static string? CreditCodeOf(string? text) => string.IsNullOrWhiteSpace(text) ? null : Infrastructure.CreditCode.Normalize(text);

    private async Task<(InvestmentLead? Lead, Outcome? Refusal)> ForChangeAsync(long id, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var lead = await db.Set<InvestmentLead>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (lead is null) return (null, Outcome.NotFound);
        if (!CanEdit(user, lead)) return (null, Outcome.Forbidden);
        if (version is null || !string.Equals(version, lead.Version, StringComparison.Ordinal)) return (null, Outcome.Stale);
        return (lead, null);
    }

    private async Task SaveChangedAsync(InvestmentLead lead, CancellationToken ct)
    {
        lead.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        lead.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks the input and copies it onto the lead; returns the field errors, or null.</summary>
    private async Task<Outcome?> ApplyAsync(InvestmentLead lead, LeadInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.EnterpriseName)) errors["enterpriseName"] = "Leads.Error.Name";
        var code = CreditCodeOf(input.CreditCode);
        if (code is not null)
        {
            var check = Infrastructure.CreditCode.Validate(code);
            if (check == Infrastructure.CreditCode.Result.Malformed) errors["creditCode"] = "Leads.Error.CreditCode";
            else if (check == Infrastructure.CreditCode.Result.CheckCharacterMismatch && user.Role() != Roles.Admin)
                errors["creditCode"] = "Leads.Error.CreditCodeCheck";
        }
        var city = input.HomeCity?.Trim() ?? "";
        if (city.Length == 0) errors["homeCity"] = "Leads.Error.HomeCity";
        else if (await IsOwnCityAsync(city, ct)) errors["homeCity"] = "Leads.Error.OwnCity";
        if (string.IsNullOrWhiteSpace(input.Source)) errors["source"] = "Leads.Error.Source";
        if (input.ChainLinkId is not { } linkId
            || !await db.ChainLinks.AnyAsync(l => l.Id == linkId && l.MergedIntoId == null, ct))
            errors["chainLinkId"] = "Leads.Error.Link";
        if (input.PlannedInvestment is < 0) errors["plannedInvestment"] = "Leads.Error.Investment";
        var (department, district) = user.Role() switch
        {
            Roles.Department => (user.DepartmentId(), null),
            Roles.District => (null, user.DistrictId()),
            _ => (input.OwnerDepartmentId, input.OwnerDistrictId),
        };
        if ((department is null) == (district is null)
            || (department is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            || (district is { } di && !await db.Districts.AnyAsync(x => x.Id == di, ct)))
            errors["owner"] = "Leads.Error.Owner";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        lead.EnterpriseName = input.EnterpriseName!.Trim();
        lead.CreditCode = code;
        lead.HomeCity = city;
        lead.Source = input.Source!.Trim();
        lead.ChainLinkId = input.ChainLinkId!.Value;
        lead.OwnerDepartmentId = department;
        lead.OwnerDistrictId = district;
        lead.PlannedInvestment = input.PlannedInvestment;
        return null;
    }

    /// <summary>The lead must be an enterprise from outside the city: its home city is not the plan's city (扬州 or 扬州市).</summary>
    private async Task<bool> IsOwnCityAsync(string city, CancellationToken ct)
    {
        var own = await db.Plans.Where(p => p.IsCurrent).Select(p => p.CityName).FirstOrDefaultAsync(ct);
        return own is { Length: > 0 } && string.Equals(city.TrimEnd('市'), own.TrimEnd('市'), StringComparison.Ordinal);
    }
}
