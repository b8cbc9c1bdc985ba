using System.Runtime.CompilerServices;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

/// <summary>A field as the pages and API see it, without the entity type.</summary>
public sealed record FieldInfo(string Key, string Label, FieldKind Kind, bool Required, Type? EnumType, bool Personal, bool InList,
    string? Example, int? MaxLength);

/// <summary>A record as text, field key → display value (personal data masked where the reader may not see it).</summary>
public sealed record RecordView(int Id, string Title, string Version, bool IsDemo, bool IsDeleted, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyDictionary<string, string> Values, bool CanEdit);

/// <summary>One page of records; with <paramref name="TotalIsLowerBound"/> there are more than <paramref name="Total"/> (the count stopped
/// there).</summary>
public sealed record RecordPage(IReadOnlyList<RecordView> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound = false);

/// <summary>A record as a create, update, delete or restore left it (the value of its <see cref="Outcome{T}"/>; field errors are in the UI
/// language).</summary>
public sealed record SavedRecord(int Id, string Version);

/// <summary>Takes an enterprise's changes to the fields that feed official figures (<see cref="EnterpriseRegistry.NeedDistrictApproval"/>)
/// as a pending change for its district to approve, in the save's transaction (answered by MyEnterprise).</summary>
public interface IEnterpriseChangeRequests
{
    /// <summary>Adds (or extends) the enterprise's pending change with the proposed values (field key → text); the caller saves.</summary>
    Task ProposeAsync(Enterprise enterprise, IReadOnlyDictionary<string, string?> values, ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>What the import page, the import jobs and <c>fip import</c> need: a template, a check and an all-or-nothing commit.</summary>
public interface IImporter
{
    /// <summary>The CLI and URL name: a registry's name, or "indicators" for enterprises' yearly figures.</summary>
    string ImportName { get; }
    /// <summary>The spreadsheet headers (Chinese labels) in template order, and the template's example row.</summary>
    IReadOnlyList<string> Headers { get; }
    /// <summary>The UI-string keys of the headers, in the same order: the page names each column in the reader's language too.</summary>
    IReadOnlyList<string> HeaderLabelKeys { get; }
    IReadOnlyList<string?> ExampleRow { get; }
    /// <summary>The headers a file must have.</summary>
    IReadOnlyList<string> RequiredHeaders { get; }
    Task<Import.ImportCheck> CheckImportAsync(Files.TabularFile file, ClaimsPrincipal user, bool acceptCheckMismatch,
        IProgress<double>? progress, CancellationToken ct);
    Task<Import.ImportOutcome> CommitImportAsync(Import.ImportCheck check, ClaimsPrincipal user, IProgress<double>? progress,
        CancellationToken ct);

    /// <summary>
    /// The check a commit of an already checked file starts from: the full check again by default; an importer whose commit
    /// checks every row itself in its transaction maps the columns only (the file is then read once more, not twice).
    /// </summary>
    Task<Import.ImportCheck> CheckForCommitAsync(Files.TabularFile file, ClaimsPrincipal user, bool acceptCheckMismatch,
        CancellationToken ct) => CheckImportAsync(file, user, acceptCheckMismatch, null, ct);
}

/// <summary>The operations on one registry, independent of its entity type, for pages, API, import and the CLI.</summary>
public interface IRegistryOps : IImporter
{
    IRegistry Registry { get; }
    IReadOnlyList<FieldInfo> Fields { get; }
    Task<RecordPage> ListAsync(RegistryFilter filter, ClaimsPrincipal user, CancellationToken ct);
    Task<RecordView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct);
    Task<Outcome<SavedRecord>> SaveAsync(int? id, IReadOnlyDictionary<string, string?> values, string? version, ClaimsPrincipal user,
        bool acceptCheckMismatch, CancellationToken ct);
    Task<Outcome<SavedRecord>> DeleteAsync(int id, string? version, ClaimsPrincipal user, CancellationToken ct);
    Task<Outcome<SavedRecord>> RestoreAsync(int id, ClaimsPrincipal user, CancellationToken ct);
    IAsyncEnumerable<IReadOnlyList<string?>> ExportRowsAsync(RegistryFilter filter, ClaimsPrincipal user, CancellationToken ct);
    Task<IReadOnlyList<HistoryItem>> HistoryAsync(IReadOnlyList<Audit.AuditEntry> entries, CancellationToken ct);
}

/// <summary>
/// The operations of a registry over its entity type. Parsing and formatting go through <see cref="FieldText"/>,
/// record scope through the central <see cref="ScopeAuthorizationHandler"/>, every write through the audited DbContext.
/// </summary>
public sealed partial class RegistryOps<T>(Registry<T> registry, FipDbContext db, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l,
    ICountingIndicators? indicators = null, IEnterpriseChangeRequests? changes = null,
    Microsoft.Extensions.Configuration.IConfiguration? configuration = null, Microsoft.Extensions.Logging.ILogger? importLog = null,
    KeptViews? kept = null)
    : IRegistryOps where T : RegistryRecord, IScopedResource, new()
{
    public IRegistry Registry => registry;
    public Registry<T> Typed => registry;

    public IReadOnlyList<FieldInfo> Fields =>
        [.. registry.Fields.Select(
            f =>
                new FieldInfo(f.Key, f.Label(registry.Name), f.Kind, f.Required, f.EnumType, f.Personal, f.InList, f.Example,
                    f.MaxLength))];

    public IReadOnlyList<string> Headers => [.. HeaderLabelKeys.Select(Labels.Header)];
    public IReadOnlyList<string> HeaderLabelKeys => [.. registry.Fields.Select(f => f.Label(registry.Name))];
    public IReadOnlyList<string?> ExampleRow => [.. registry.Fields.Select(f => f.Example)];
    public string ImportName => registry.Name;
    public IReadOnlyList<string> RequiredHeaders =>
        [.. registry.Fields.Where(f => f.Required).Select(f => Labels.Header(f.Label(registry.Name)))];

    private FieldLookups? _lookups;

    internal async Task<FieldLookups> LookupsAsync(CancellationToken ct)
    {
        if (_lookups is not null) return _lookups;
        var (districts, tracks) = await RegistryChoices.ReadAsync(db, ct);
        return _lookups = Lookups(districts, tracks);
    }

    /// <summary>
    /// The lookups a read shows records with (a list, a record): the districts and tracks as kept until the goals' stamp moves
    /// (<see cref="RegistryChoices.KeptAsync"/>), shared between requests, so only for formatting, never for a save or an import,
    /// which could attach them to their context.
    /// </summary>
    private async Task<FieldLookups> DisplayLookupsAsync(CancellationToken ct)
    {
        if (_lookups is not null || kept is null) return await LookupsAsync(ct);
        var (districts, tracks) = await RegistryChoices.KeptAsync(db, kept, ct);
        return Lookups(districts, tracks);
    }

    private FieldLookups Lookups(IReadOnlyList<Organisation.District> districts, IReadOnlyList<Track> tracks)
    {
        var cache = new Dictionary<string, int?>(StringComparer.Ordinal);
        return new FieldLookups
        {
            Districts = districts,
            Tracks = tracks,
            FindEnterprise = text =>
            {
                if (cache.TryGetValue(text, out var hit)) return hit;
                var code = CreditCode.Normalize(text);
                var id = db.Enterprises
                    .AsNoTracking()
                    .Where(e => !e.IsDeleted && (e.CreditCode == code || e.Name == text))
                    .Select(e => (int?)e.Id)
                    .FirstOrDefault();
                if (cache.Count < 200_000) cache[text] = id;
                return id;
            },
        };
    }

    private string EnterpriseName(int id) => db.Enterprises.AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).FirstOrDefault()
        ?? "";

