using System.Diagnostics;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

/// <summary>
/// Import of enterprises' yearly figures (<c>fip import indicators</c>): one row per 统一社会信用代码 and 年份, upserted
/// by that pair, all rows or none. The enterprise must exist and be in the importer's write scope; columns left out of
/// the file keep their stored values. Every changed enterprise gets a new version, so open edit forms go stale.
/// </summary>
public sealed class IndicatorImport(FipDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : IImporter
{
    public const string Name = "indicators";
    private const string CodeKey = "creditCode";
    private const int Batch = 1000;

    private static readonly IReadOnlyList<string> Keys = [CodeKey, .. IndicatorInput.Keys];

    public static string LabelKey(string key) => $"Field.indicators.{key}";
    private static string Header(string key) => Labels.Header(LabelKey(key));

    public string ImportName => Name;
    public IReadOnlyList<string> Headers => [.. Keys.Select(Header)];
    public IReadOnlyList<string> HeaderLabelKeys => [.. Keys.Select(LabelKey)];
    public IReadOnlyList<string?> ExampleRow => ["91321003MA1MDEMA0J", "2025", "12800.50", "960.25", "15300", "420.8", "186", "12"];
    public IReadOnlyList<string> RequiredHeaders => [Header(CodeKey), Header("year")];

    /// <summary>Headers of templates downloaded before a field's label changed (the R&amp;D figure read 研发费用 until it took the
    /// cockpit's term 研发投入): files filled in from them still import.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> FormerHeaders = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["rdExpense"] = ["研发费用（万元）", "R&D expense (10k CNY)"],
    };

    private List<string?> MapColumns(TabularFile file, List<string> unknown)
    {
        var map = new List<string?>();
        foreach (var header in file.Headers)
        {
            var key = Keys.FirstOrDefault(k => string.Equals(header, Header(k), StringComparison.Ordinal)
                || string.Equals(header, Labels.EnglishHeader(LabelKey(k)), StringComparison.OrdinalIgnoreCase)
                || string.Equals(header, k, StringComparison.OrdinalIgnoreCase)
                || FormerHeaders.GetValueOrDefault(k)?.Contains(header.Trim(), StringComparer.OrdinalIgnoreCase) == true);
            map.Add(key);
            if (key is null) unknown.Add(l["Import.UnknownColumn", header].Value);
        }
        return map;
    }

    private sealed record ParsedRow(int Row, string Code, EnterpriseIndicator Figures);

    /// <summary>Parses one row, reporting every bad cell with its header and value.</summary>
    private ParsedRow? Parse(TabularRow row, IReadOnlyList<string?> columns, Action<ImportProblem> report)
    {
        string? Cell(string key)
        {
            for (var i = 0; i < columns.Count; i++)
                if (string.Equals(columns[i], key, StringComparison.Ordinal)) return i < row.Cells.Count ? row.Cells[i] : null;
            return null;
        }
        var ok = true;
        var codeText = Cell(CodeKey)?.Trim();
        var code = string.IsNullOrEmpty(codeText) ? "" : CreditCode.Normalize(codeText);
        if (code.Length == 0)
        {
            report(new ImportProblem(row.RowNumber, Header(CodeKey), codeText, l["Import.Required"].Value)); ok = false;
        }
        var problems = new List<IndicatorProblem>();
        var figures = IndicatorRules.Parse(IndicatorInput.From(Cell), DateTime.UtcNow, problems, Present(columns));
        foreach (var p in problems) report(new ImportProblem(row.RowNumber, Header(p.Field), Cell(p.Field), l[p.Reason, p.Args].Value));
        return ok && figures is not null ? new ParsedRow(row.RowNumber, code, figures) : null;
    }

    private static HashSet<string> Present(IReadOnlyList<string?> columns) => [.. columns.OfType<string>()];

    private sealed record Owner(int Id, int DistrictId, string CreditCode) : IScopedResource
    {
        int? IScopedResource.OwnerDistrictId => DistrictId;
        string? IScopedResource.OwnerEnterpriseUscc => CreditCode;
    }

    private async Task<Dictionary<string, Owner>> EnterprisesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct(StringComparer.Ordinal).ToList();
        return (await db.Enterprises.AsNoTracking().Where(e => !e.IsDeleted && EF.Parameter(list).Contains(e.CreditCode))
                .Select(e => new { e.Id, e.DistrictId, e.CreditCode }).ToListAsync(ct))
            .ToDictionary(e => e.CreditCode, e => new Owner(e.Id, e.DistrictId, e.CreditCode), StringComparer.Ordinal);
    }

    /// <summary>The enterprise of a row when it exists and the user may write it; otherwise the reason, reported.</summary>
    private async Task<Owner?> OwnerAsync(ParsedRow row, Dictionary<string, Owner> enterprises, ClaimsPrincipal user,
        Action<ImportProblem> report)
    {
        if (!enterprises.TryGetValue(row.Code, out var owner))
        {
            report(new ImportProblem(row.Row, Header(CodeKey), row.Code, l["Import.UnknownEnterprise", row.Code].Value));
            return null;
        }
        if (user.Role() == Roles.Leader || !(await authorization.AuthorizeAsync(user, owner, ScopeRequirement.Write)).Succeeded)
        {
            report(new ImportProblem(row.Row, Header(CodeKey), row.Code, l["Import.OutOfScope"].Value));
            return null;
        }
        return owner;
    }

    private async Task<Dictionary<(int, int), EnterpriseIndicator>> StoredAsync(IEnumerable<int> enterpriseIds, bool tracked,
        CancellationToken ct)
    {
        var ids = enterpriseIds.Distinct().ToList();
        var query = db.EnterpriseIndicators.Where(i => EF.Parameter(ids).Contains(i.EnterpriseId));
        return (await (tracked ? query : query.AsNoTracking()).ToListAsync(ct)).ToDictionary(i => (i.EnterpriseId, i.Year));
    }

    /// <summary>What one row comes to: its figures, its enterprise and whether they add, change or repeat the stored ones.</summary>
    private enum RowAction { Add, Update, Unchanged }

    private sealed record ResolvedRow(ParsedRow Parsed, int EnterpriseId, RowAction Action);

    /// <summary>What a clean check found, kept for the commit while nothing in the registries has changed since.</summary>
    private sealed record Resolution(long RegistriesStamp, List<ResolvedRow> Rows);

    /// <summary>Resolves a batch of parsed rows against the stored enterprises and figures, reporting unknown and out-of-scope
    /// enterprises.</summary>
    private async Task<(List<ResolvedRow> Rows, Dictionary<(int, int), EnterpriseIndicator> Stored)> ResolveAsync(
        List<ParsedRow> parsed, IReadOnlySet<string> only, ClaimsPrincipal user, bool tracked, Action<ImportProblem> report,
        CancellationToken ct)
    {
        var enterprises = await EnterprisesAsync(parsed.Select(p => p.Code), ct);
        var stored = await StoredAsync(enterprises.Values.Select(e => e.Id), tracked, ct);
        var rows = new List<ResolvedRow>(parsed.Count);
        foreach (var p in parsed)
        {
            if (await OwnerAsync(p, enterprises, user, report) is not { } owner) continue;
            var action = stored.GetValueOrDefault((owner.Id, p.Figures.Year)) is not { } s ? RowAction.Add
                : IndicatorRules.Differs(s, p.Figures, only) ? RowAction.Update : RowAction.Unchanged;
            rows.Add(new ResolvedRow(p, owner.Id, action));
        }
        return (rows, stored);
    }

    /// <summary>
    /// The registries' change stamp as this transaction sees it, with the stamp's row locked (or, on SQLite, the database's
    /// write lock taken) until the transaction ends, so no registry write can come between this read and the commit. Taken
    /// only just before the commit: a stamp's row is the last lock a transaction takes (see StampsAtCommitInterceptor).
    /// </summary>
    private async Task<long> LockedRegistriesStampAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("UPDATE \"ChangeStamps\" SET \"Value\" = \"Value\" WHERE \"Name\" = 'registries'", ct);
        return await RegistriesStampAsync(ct);
    }

    private async Task<long> RegistriesStampAsync(CancellationToken ct) =>
        await db.Database
            .SqlQueryRaw<long>("SELECT \"Value\" AS \"Value\" FROM \"ChangeStamps\" WHERE \"Name\" = 'registries'")
            .SingleAsync(ct);

    public async Task<ImportCheck> CheckImportAsync(TabularFile file, ClaimsPrincipal user, bool acceptCheckMismatch,
        IProgress<double>? progress, CancellationToken ct)
    {
        var unknown = new List<string>();
        var columns = MapColumns(file, unknown);
        var check = new ImportCheck { Registry = Name, FileName = "", File = file, ColumnFields = columns };
        check.FileProblems.AddRange(unknown);
        foreach (var key in new[] { CodeKey, "year" }.Where(k => !columns.Contains(k)))
            check.FileProblems.Add(l["Import.MissingColumn", Header(key)].Value);
        if (file.Rows.Count == 0) check.FileProblems.Add(l["Import.NoRows"].Value);
        if (check.FileProblems.Count > 0) return check;

        // Read before anything else: a registry change committed during the check moves it on, and the commit starts afresh.
        var stamp = await RegistriesStampAsync(ct);
        var only = Present(columns);
        var seen = new Dictionary<(string, int), int>();
        var resolved = new List<ResolvedRow>(file.Rows.Count);
        var start = 0;
        // A large file's rows are streamed (TabularFile): one pass, a batch at a time.
        foreach (var chunk in file.Rows.Chunk(Batch))
        {
            var parsed = new List<ParsedRow>();
            foreach (var row in chunk)
            {
                if (Parse(row, columns, check.Add) is not { } p) continue;
                if (seen.TryGetValue((p.Code, p.Figures.Year), out var first))
                {
                    check.Add(new ImportProblem(p.Row, "", null, l["Import.DuplicateInFile", first].Value));
                    continue;
                }
                seen[(p.Code, p.Figures.Year)] = p.Row;
                parsed.Add(p);
            }
            var (rows, _) = await ResolveAsync(parsed, only, user, tracked: false, check.Add, ct);
            foreach (var r in rows)
            {
                switch (r.Action)
                {
                    case RowAction.Add: check.Added++; break;
                    case RowAction.Update: check.Updated++; break;
                    default: check.Unchanged++; break;
                }
            }
            if (check.ProblemCount == 0) resolved.AddRange(rows);
            start += Batch;
            progress?.Report(Math.Min(1.0, start / (double)file.Rows.Count));
        }
        if (check.ProblemCount == 0) check.Resolution = new Resolution(stamp, resolved);
        return check;
    }

    public async Task<ImportOutcome> CommitImportAsync(ImportCheck check, ClaimsPrincipal user, IProgress<double>? progress,
        CancellationToken ct)
    {
        if (!check.CanCommit) return new ImportOutcome(false, 0, 0, 0, TimeSpan.Zero, check.Problems);
        var clock = Stopwatch.StartNew();
        var columns = check.ColumnFields;
        var only = Present(columns);
        int added = 0, updated = 0, unchanged = 0;
        var problems = new List<ImportProblem>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Nothing in the registries changed since the check: its findings stand, and the rows need not be parsed and
        // looked up again. Otherwise every row is checked again here, in the transaction. The stamp is only read here; its
        // row is locked at the end (below), so other registry writes are not held up for the whole import.
        var resolution = check.Resolution as Resolution;
        var kept = resolution is not null && resolution.RegistriesStamp == await RegistriesStampAsync(ct) ? resolution.Rows : null;
        var rows = check.File.Rows;
        var total = kept?.Count ?? rows.Count;
        using var chunks = kept is null ? rows.Chunk(Batch).GetEnumerator() : null;
        for (var start = 0; start < total && problems.Count == 0; start += Batch)
        {
            List<ResolvedRow> batch;
            Dictionary<(int, int), EnterpriseIndicator> stored;
            if (kept is not null)
            {
                batch = kept.GetRange(start, Math.Min(Batch, total - start));
                stored = batch.Any(x => x.Action == RowAction.Update)
                    ? await StoredAsync(batch.Where(x => x.Action == RowAction.Update).Select(x => x.EnterpriseId), tracked: true, ct)
                    : [];
            }
            else
            {
                var parsed = new List<ParsedRow>();
                chunks!.MoveNext();
                foreach (var row in chunks.Current)
                    if (Parse(row, columns, problems.Add) is { } p) parsed.Add(p);
                if (problems.Count > 0) break;
                (batch, stored) = await ResolveAsync(parsed, only, user, tracked: true, problems.Add, ct);
                if (problems.Count > 0) break;
            }
            var changed = new HashSet<int>();
            var adds = new List<EnterpriseIndicator>();
            foreach (var (p, enterpriseId, action) in batch)
            {
                switch (action)
                {
                    case RowAction.Unchanged:
                        unchanged++;
                        continue;
                    case RowAction.Update:
                        IndicatorRules.Copy(p.Figures, stored[(enterpriseId, p.Figures.Year)], only);
                        updated++;
                        break;
                    default:
                        p.Figures.EnterpriseId = enterpriseId;
                        adds.Add(p.Figures);
                        added++;
                        break;
                }
                changed.Add(enterpriseId);
            }
            await db.SaveChangesAsync(ct);
            await db.InsertAuditedAsync(adds, ct);
            // The figures are part of the enterprise: its version moves on, so an edit opened before the import is refused.
            // One statement for the batch (a fresh prefix and the id keep every version new and distinct); the figures'
            // own audit rows record the change, so this bookkeeping is not audited again.
            var ids = changed.ToList();
            var prefix = RecordVersions.New()[..20];
            var now = DateTime.UtcNow;
#pragma warning disable CA1305 // translated to SQL: an integer's text, no culture involved
            if (ids.Count > 0)
                await db.Enterprises.Where(e => EF.Parameter(ids).Contains(e.Id))
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(e => e.Version, e => prefix + e.Id.ToString()).SetProperty(e => e.UpdatedAt, now), ct);
#pragma warning restore CA1305
            db.ChangeTracker.Clear();
            progress?.Report(Math.Min(1.0, (start + Batch) / (double)total));
        }
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ImportOutcome(false, 0, 0, 0, clock.Elapsed, problems).Metered(ImportName, check.File.Rows.Count);
        }
        if (kept is not null && await LockedRegistriesStampAsync(ct) != resolution!.RegistriesStamp)
        {
            // A registry write committed while this one ran: the check's findings may no longer hold. Nothing of this run is
            // kept; the commit starts again, checking every row in its transaction.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            check.Resolution = null;
            return await CommitImportAsync(check, user, progress, ct);
        }
        var outcome = await check.FinishAsync(db, transaction, new ImportOutcome(true, added, updated, unchanged, clock.Elapsed, []), ct);
        return outcome.Metered(ImportName, check.File.Rows.Count);
    }
}
