using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>A declared conflict as typed: the enterprise by credit code or by its registered name, and the reason.</summary>
public sealed record ConflictInput(string? Enterprise, string? Reason);

/// <summary>An expert as added or edited; <see cref="Version"/> is the one read (a stale edit is refused).</summary>
public sealed record ExpertInput(string? Name, string? Organisation, IReadOnlyList<string>? Fields, IReadOnlyList<ConflictInput>? Conflicts,
    string? Title = null, IReadOnlyList<int>? Tracks = null, string? Phone = null, string? Version = null);

/// <summary>A declared conflict as shown: the enterprise's credit code and name (the registry's, else the applicant's) and the
/// reason.</summary>
public sealed record ConflictRow(string EnterpriseUscc, string EnterpriseName, string Reason);

/// <summary>An expert of the pool as listed: their declared conflicts and the number of calls they scored in.</summary>
public sealed record ExpertRow(ScenarioExpert Expert, IReadOnlyList<ConflictRow> Conflicts, int CallsScored)
{
    public IReadOnlyList<int> TrackIds => [.. CallRules.List(Expert.Tracks).Select(int.Parse)];
}

/// <summary>The filter of the pool: a track, a field of expertise, words of the name, and whether to list deactivated experts.</summary>
public sealed record ExpertFilter(int? Track = null, string? Field = null, string? Q = null, bool All = false);

/// <summary>专家库 rules: the lengths kept and who keeps the pool.</summary>
public static class ExpertRules
{
    public const int NameMax = 50, OrganisationMax = 200, TitleMax = 50, FieldsMax = 500, ReasonMax = 200, MaxConflicts = 50;

    /// <summary>Officials keep the pool (departments, districts, the task force) and see its contacts; an enterprise that owns a call
    /// reads it (to choose who scores) with contacts masked.</summary>
    public static bool MayKeep(ClaimsPrincipal user) => Policies.Allows(user, Policies.Responsible);