    internal string Format(RegistryField<T> field, T record, FieldLookups lookups) =>
        FieldText.Format(field, field.Get(record), lookups, Labels.Enum,
            field.Kind == FieldKind.Enterprise ? EnterpriseNameOf(record) : EnterpriseName);

    /// <summary>Uses the loaded navigation when there is one, so a list does not query per row.</summary>
    private Func<int, string?> EnterpriseNameOf(T record) => id => record switch
    {
        KeyProduct { Enterprise: { } e } when e.Id == id => e.Name,
        KeyProject { Enterprise: { } e } when e.Id == id => e.Name,
        _ => EnterpriseName(id),
    };

    private async Task<bool> CanAsync(ClaimsPrincipal user, T record, ScopeRequirement requirement) =>
        (await authorization.AuthorizeAsync(user, record, requirement)).Succeeded;

    private async Task<RecordView> ViewAsync(T record, ClaimsPrincipal user, FieldLookups lookups, CancellationToken ct)
    {
        var canEdit = user.Role() != Roles.Leader && await CanAsync(user, record, ScopeRequirement.Write);
        // Who sees personal data unmasked is decided with the scopes (ScopeAuthorizationHandler), for pages, API and exports alike.
        var unmasked = await CanAsync(user, record, ScopeRequirement.PersonalData);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var personalShown = false;
        foreach (var f in registry.Fields)
        {
            var text = Format(f, record, lookups);
            values[f.Key] = f.Personal && !unmasked ? FieldText.Mask(text, f.Kind) : text;
            personalShown |= f.Personal && unmasked && text.Length > 0;
        }
        if (personalShown && registry.LogsPersonalReads) _personalReads.Add(record.Id);
        return new RecordView(record.Id, registry.Title(record), record.Version, record.IsDemo, record.IsDeleted, record.CreatedAt,
            record.UpdatedAt, values, canEdit);
    }

