using System.Diagnostics;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

public sealed partial class RegistryOps<T>
{
    private const int Batch = 1000;

    /// <summary>Maps the file's headers to fields by Chinese label, English label or key.</summary>
    private List<string?> MapColumns(TabularFile file, List<string> unknown)
    {
        var map = new List<string?>();
        foreach (var header in file.Headers)
        {
            var field = registry.Fields.FirstOrDefault(f =>
                string.Equals(header, Labels.Header(f.Label(registry.Name)), StringComparison.Ordinal)
                || string.Equals(header, Labels.EnglishHeader(f.Label(registry.Name)), StringComparison.OrdinalIgnoreCase)
                || string.Equals(header, f.Key, StringComparison.OrdinalIgnoreCase));
            map.Add(field?.Key);
            if (field is null) unknown.Add(l["Import.UnknownColumn", header].Value);
        }
        return map;
    }

    /// <summary>
    /// What a commit starts from: the file's columns mapped, no row read. The commit checks every row itself, in its
    /// transaction (parse, rules, duplicates in the file, scope), so the file is not read a third time to check it again.
    /// </summary>
    public Task<ImportCheck> CheckForCommitAsync(TabularFile file, ClaimsPrincipal user, bool acceptCheckMismatch, CancellationToken ct) =>
        Task.FromResult(CheckColumns(file, acceptCheckMismatch));

    /// <summary>The file-level part of a check: its columns mapped to fields, the missing and unknown ones, no rows.</summary>
    private ImportCheck CheckColumns(TabularFile file, bool acceptCheckMismatch)
    {
        var unknown = new List<string>();
        var columns = MapColumns(file, unknown);
        var check = new ImportCheck
        { Registry = registry.Name, FileName = file.Name, File = file, ColumnFields = columns, AcceptCheckMismatch = acceptCheckMismatch };
        check.FileProblems.AddRange(unknown);
        foreach (var required in registry.Fields.Where(f => f.Required && !columns.Contains(f.Key)))
            check.FileProblems.Add(l["Import.MissingColumn", Labels.Header(required.Label(registry.Name))].Value);
        if (file.Rows.Count == 0) check.FileProblems.Add(l["Import.NoRows"].Value);
        return check;
    }

    public async Task<ImportCheck> CheckImportAsync(TabularFile file, ClaimsPrincipal user, bool acceptCheckMismatch,
        IProgress<double>? progress, CancellationToken ct)
    {
        var check = CheckColumns(file, acceptCheckMismatch);
        if (check.FileProblems.Count > 0) return check;
        var columns = check.ColumnFields;

        var lookups = await LookupsAsync(ct);
        var done = 0;
        await foreach (var (rowCount, parsed, parseProblems) in ParsedChunksAsync(file.Rows, columns, lookups, user, acceptCheckMismatch,
            stopAtProblem: false, ct))
        {
            foreach (var problem in parseProblems) check.Add(problem);
            var existing = await registry.FindByNaturalKeysAsync(db, [.. parsed.Select(p => p.Record)], ct);
            foreach (var (row, record) in parsed)
            {
                await ResolveForScopeAsync(record, ct);
                if (!await CanAsync(user, record, ScopeRequirement.Write))
                {
                    check.Add(new ImportProblem(row.RowNumber, "", null, l["Import.OutOfScope"].Value));
                    continue;
                }
                if (existing.GetValueOrDefault(registry.NaturalKey(record)) is { } stored)
                {
                    if (!await CanAsync(user, stored, ScopeRequirement.Write))
                    {
                        check.Add(new ImportProblem(row.RowNumber, "", null, l["Import.OutOfScope"].Value));
                        continue;
                    }
                    if (stored.IsDeleted || Differs(stored, record, columns, lookups)) check.Updated++;
                    else check.Unchanged++;
                }
                else check.Added++;
            }
            db.ChangeTracker.Clear();
            done += rowCount;
            progress?.Report(Math.Min(1.0, done / (double)file.Rows.Count));
        }
        return check;
    }

    /// <summary>A chunk of the file's rows parsed: the records that passed, each with its row, and the others' problems.</summary>
    private sealed record ParsedChunk(int Rows, List<(TabularRow Row, T Record)> Records, List<ImportProblem> Problems);