    /// <summary>Whether an expert passes the filter (the pool is small: hundreds, filtered in memory).</summary>
    public static bool Matches(ExpertRow row, ExpertFilter filter)
    {
        var e = row.Expert;
        return (filter.All || e.Active)
            && (filter.Track is not { } t || row.TrackIds.Contains(t))
            && (string.IsNullOrWhiteSpace(filter.Field) || CallRules.List(e.Fields).Contains(filter.Field.Trim(), StringComparer.Ordinal))
            && (string.IsNullOrWhiteSpace(filter.Q) || e.Name.Contains(filter.Q.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The expert pool (专家库): experts with their fields, tracks, title, contact and declared conflicts of interest; added,
/// edited (a stale edit refused) and deactivated by officials. Every refusal is audited; every write by the interceptors.</summary>
public sealed class ExpertService(FipDbContext db, TimeProvider clock)
{
    private const string Audit = "ScenarioExpert";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Outcome> RefuseAsync(ClaimsPrincipal user, string key, Outcome refusal, CancellationToken ct) =>
        ScenarioAudit.RefuseAsync(db, clock, user, Audit, key, refusal, ct);

    /// <summary>The experts who may score now (active), for the scoring page.</summary>
    public Task<List<ScenarioExpert>> ActiveAsync(CancellationToken ct) =>
        db.Set<ScenarioExpert>().AsNoTracking().Where(e => e.DeactivatedAt == null).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>The pool with each expert's conflicts (named from the registry, else from their applications) and calls scored.</summary>
    public async Task<IReadOnlyList<ExpertRow>> ListAsync(ExpertFilter filter, CancellationToken ct)
    {
        var experts = await db.Set<ScenarioExpert>().AsNoTracking().OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(ct);
        var conflicts = await db.Set<ExpertConflict>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var names = await NamesAsync([.. conflicts.Select(c => c.EnterpriseUscc).Distinct()], ct);
        var scored = await db.Set<ExpertScore>().AsNoTracking()
            .Join(db.Set<CallApplication>(), s => s.ApplicationId, a => a.Id, (s, a) => new { s.ExpertId, a.CallId }).Distinct()
            .GroupBy(x => x.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var byExpert = conflicts.ToLookup(c => c.ExpertId);
        return [.. experts.Select(e => new ExpertRow(e, [.. byExpert[e.Id].Select(c =>
                new ConflictRow(c.EnterpriseUscc, names.GetValueOrDefault(c.EnterpriseUscc, c.EnterpriseUscc), c.Reason))],
                scored.GetValueOrDefault(e.Id)))
            .Where(r => ExpertRules.Matches(r, filter))];
    }

    /// <summary>Logs the experts whose phone a request showed unmasked (PIPL access log).</summary>
    public Task LogContactReadsAsync(IEnumerable<ExpertRow> rows, string how, CancellationToken ct) =>
        Registries.PersonalReads.LogAsync(db, nameof(ScenarioExpert), [.. rows.Where(r => r.Expert.Phone is not null)
            .Select(r => r.Expert.Id)], how, ct);

    public async Task<Outcome<ScenarioExpert>> AddAsync(ExpertInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ExpertRules.MayKeep(user)) return await RefuseAsync(user, "new", Outcome.Forbidden, ct);
        var (errors, conflicts) = await CheckAsync(input, null, ct);
        if (errors.Count > 0) return await RefuseAsync(user, "new", Outcome.Invalid(errors), ct);
        var expert = new ScenarioExpert { CreatedAt = Now };
        Fill(expert, input);
        expert.Conflicts.AddRange(conflicts.Select(c => new ExpertConflict { EnterpriseUscc = c.Uscc, Reason = c.Reason }));
        db.Add(expert);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(expert);
    }

    /// <summary>Replaces the expert's data and declared conflicts with the input, if nobody changed them since it was read.</summary>
    public async Task<Outcome<ScenarioExpert>> UpdateAsync(int id, ExpertInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expert = await db.Set<ScenarioExpert>().Include(e => e.Conflicts).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expert is null) return Outcome.NotFound;
        if (!ExpertRules.MayKeep(user)) return await RefuseAsync(user, key, Outcome.Forbidden, ct);
        if (input.Version is not null && input.Version != expert.Version) return await RefuseAsync(user, key, Outcome.Stale, ct);
        var (errors, conflicts) = await CheckAsync(input, id, ct);
        if (errors.Count > 0) return await RefuseAsync(user, key, Outcome.Invalid(errors), ct);
        Fill(expert, input);
        expert.Version = RecordVersions.New();
        foreach (var gone in expert.Conflicts.Where(o => conflicts.All(c => c.Uscc != o.EnterpriseUscc)).ToList()) db.Remove(gone);
        foreach (var (uscc, reason) in conflicts)
        {
            if (expert.Conflicts.FirstOrDefault(o => o.EnterpriseUscc == uscc) is { } kept) kept.Reason = reason;
            else expert.Conflicts.Add(new ExpertConflict { EnterpriseUscc = uscc, Reason = reason });
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(expert);
    }

    /// <summary>Deactivates an expert (they keep their scores and score no more) or brings them back; never deletes.</summary>
    public async Task<Outcome<ScenarioExpert>> SetActiveAsync(int id, bool active, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expert = await db.Set<ScenarioExpert>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expert is null) return Outcome.NotFound;
        if (!ExpertRules.MayKeep(user)) return await RefuseAsync(user, key, Outcome.Forbidden, ct);
        if (version is not null && version != expert.Version) return await RefuseAsync(user, key, Outcome.Stale, ct);
        if (expert.Active == active) return Outcome.Ok(expert);
        expert.DeactivatedAt = active ? null : Now;
        expert.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(expert);
    }

    private static void Fill(ScenarioExpert expert, ExpertInput input)
    {
        expert.Name = input.Name!.Trim();
        expert.Organisation = input.Organisation!.Trim();
        expert.Title = input.Title?.Trim() ?? "";
        expert.Fields = CallRules.Join(input.Fields);
        expert.Tracks = string.Join('|', (input.Tracks ?? []).Distinct().Order());
        expert.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : PhoneNumber.Normalize(input.Phone);
    }

    /// <summary>
    /// The field errors of an input, and its conflicts resolved to credit codes. A conflict names an enterprise the platform knows:
    /// one of the registry (by credit code or exact name) or one that applied to a call (its code or name); blank rows are skipped.
    /// The same name and employer twice is a duplicate.
    /// </summary>
    private async Task<(Dictionary<string, UserMessage> Errors, List<(string Uscc, string Reason)> Conflicts)> CheckAsync(
        ExpertInput input, int? self, CancellationToken ct)
    {
        var errors = new Dictionary<string, UserMessage>(StringComparer.Ordinal);
        void Text(string field, string? value, int max, bool required = true)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = UserMessage.Of("Scenarios.Error.Required"); }
            else if (value.Trim().Length > max) errors[field] = UserMessage.Of("Scenarios.Error.TooLong");
        }
        Text("name", input.Name, ExpertRules.NameMax);
        Text("organisation", input.Organisation, ExpertRules.OrganisationMax);
        Text("title", input.Title, ExpertRules.TitleMax, required: false);
        var fields = CallRules.Join(input.Fields);
        if (fields.Length == 0) errors["fields"] = UserMessage.Of("Scenarios.Error.Required");
        else if (fields.Length > ExpertRules.FieldsMax) errors["fields"] = UserMessage.Of("Scenarios.Error.TooLong");
        if (input.Tracks is { Count: > 0 } tracks)
        {
            var plan = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            var known = await db.Tracks.Where(t => tracks.Contains(t.Id) && t.PlanId == plan).Select(t => t.Id).ToListAsync(ct);
            if (tracks.Except(known).Any()) errors["tracks"] = UserMessage.Of("Scenarios.Error.Unknown");
        }
        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhoneNumber.IsValid(PhoneNumber.Normalize(input.Phone)))
            errors["phone"] = UserMessage.Of("Scenarios.Error.Phone");
        var resolved = new List<(string Uscc, string Reason)>();
        var rows = (input.Conflicts ?? []).Where(c => !string.IsNullOrWhiteSpace(c.Enterprise) || !string.IsNullOrWhiteSpace(c.Reason))
            .ToList();
        if (rows.Count > ExpertRules.MaxConflicts) errors["conflicts"] = UserMessage.Of("Scenarios.Error.TooLong");
        foreach (var row in rows.Take(ExpertRules.MaxConflicts))
        {
            var who = row.Enterprise?.Trim() ?? "";
            if (who.Length == 0 || string.IsNullOrWhiteSpace(row.Reason))
            {
                errors["conflicts"] = UserMessage.Of("Experts.Error.ConflictIncomplete");
                break;
            }
            if (row.Reason.Trim().Length > ExpertRules.ReasonMax)
            {
                errors["conflicts"] = UserMessage.Of("Scenarios.Error.TooLong");
                break;
            }
            var codes = await EnterpriseCodesAsync(who, ct);
            if (codes.Count != 1)
            {
                errors["conflicts"] = UserMessage.Of(codes.Count == 0 ? "Experts.Error.UnknownEnterprise"
                    : "Experts.Error.AmbiguousEnterprise", who);
                break;
            }
            if (resolved.Any(r => r.Uscc == codes[0]))
            {
                errors["conflicts"] = UserMessage.Of("Experts.Error.ConflictTwice", who);
                break;
            }
            resolved.Add((codes[0], row.Reason.Trim()));
        }
        if (errors.Count == 0)
        {
            var (name, organisation) = (input.Name!.Trim(), input.Organisation!.Trim());
            if (await db.Set<ScenarioExpert>().AnyAsync(e => e.Name == name && e.Organisation == organisation && e.Id != self, ct))
                errors["name"] = UserMessage.Of("Experts.Error.Duplicate", name, organisation);
        }
        return (errors, resolved);
    }