    /// <summary>Records whose personal data this request showed unmasked and has not logged yet.</summary>
    private readonly List<int> _personalReads = [];

    /// <summary>One audit line per record whose personal data was shown unmasked (<see cref="Registry{T}.LogsPersonalReads"/>).</summary>
    private async Task LogPersonalReadsAsync(string how, CancellationToken ct)
    {
        if (_personalReads.Count == 0) return;
        await PersonalReads.LogAsync(db, typeof(T).Name, [.. _personalReads], how, ct);
        _personalReads.Clear();
    }

    public async Task<RecordPage> ListAsync(RegistryFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var size = Paging.ClampPageSize(filter.PageSize);
        var page = Paging.ClampPage(filter.Page);
        filter = await CountedByAsync(filter with { Deleted = filter.Deleted && user.IsInRole(Roles.Admin) }, ct);
        // The page's ids first, then those records with their children: included collections (split queries) would each
        // repeat the whole filtered, searched query. With a count limit, one query reads the ids up to the limit (and a
        // page beyond), which gives both the count and the page.
        List<int> pageIds;
        int total;
        var capped = false;
        if (filter.CountLimit is { } cap)
        {
            var limit = Math.Max(cap, page * size + size);
            var upToLimit = await IdsUpToAsync(filter, user, limit + 1, ct);
            capped = upToLimit.Count > limit;
            total = Math.Min(upToLimit.Count, limit);
            pageIds = [.. upToLimit.Skip((page - 1) * size).Take(size)];
        }
        else
        {
            total = await registry.CountAsync(db, filter, user, ct);
            pageIds = [.. (await registry.ListIdsAsync(db, filter, user, page * size, ct)).Skip((page - 1) * size)];
        }
        var loaded = await PageRowsAsync(filter, pageIds, ct);
        var rows = pageIds.Select(id => loaded[id]).ToList();
        var lookups = await DisplayLookupsAsync(ct);
        var views = new List<RecordView>(rows.Count);
        foreach (var r in rows) views.Add(await ViewAsync(r, user, lookups, ct));
        await LogPersonalReadsAsync("list", ct);
        return new RecordPage(views, page, size, total, capped);
    }