    /// <summary>
    /// The file's rows parsed a chunk at a time: the cells into fields, the registry's rules across fields
    /// (<see cref="Registry{T}.CompleteAsync"/>), duplicates of a natural key within the file (only the keys are held across
    /// the file; the rows are streamed a chunk at a time). With <paramref name="stopAtProblem"/> the chunk of the first problem is
    /// the last and that row its last (a commit then keeps nothing). Where parsing reads nothing from the database (the
    /// registry's rules, <see cref="Registry{T}.CompletesWithoutDatabase"/>, and no column naming an enterprise) the chunks are
    /// parsed on another thread, two ahead of the caller, which meanwhile looks the records up and writes them: nothing here
    /// touches the context or the caller's lists then.
    /// </summary>
    private IAsyncEnumerable<ParsedChunk> ParsedChunksAsync(IReadOnlyList<TabularRow> rows, IReadOnlyList<string?> columns,
        FieldLookups lookups, ClaimsPrincipal user, bool acceptCheckMismatch, bool stopAtProblem, CancellationToken ct)
    {
        async IAsyncEnumerable<ParsedChunk> Parse([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken c = default)
        {
            var seen = new SeenKeys(rows.Count);
            foreach (var chunk in rows.Chunk(Batch))
            {
                c.ThrowIfCancellationRequested();
                var parsed = new List<(TabularRow Row, T Record)>(chunk.Length);
                var problems = new List<ImportProblem>();
                foreach (var row in chunk)
                {
                    if (stopAtProblem && problems.Count > 0) break;
                    if (ParseRow(row, columns, lookups, user, acceptCheckMismatch, problems.Add) is not { } record
                        || !await CompleteRowAsync(row, record, problems.Add, c)) continue;
                    if (!seen.TryAdd(registry.NaturalKey(record), row.RowNumber, out var firstRow))
                    {
                        problems.Add(new ImportProblem(row.RowNumber, "", null, l["Import.DuplicateInFile", firstRow].Value));
                        continue;
                    }
                    parsed.Add((row, record));
                }
                yield return new ParsedChunk(chunk.Length, parsed, problems);
                if (stopAtProblem && problems.Count > 0) yield break;
            }
        }
        // A cell naming an enterprise is looked up in the database (FieldLookups.FindEnterprise), as a registry's own rules may be.
        var readsDatabase = !registry.CompletesWithoutDatabase
            || columns.Any(c => c is not null && registry.Field(c)!.Kind == FieldKind.Enterprise);
        return readsDatabase ? Parse(ct) : ReadAhead.Of(Parse(), 2, ct);
    }

    /// <summary>Parses one row into a new record, reporting every bad cell; null when the row has problems.</summary>
    private T? ParseRow(TabularRow row, IReadOnlyList<string?> columns, FieldLookups lookups, ClaimsPrincipal user,
        bool acceptCheckMismatch, Action<ImportProblem> report)
    {
        var record = new T();
        var ok = true;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is not { } key) continue;
            var field = registry.Field(key)!;
            var text = i < row.Cells.Count ? row.Cells[i] : null;
            var value = FieldText.Parse(field, text, lookups, Labels.ParseEnum, out var problem);
            if (problem is not null)
            {
                if (problem.Reason == "Uscc.CheckMismatch" && acceptCheckMismatch && user.IsInRole(Roles.Admin)) value = problem.Args[0];
                else
                {
                    report(
                        new ImportProblem(row.RowNumber, Labels.Header(field.Label(registry.Name)), text,
                            l[problem.Reason, problem.Args].Value));
                    ok = false;
                    continue;
                }
            }
            field.Set(record, value);
        }
        return ok ? record : null;
    }

    /// <summary>The registry's rules across fields and records (<see cref="Registry{T}.CompleteAsync"/>), reported on the row.</summary>
    private async Task<bool> CompleteRowAsync(TabularRow row, T record, Action<ImportProblem> report, CancellationToken ct)
    {
        if (await registry.CompleteAsync(db, record, ct) is not { } rule) return true;
        report(new ImportProblem(row.RowNumber, "", null, l[rule.Reason, rule.Args].Value));
        return false;
    }

    /// <summary>Whether the stored record differs from the imported one in any column the file has.</summary>
    private bool Differs(T stored, T imported, IReadOnlyList<string?> columns, FieldLookups lookups) =>
        columns.Where(c => c is not null).Select(c => registry.Field(c!)!)
            .Any(f => !string.Equals(Format(f, stored, lookups), Format(f, imported, lookups), StringComparison.Ordinal));

    /// <summary>Gives an unsaved record the enterprise it points to, so the scope check sees its district and code.</summary>
    private async Task ResolveForScopeAsync(T record, CancellationToken ct)
    {
        async Task<Enterprise?> Load(int? id) => id is null ? null
            : await db.Enterprises
                .AsNoTracking()
                .Where(e => e.Id == id)
                .Select(e => new Enterprise { Id = e.Id, DistrictId = e.DistrictId, CreditCode = e.CreditCode, Name = e.Name })
                .FirstOrDefaultAsync(ct);
        switch (record)
        {
            case KeyProduct p when p.Enterprise is null: p.Enterprise = (await Load(p.EnterpriseId))!; break;
            case KeyProject p when p.Enterprise is null: p.Enterprise = await Load(p.EnterpriseId); break;
            case IEnterpriseScoped p when p.Enterprise is null: p.Enterprise = (await Load(p.EnterpriseId))!; break;
        }
    }

    /// <summary>Commits a checked file in one transaction: all rows or none.</summary>
    public async Task<ImportOutcome> CommitImportAsync(ImportCheck check, ClaimsPrincipal user, IProgress<double>? progress,
        CancellationToken ct)
    {
        if (!check.CanCommit) return new ImportOutcome(false, 0, 0, 0, TimeSpan.Zero, check.Problems);
        if (!db.Database.IsSqlite()) return await CommitRowsAsync(check, user, progress, ct);
        // SQLite's page cache is 2 MB a connection by default: a transaction writing a large file into indexed tables spills
        // its dirty pages and reads index pages back again and again. The commit's connection gets a larger one for the
        // commit only (pages are taken as used; back to the default before the connection returns to the pool).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{CommitCacheKibibytes}", ct);
            return await CommitRowsAsync(check, user, progress, ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The stored records with the natural keys of a batch being committed. On PostgreSQL the lookup (= ANY of a thousand keys)
    /// is a prepared statement whose generic plan, made while the table was small (the check ran on it before the commit grew
    /// it), scans the table and compares every row with the whole array: a cost that grows with every batch (0.5 s a batch at
    /// 50,000 rows). Each lookup is planned for its own keys and the table's size at that moment (its pages grow as rows are
    /// written, statistics or not): an index lookup, or a hashed array on a small table. Only the lookup: the foreign-key
    /// checks of the rows written keep their cached plans (planning each of them costs more than it saves).
    /// </summary>
    private async Task<Dictionary<string, T>> FindStoredAsync(IReadOnlyCollection<T> records, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return await registry.FindByNaturalKeysAsync(db, records, ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
        var found = await registry.FindByNaturalKeysAsync(db, records, ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode TO DEFAULT", ct);
        return found;
    }

    /// <summary>
    /// From how many rows a file may be loaded with the enterprises' secondary indexes made after its rows
    /// (<c>Imports:RebuildIndexesFrom</c>, 50,000): only when the file has at least as many rows as the table already holds, so
    /// the builds (each a sort of the whole table) cost less than the inserts into B-trees they replace.
    /// </summary>
    private int RebuildIndexesFrom => configuration?.GetValue("Imports:RebuildIndexesFrom", 50_000) ?? 50_000;

    /// <summary>
    /// For a large load of enterprises into a table smaller than the file: their secondary indexes dropped in the commit's
    /// transaction, to be made again by one sorted build each before it commits (<see cref="DeferredIndexes"/>); null otherwise.
    /// The unique credit-code index stays: the commit looks each batch up by it, unless <c>Empty</c>: the table held no
    /// enterprise once the indexes were dropped. Dropping them is a write, so from then on no other writer can add one
    /// before this commit ends (SQLite's write lock; on PostgreSQL the table's ACCESS EXCLUSIVE lock), and the file's rows
    /// are all new (its own duplicates are refused as they come): nothing is looked up, and the credit-code index, too, is
    /// built after the rows (as unique as before: the build would fail on a duplicate, and the commit with it).
    /// </summary>
    private async Task<(List<DeferredIndexes> Indexes, bool Empty)> DeferIndexesAsync(int fileRows, CancellationToken ct)
    {
        if (typeof(T) != typeof(Enterprise) || fileRows < RebuildIndexesFrom) return ([], false);
        var stored = await db.Enterprises.IgnoreQueryFilters().OrderBy(e => e.Id).Take(fileRows + 1).CountAsync(ct);
        if (stored > fileRows) return ([], false);
        // The rows go to the end of the table and into the credit-code index alone: SQLite needs a quarter of the page cache.
        await QuarterCacheAsync(ct);
        List<DeferredIndexes> indexes = [await DeferredIndexes.DropAsync(db, "Enterprises", primaryKey: false, ct)];
        var empty = stored == 0 && !await db.Enterprises.IgnoreQueryFilters().AnyAsync(ct);
        if (!empty) return (indexes, false);
        // On PostgreSQL each row's foreign keys cost a trigger a row (a query, and a lock on the row it refers to): into empty
        // tables the enterprises' key to their district and their tracks' and qualifications' keys (with their secondary
        // indexes) are dropped and added again after the rows, one join a key (a row referring to nothing refuses the import:
        // MissingReference). This locks their tables, the districts and the tracks (referred to) until the commit, as the
        // enterprises already are: a first load, before the registry is in use.
        indexes.Add(await DeferredIndexes.DropAsync(db, "Enterprises", primaryKey: false, ct, unique: true,
            foreignKeys: db.Database.IsNpgsql()));
        if (db.Database.IsNpgsql())
            foreach (var child in ChildTables)
                indexes.Add(await DeferredIndexes.DropAsync(db, child, primaryKey: false, ct, foreignKeys: true));
        return (indexes, true);
    }

    /// <summary>The enterprises' child rows an import writes (<see cref="EnterpriseBulkInsert"/>).</summary>
    private static readonly string[] ChildTables = ["EnterpriseQualifications", "EnterpriseTracks"];

    /// <summary>A quarter of the commit's SQLite page cache (the commit's end resets it); nothing on PostgreSQL.</summary>
    private async Task QuarterCacheAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{CommitCacheKibibytes / 4}", ct);
    }

    /// <summary>The page cache of a SQLite commit's connection: 128 MiB.</summary>
    private const int CommitCacheKibibytes = 128 * 1024;

    private async Task<ImportOutcome> CommitRowsAsync(ImportCheck check, ClaimsPrincipal user, IProgress<double>? progress,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var steps = new CommitSteps();
        var lookups = await LookupsAsync(ct);
        var columns = check.ColumnFields;
        int added = 0, updated = 0, unchanged = 0;
        var problems = new List<ImportProblem>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PostgresCompression.UseLz4Async(db, ct);
        var rows = check.File.Rows;
        var written = new List<int>();
        // The file's row of each written enterprise (same order as written), to name it when a deferred foreign key fails.
        var writtenRows = new List<int>();
        var names = new NamePostings();
        // New enterprises' keys, reserved twenty chunks at a time.
        var keyBlocks = new RowWriter.KeyBlocks<Enterprise>(20 * Batch);
        var changeSet = Guid.NewGuid().ToString("N");
        var (deferred, empty) = await DeferIndexesAsync(rows.Count, ct);
        steps.Lap("start");
        // The commit checks every row again (it may be all the checking there is: CheckForCommitAsync), duplicates included.
        var done = 0;
        await foreach (var (rowCount, parsed, parseProblems) in ParsedChunksAsync(rows, columns, lookups, user, check.AcceptCheckMismatch,
            stopAtProblem: true, ct))
        {
            problems.AddRange(parseProblems);
            steps.Lap("parse");
            if (problems.Count > 0) break;
            // Into a table that held no enterprise under this commit's lock, nothing is stored but what it wrote: no lookups.
            Dictionary<string, T> existing = empty ? new() : await FindStoredAsync([.. parsed.Select(p => p.Record)], ct);
            steps.Lap("lookup");
            var fresh = new List<Enterprise>();
            foreach (var (row, record) in parsed)
            {
                if (existing.GetValueOrDefault(registry.NaturalKey(record)) is { } stored)
                {
                    if (!await CanAsync(user, stored, ScopeRequirement.Write))
                    {
                        problems.Add(new ImportProblem(row.RowNumber, "", null, l["Import.OutOfScope"].Value)); break;
                    }
                    if (!stored.IsDeleted && !Differs(stored, record, columns, lookups)) { unchanged++; continue; }
                    foreach (var key in columns.OfType<string>()) { var f = registry.Field(key)!; f.Set(stored, f.Get(record)); }
                    stored.IsDeleted = false;
                    stored.DeletedAt = null;
                    stored.Version = RecordVersions.New();
                    if (stored is Enterprise se)
                        se.CreditCodeCheckOverridden =
                            Infrastructure.CreditCode.Validate(se.CreditCode) != Infrastructure.CreditCode.Result.Valid;
                    updated++;
                }
                else
                {
                    await ResolveForScopeAsync(record, ct);
                    if (!await CanAsync(user, record, ScopeRequirement.Write))
                    {
                        problems.Add(new ImportProblem(row.RowNumber, "", null, l["Import.OutOfScope"].Value)); break;
                    }
                    // Navigations were only needed for the scope check; the keys are what is stored.
                    if (record is KeyProduct kp) kp.Enterprise = null!;
                    if (record is KeyProject kj) kj.Enterprise = null;
                    if (record is Enterprise ne)
                    {
                        ne.CreditCodeCheckOverridden =
                            Infrastructure.CreditCode.Validate(ne.CreditCode) != Infrastructure.CreditCode.Result.Valid;
                        // New enterprises (most of a large import) are written in bulk, untracked, with the same audit lines.
                        fresh.Add(ne);
                        writtenRows.Add(row.RowNumber);
                    }
                    else db.Add(record);
                    added++;
                }
            }
            steps.Lap("scope");
            if (problems.Count > 0) break;
            await db.SaveChangesAsync(ct);
            steps.Lap("save");
            await EnterpriseBulkInsert.InsertAsync(db, fresh, written, names, changeSet, keyBlocks, steps, ct);
            db.ChangeTracker.Clear();
            done += rowCount;
            progress?.Report(Math.Min(1.0, done / (double)rows.Count));
        }
        if (problems.Count > 0)
        {
            // Something changed since the check (or was never checked): nothing is kept.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ImportOutcome(false, 0, 0, 0, clock.Elapsed, problems).Metered(ImportName, check.File.Rows.Count);
        }
        // SQLite sorts the bigrams and each index build in memory up to the page cache's size before it spills sorted runs to
        // temporary files: with the rows written, a smaller cache keeps both within bounds (a quarter; the commit's end resets it).
        if (rows.Count >= Batch) await QuarterCacheAsync(ct);
        // The bigrams' primary key, too, is built once after a load this large (PostgreSQL; on SQLite it is the table).
        var grams = deferred.Count > 0 && db.Database.IsNpgsql()
            ? await DeferredIndexes.DropAsync(db, "EnterpriseNameGrams", primaryKey: true, ct)
            : null;
        await names.WriteAsync(db, ct);
        steps.Lap("bigrams");
        if (grams is not null) await grams.CreateAsync(db, ct);
        steps.Lap("bigram key");
        try
        {
            foreach (var indexes in deferred) await indexes.CreateAsync(db, ct);
        }
        catch (MissingReferenceException missing)
        {
            // A child row refers to what is gone (a track deleted after the commit read the tracks): nothing is kept.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ImportOutcome(false, 0, 0, 0, clock.Elapsed, [MissingReferenceProblem(missing, written, writtenRows, lookups)])
                .Metered(ImportName, check.File.Rows.Count);
        }
        steps.Lap("indexes");
        if (written.Count > 0)
        {
            db.AuditEntries.Add(EnterpriseBulkInsert.ImportedLine(db, changeSet, check.FileName, written));
            await db.SaveChangesAsync(ct);
        }
        var outcome = await check.FinishAsync(db, transaction, new ImportOutcome(true, added, updated, unchanged, clock.Elapsed, []), ct);
        steps.Lap("finish");
        steps.Log(importLog, ImportName, rows.Count);
        return outcome.Metered(ImportName, check.File.Rows.Count);
    }

    /// <summary>
    /// The problem of a child row whose reference a deferred foreign key found missing: the file's row of its enterprise and
    /// the column it came from (the tracks), or the record itself when it is the enterprise that is missing.
    /// </summary>
    private ImportProblem MissingReferenceProblem(MissingReferenceException missing, List<int> written, List<int> writtenRows,
        FieldLookups lookups)
    {
        // The row is an enterprise's own (its district) or a child row's (a track, a qualification).
        var enterprise = missing.Row.GetValueOrDefault(missing.Table == "Enterprises" ? "Id" : "EnterpriseId");
        var at = enterprise is int id ? written.IndexOf(id) : -1;
        var row = at >= 0 ? writtenRows[at] : 0;
        var field = missing.Column switch
        {
            "TrackId" => registry.Field("tracks"),
            "DistrictId" => registry.Field("district"),
            _ => null,
        };
        var label = field is null ? missing.Parent : l[field.Label(registry.Name)].Value;
        var value = missing.Row.GetValueOrDefault(missing.Column);
        var shown = (missing.Column, value) switch
        {
            ("TrackId", int trackId) when lookups.Tracks.FirstOrDefault(t => t.Id == trackId) is { } track => track.Name,
            ("DistrictId", int districtId) when lookups.Districts.FirstOrDefault(d => d.Id == districtId) is { } d => d.ShortName,
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
        return new ImportProblem(row, field is null ? "" : Labels.Header(field.Label(registry.Name)), shown,
            l["Import.ReferenceGone", label].Value);
    }
}