    /// <summary>The credit codes an enterprise typed in a conflict stands for: by code, else by exact name, in the registry and among
    /// applicants.</summary>
    private async Task<List<string>> EnterpriseCodesAsync(string who, CancellationToken ct)
    {
        var code = who.ToUpperInvariant();
        var registry = await db.Enterprises.AsNoTracking().Where(e => !e.IsDeleted && (e.CreditCode == code || e.Name == who))
            .Select(e => e.CreditCode).ToListAsync(ct);
        var applicants = await db.Set<CallApplication>().AsNoTracking().Where(a => a.EnterpriseUscc == code || a.EnterpriseName == who)
            .Select(a => a.EnterpriseUscc).Distinct().ToListAsync(ct);
        var all = registry.Concat(applicants).Distinct(StringComparer.Ordinal).ToList();
        return all.Contains(code, StringComparer.Ordinal) ? [code] : all;
    }

    /// <summary>Enterprise names by credit code: the registry's, else the name an application carried.</summary>
    private async Task<Dictionary<string, string>> NamesAsync(List<string> codes, CancellationToken ct)
    {
        var names = await db.Set<CallApplication>().AsNoTracking().Where(a => codes.Contains(a.EnterpriseUscc))
            .Select(a => new { a.EnterpriseUscc, a.EnterpriseName }).Distinct().ToListAsync(ct);
        var result = names.GroupBy(n => n.EnterpriseUscc).ToDictionary(g => g.Key, g => g.First().EnterpriseName, StringComparer.Ordinal);
        foreach (var e in await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
                     .Select(e => new { e.CreditCode, e.Name }).ToListAsync(ct))
            result[e.CreditCode] = e.Name;
        return result;
    }
}