    /// <summary>
    /// The first <paramref name="limit"/> ids of a list (its count up to the limit, and its pages), kept until the registries'
    /// stamp moves when the registry reads them a costly way (<see cref="Registry{T}.KeepsListIds"/>: the enterprise list's name
    /// search walks the name index and checks each candidate's row): the next page of the same list, or the same list read again,
    /// reads only its page's rows. Kept per filter, limit and reader (role, district, department, enterprise), so a reader never
    /// gets ids another scope was given.
    /// </summary>
    private Task<List<int>> IdsUpToAsync(RegistryFilter filter, ClaimsPrincipal user, int limit, CancellationToken ct)
    {
        if (kept is null || !registry.KeepsListIds(filter)) return registry.ListIdsAsync(db, filter, user, limit, ct);
        // The whole filter (a record: a condition added to it later is in the key too) less its page, which the ids do not depend on.
        var args = (registry.Name, filter with { Q = filter.Q?.Trim(), Page = 1, PageSize = 0, CountLimit = null }, limit,
            (user.Role(), user.DistrictId(), user.DepartmentId(), user.EnterpriseUscc()));
        return kept.GetOrCreateAsync("registry-ids", args, StampSet.Registries, c => registry.ListIdsAsync(db, filter, user, limit, c), ct);
    }

    /// <summary>
    /// The records of a page by id. A page is at most a hundred records: their children come in the same statement (one round
    /// trip instead of one per included collection; the rows repeat per child, a few hundred at most). Where the list's ids
    /// are kept (<see cref="IdsUpToAsync"/>), the page's records are kept beside them until the registries' stamp moves: the
    /// same page read again costs no statement. They are kept by their ids alone, whoever reads them: what a reader may see of
    /// them (masking, the edit link, the log of personal data shown) is decided per request from the records.
    /// </summary>
    private Task<Dictionary<int, T>> PageRowsAsync(RegistryFilter filter, List<int> pageIds, CancellationToken ct)
    {
        async Task<Dictionary<int, T>> LoadAsync(CancellationToken c) =>
            (await registry.Query(db).AsNoTracking().AsSingleQuery().Where(r => pageIds.Contains(r.Id)).ToListAsync(c))
                .ToDictionary(r => r.Id);
        if (kept is null || !registry.KeepsListIds(filter) || pageIds.Count == 0) return LoadAsync(ct);
        // A record each against the cache's size limit: its entries bound the records kept, not the pages.
        return kept.GetOrCreateAsync("registry-rows", (registry.Name, string.Join(',', pageIds)), StampSet.Registries, LoadAsync, ct,
            size: rows => rows.Count);
    }

    private Task<T?> FindAsync(int id, ClaimsPrincipal user, bool tracked, CancellationToken ct)
    {
        var query = registry.VisibleTo(registry.Query(db), user).Where(r => r.Id == id);
        if (!user.IsInRole(Roles.Admin)) query = query.Where(r => !r.IsDeleted);
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    public async Task<RecordView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, user, tracked: false, ct) is not { } record) return null;
        var view = await ViewAsync(record, user, await LookupsAsync(ct), ct);
        await LogPersonalReadsAsync("record", ct);
        return view;
    }

    public async Task<Outcome<SavedRecord>> SaveAsync(int? id, IReadOnlyDictionary<string, string?> values, string? version,
        ClaimsPrincipal user, bool acceptCheckMismatch, CancellationToken ct)
    {
        T record;
        if (id is { } existingId)
        {
            if (await FindAsync(existingId, user, tracked: true, ct) is not { } found || found.IsDeleted) return Outcome.NotFound;
            if (!await CanAsync(user, found, ScopeRequirement.Write)) return Outcome.Forbidden;
            // A stale edit is refused, never merged: the editor must reload and edit again.
            if (version is null || !string.Equals(version, found.Version, StringComparison.Ordinal)) return Outcome.Stale;
            record = found;
        }
        else
        {
            record = new T();
        }

        var selfService = record is Enterprise && user.Role() == Roles.Enterprise;
        // An enterprise's record comes into the registry through the district (a new record submitted for approval, 我的企业).
        if (selfService && id is null) return Outcome.InvalidText(new() { [""] = [l["MyEnterprise.CreateThroughDistrict"].Value] });
        var lookups = await LookupsAsync(ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var isAdmin = user.IsInRole(Roles.Admin);
        // What an enterprise changed in the fields that feed official figures: kept as they were, proposed to the district.
        var proposed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in registry.Fields)
        {
            // Fields absent from an update keep their value; on create they count as empty.
            if (!values.TryGetValue(field.Key, out var text) && id is not null) continue;
            if (field.Personal
                && id is not null
                && text is not null
                && text.Contains('*', StringComparison.Ordinal)
                && text == FieldText.Mask(Format(field, record, lookups), field.Kind)) continue;
            var value = FieldText.Parse(field, text, lookups, Labels.ParseEnum, out var problem);
            if (problem is not null)
            {
                if (problem.Reason == "Uscc.CheckMismatch" && isAdmin && acceptCheckMismatch) { value = problem.Args[0]; }
                else { errors[field.Key] = [l[problem.Reason, problem.Args].Value]; continue; }
            }
            // An enterprise may not change what feeds official figures (qualifications, district, tracks) by itself: the change
            // waits for the district's approval (or is refused where nothing takes proposals).
            var approved = selfService && EnterpriseRegistry.NeedDistrictApproval.Contains(field.Key) ? Format(field, record,
                lookups) : null;
            var before = approved is null ? null : field.Get(record);
            field.Set(record, value);
            if (approved is not null && Format(field, record, lookups) is var next && approved != next)
            {
                if (changes is null) errors[field.Key] = [l["Registry.NeedsDistrictApproval"].Value];
                proposed[field.Key] = next;
                field.Set(record, before);
            }
        }
        if (record is Enterprise enterprise)
            enterprise.CreditCodeCheckOverridden = CreditCode.Validate(enterprise.CreditCode) == CreditCode.Result.CheckCharacterMismatch;
        if (errors.Count == 0 && await registry.CompleteAsync(db, record, ct) is { } rule) errors[""] = [l[rule.Reason, rule.Args].Value];
        if (errors.Count > 0)
        {
            if (id is not null) db.ChangeTracker.Clear();
            return Outcome.InvalidText(errors);
        }

        var key = registry.NaturalKey(record);
        var duplicate = (await registry.FindByNaturalKeysAsync(db, [record], ct)).GetValueOrDefault(key);
        if (duplicate is not null && duplicate.Id != record.Id)
        {
            if (id is not null) db.ChangeTracker.Clear();
            return Outcome.InvalidText(new() { [""] = [l["Registry.Duplicate", registry.Title(duplicate)].Value] });
        }

        if (id is null)
        {
            record.IsDemo = false;
            db.Add(record);
        }
        await LoadReferencesAsync(record, ct);
        // The record as it will be stored must be in the user's scope too (a district user cannot move it out).
        if (!await CanAsync(user, record, ScopeRequirement.Write))
        {
            db.ChangeTracker.Clear();
            return Outcome.Forbidden;
        }
        if (proposed.Count > 0 && changes is not null && record is Enterprise own)
            await changes.ProposeAsync(own, proposed, user, ct);
        try
        {
            db.Entry(record).Property(r => r.Version).CurrentValue = id is null ? record.Version : RecordVersions.New();
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Stale;
        }
        return Outcome.Ok(new SavedRecord(record.Id, record.Version));
    }

    /// <summary>
    /// Sets the given fields of a record as the district approved them, with the registry's checks (parsing, its rules across
    /// records, the natural key): the field errors, or none. No scope check and no save: the caller checked who decides and saves
    /// the record with its decision, in one transaction.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ApplyApprovedAsync(T record, IReadOnlyDictionary<string, string?> values,
        CancellationToken ct)
    {
        var lookups = await LookupsAsync(ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in registry.Fields)
        {
            if (!values.TryGetValue(field.Key, out var text)) continue;
            var value = FieldText.Parse(field, text, lookups, Labels.ParseEnum, out var problem);
            if (problem is not null) errors[field.Key] = [l[problem.Reason, problem.Args].Value];
            else field.Set(record, value);
        }
        if (errors.Count == 0 && await registry.CompleteAsync(db, record, ct) is { } rule) errors[""] = [l[rule.Reason, rule.Args].Value];
        if (errors.Count == 0
            && (await registry.FindByNaturalKeysAsync(db, [record], ct)).GetValueOrDefault(registry.NaturalKey(record)) is { } duplicate
            && duplicate.Id != record.Id)
            errors[""] = [l["Registry.Duplicate", registry.Title(duplicate)].Value];
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>Loads the references whose keys were just set, so scope checks see the district or enterprise they point to.</summary>
    private async Task LoadReferencesAsync(T record, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var reference in db.Entry(record).References)
            if (reference.CurrentValue is null
                && reference.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation nav
                && nav.ForeignKey.Properties.All(p => db.Entry(record).Property(p.Name).CurrentValue is not null))
                await reference.LoadAsync(ct);
    }

    public async Task<Outcome<SavedRecord>> DeleteAsync(int id, string? version, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, user, tracked: true, ct) is not { } record || record.IsDeleted) return Outcome.NotFound;
        // An enterprise cannot take its own record out of the official figures.
        if (!await CanAsync(user, record, ScopeRequirement.Write) || (record is Enterprise && user.Role() == Roles.Enterprise))
            return Outcome.Forbidden;
        if (version is not null && !string.Equals(version, record.Version, StringComparison.Ordinal)) return Outcome.Stale;
        record.IsDeleted = true;
        record.DeletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new SavedRecord(id, record.Version));
    }

    public async Task<Outcome<SavedRecord>> RestoreAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin)) return Outcome.Forbidden;
        if (await registry.Query(db).FirstOrDefaultAsync(r => r.Id == id, ct) is not { IsDeleted: true } record) return Outcome.NotFound;
        var duplicate = (await registry.FindByNaturalKeysAsync(db, [record], ct)).Values.FirstOrDefault(r => r.Id != id && !r.IsDeleted);
        if (duplicate is not null) return Outcome.InvalidText(new() { [""] = [l["Registry.Duplicate", registry.Title(duplicate)].Value] });
        record.IsDeleted = false;
        record.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new SavedRecord(id, record.Version));
    }

    public async IAsyncEnumerable<IReadOnlyList<string?>> ExportRowsAsync(RegistryFilter filter, ClaimsPrincipal user,
        [EnumeratorCancellation] CancellationToken ct)
    {
        filter = await CountedByAsync(filter, ct);
        var lookups = await LookupsAsync(ct);
        // Newest first, in keyset pages (id below the last one seen), so a million-row export never scans an OFFSET.
        var query = registry.List(db, filter with { Deleted = false, Sort = null }, user).AsNoTracking();
        var lastId = int.MaxValue;
        const int batch = 2000;
        while (true)
        {
            var below = lastId;
            var rows = await query.Where(r => r.Id < below).Take(batch).ToListAsync(ct);
            foreach (var r in rows)
            {
                var view = await ViewAsync(r, user, lookups, ct);
                yield return [.. registry.Fields.Select(f => (string?)view.Values[f.Key])];
            }
            await LogPersonalReadsAsync("export", ct);
            if (rows.Count < batch) yield break;
            lastId = rows[^1].Id;
        }
    }

    /// <summary>The filter with the condition groups of its indicator (goals drill-down) looked up, or none.</summary>
    private async Task<RegistryFilter> CountedByAsync(RegistryFilter filter, CancellationToken ct)
    {
        var found = string.IsNullOrEmpty(filter.Indicator) || indicators is null
            ? null
            : await indicators.FindAsync(registry.Name, filter.Indicator, ct);
        return filter with { CountedBy = found?.AnyOf, CountedWithin = (found?.From, found?.To) };
    }
}
