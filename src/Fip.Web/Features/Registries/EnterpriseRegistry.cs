using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>企业 registry: keyed by 统一社会信用代码, scoped by district and, for enterprise users, by the code itself.</summary>
public sealed class EnterpriseRegistry : Registry<Enterprise>
{
    public const string Key = "enterprises";
    public override string Name => Key;
    public override string WritePolicy => Policies.RecordWrite;
    /// <summary>An enterprise changes its own record but neither adds one (it submits it for its district's approval, 我的企业) nor
    /// takes itself out of the official figures.</summary>
    public override string AddRemovePolicy => Policies.DistrictWrite;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<QualificationKind>("qualification")];
    public override Expression<Func<Enterprise, int?>> DistrictOf { get; } = e => e.DistrictId;

    /// <summary>Fields that feed official figures: an enterprise user may not change them itself (the district approves).</summary>
    public static readonly IReadOnlySet<string> NeedDistrictApproval = new HashSet<string>(StringComparer.Ordinal)
        { "qualifications", "district", "tracks" };

    public override CriteriaCatalogue<Enterprise> Criteria { get; } = new(Key,
    [
        new("qualification", "Field.enterprises.qualifications", CriteriaFields.OptionsOf<QualificationKind>(), values =>
        {
            var kinds = values.Select(Enum.Parse<QualificationKind>).ToList();
            return e => e.Qualifications.Any(q => kinds.Contains(q.Kind));
        }),
    ], null, "Goals.DatedBy.Created")
    { CountUnitKey = "Goals.UnitFirms" };

    public override IReadOnlyList<RegistryField<Enterprise>> Fields { get; } =
    [
        F("creditCode", FieldKind.CreditCode, e => e.CreditCode, (e, v) => e.CreditCode = (string)v!) with { Required = true, InList = true,
            Example = "91321003MA1MDEMA0J" },
        F("name", FieldKind.Text, e => e.Name, (e, v) => e.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "扬州星辰航空科技有限公司" },
        F("shortName", FieldKind.Text, e => e.ShortName, (e, v) => e.ShortName = (string?)v) with { MaxLength = 50, Example = "星辰航空" },
        F("district", FieldKind.District, e => e.DistrictId, (e, v) => e.DistrictId = (int)v!) with { Required = true, InList = true,
            Example = "邗江区" },
        F("tracks", FieldKind.TrackList, e => e.Tracks.Select(t => t.TrackId).Order().ToArray(), SetTracks) with { InList = true,
            Example = "低空经济、元宇宙" },
        F("qualifications", FieldKind.Qualifications, e => e.Qualifications.OrderBy(q => q.Kind).Select(q => (q.Kind, q.Year)).ToArray(),
            SetQualifications) with { InList = true, Example = "高新技术企业(2022)、专精特新中小企业(2023)" },
        F("address", FieldKind.Text, e => e.Address, (e, v) => e.Address = (string?)v) with { MaxLength = 300, Example = "扬州市邗江区文昌西路88号" },
        F("foundedOn", FieldKind.Date, e => e.FoundedOn, (e, v) => e.FoundedOn = (DateOnly?)v) with { Example = "2016-05-20" },
        F("registeredCapital", FieldKind.Decimal, e => e.RegisteredCapital,
            (e, v) => e.RegisteredCapital = (decimal?)v) with { Example = "5000" },
        F("employees", FieldKind.Int, e => e.Employees, (e, v) => e.Employees = (int?)v) with { Example = "120" },
        F("businessScope", FieldKind.LongText, e => e.BusinessScope, (e, v) => e.BusinessScope = (string?)v) with { MaxLength = 4000,
            Example = "无人驾驶航空器的研发、生产；飞行控制系统的技术开发" },
        F("contactPerson", FieldKind.Text, e => e.ContactPerson, (e, v) => e.ContactPerson = (string?)v) with { MaxLength = 50,
            Personal = true, Example = "王明" },
        F("contactPhone", FieldKind.Phone, e => e.ContactPhone, (e, v) => e.ContactPhone = (string?)v) with { MaxLength = 30,
            Personal = true, Example = "13800000000" },
    ];

    private static void SetTracks(Enterprise e, object? value)
    {
        var ids = (int[]?)value ?? [];
        e.Tracks.RemoveAll(t => !ids.Contains(t.TrackId));
        foreach (var id in ids.Where(id => e.Tracks.All(t => t.TrackId != id))) e.Tracks.Add(new EnterpriseTrack { TrackId = id });
    }

    private static void SetQualifications(Enterprise e, object? value)
    {
        var list = ((QualificationKind Kind, int? Year)[]?)value ?? [];
        e.Qualifications.RemoveAll(q => list.All(x => x.Kind != q.Kind));
        foreach (var (kind, year) in list)
        {
            var existing = e.Qualifications.FirstOrDefault(q => q.Kind == kind);
            if (existing is null) e.Qualifications.Add(new EnterpriseQualification { Kind = kind, Year = year });
            else if (existing.Year != year) existing.Year = year;
        }
    }

    public override IQueryable<Enterprise> Query(FipDbContext db) =>
        db.Enterprises.Include(e => e.Tracks).Include(e => e.Qualifications).AsSplitQuery();

    public override IQueryable<Enterprise> Search(IQueryable<Enterprise> query, string pattern) =>
        query.Where(
            e => EF.Functions.Like(e.Name, pattern, "\\")
                || EF.Functions.Like(e.ShortName!, pattern, "\\")
                || EF.Functions.Like(e.CreditCode, pattern, "\\"));

    /// <summary>Names by their bigram index where it answers the search (see <see cref="EnterpriseNameSearch.Search"/>).</summary>
    protected override IQueryable<Enterprise> SearchText(FipDbContext db, IQueryable<Enterprise> query, RegistryFilter filter) =>
        EnterpriseNameSearch.Search(db, query, filter.Q!, filter.District) ?? base.SearchText(db, query, filter);

    /// <summary>
    /// A name search, newest first (the list's default order), in two steps so that a page and a capped count stop early
    /// instead of collecting every posting of a common word (科技 is in half the names): the candidates are read from the
    /// indexes alone (the bigram postings in id order, holding every bigram of the text and the track), then the enterprise
    /// rows of a chunk of candidates are checked by id (deletion, visibility, the other filters and the LIKE), until enough
    /// are found. The postings are kept per district, so a search in one district walks its postings, and a search of the
    /// whole city walks every district's at once, merged by id (the newest candidates of the city are among the newest of
    /// each district): a leader's search for 科技 checks about a page of rows instead of listing half a million postings.
    /// The same ids, in the same order, as <see cref="Registry{T}.List"/>.
    /// </summary>
    public override async Task<List<int>> ListIdsAsync(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, int? limit,
        CancellationToken ct)
    {
        if (!EnterpriseNameSearch.Answers(filter.Q) || IsSorted(filter)) return await base.ListIdsAsync(db, filter, user, limit, ct);
        List<int> districts = filter.District is { } one ? [one] : await db.Districts.Select(d => d.Id).ToListAsync(ct);
        var grams = await EnterpriseNameSearch.RarestFirstAsync(db, filter.Q!, ct);
        var candidates = new NewestFirst([.. districts.Select(d => EnterpriseNameSearch.Postings(db, grams, d, filter.Track)
            .OrderByDescending(g => g.EnterpriseId)
            .Select(g => g.EnterpriseId))]);
        // The candidates hold the district and the track already (the postings' own district, kept with the enterprise's in
        // the same transaction, and the track probed with them): their rows are checked for the rest (deletion, visibility,
        // the other filters, the LIKE) without probing the track again.
        var records = EnterpriseNameSearch.Matches(Filtered(db, filter with { District = null, Track = null }, user, search: false),
            filter.Q!);
        var want = limit ?? int.MaxValue;
        var found = new List<int>();
        while (found.Count < want)
        {
            // As many candidates as are still wanted (nearly every candidate matches: the LIKE only refuses bigrams that are
            // not adjacent), at least a few hundred, at most a chunk.
            var size = (int)Math.Clamp((long)want - found.Count, 200, ChunkSize);
            var chunk = await candidates.TakeAsync(size, ct);
            if (chunk.Count == 0) break;
            // One parameter for the chunk (json_each on SQLite, an array on PostgreSQL), so the statement stays the same.
            var matched = (await records.Where(e => EF.Parameter(chunk).Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            found.AddRange(chunk.Where(matched.Contains));
            if (chunk.Count < size) break;
        }
        return found.Count > want ? found[..want] : found;
    }

    /// <summary>The name search's walk (<see cref="ListIdsAsync"/>) is kept between requests; a drill-down by indicator is not (its
    /// conditions follow the goals, not the registries).</summary>
    public override bool KeepsListIds(RegistryFilter filter) =>
        EnterpriseNameSearch.Answers(filter.Q) && !IsSorted(filter) && string.IsNullOrEmpty(filter.Indicator);

    /// <summary>
    /// Ids of streams each in descending order (a district's postings), taken newest first across them all, merged as they are
    /// read: each stream is read a share at a time, and an id is taken once no stream still being read can hold a larger one
    /// (each stream's unread ids are below the last it gave), so nine districts are read about as far as the page needs.
    /// </summary>
    private sealed class NewestFirst(IReadOnlyList<IQueryable<int>> streams)
    {
        private readonly Queue<int>[] _buffers = [.. streams.Select(_ => new Queue<int>())];
        private readonly int[] _last = [.. streams.Select(_ => int.MaxValue)];
        private readonly bool[] _open = [.. streams.Select(_ => true)];

        /// <summary>The next <paramref name="size"/> ids (fewer only when every stream is exhausted).</summary>
        public async Task<List<int>> TakeAsync(int size, CancellationToken ct)
        {
            var share = streams.Count == 1 ? size : Math.Max(50, 2 * size / streams.Count);
            var taken = new List<int>(size);
            while (taken.Count < size)
            {
                // The open stream whose last id is the largest bounds what is safe to take; it is the one to read further.
                var bound = int.MinValue;
                var next = -1;
                for (var s = 0; s < streams.Count; s++)
                    if (_open[s] && _last[s] > bound) (bound, next) = (_last[s], s);
                while (taken.Count < size && Newest() is { } s && _buffers[s].Peek() >= bound) taken.Add(_buffers[s].Dequeue());
                if (taken.Count >= size || next < 0) break;
                var last = _last[next];
                var ids = await streams[next].Where(id => id < last).Take(share).ToListAsync(ct);
                foreach (var id in ids) _buffers[next].Enqueue(id);
                if (ids.Count > 0) _last[next] = ids[^1];
                _open[next] = ids.Count == share;
            }
            return taken;
        }

        /// <summary>The stream whose buffered head is the largest id, or null when every buffer is empty.</summary>
        private int? Newest()
        {
            int? newest = null;
            for (var s = 0; s < _buffers.Length; s++)
                if (_buffers[s].Count > 0 && (newest is not { } n || _buffers[s].Peek() > _buffers[n].Peek())) newest = s;
            return newest;
        }
    }

    /// <summary>The most candidates checked against the enterprise rows in one query.</summary>
    private const int ChunkSize = 5000;

    public override async Task<int> CountAsync(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, CancellationToken ct) =>
        filter.District is not null && EnterpriseNameSearch.Answers(filter.Q)
            ? (await ListIdsAsync(db, filter with { Sort = null }, user, null, ct)).Count
            : await base.CountAsync(db, filter, user, ct);

    public override IQueryable<Enterprise> Filter(IQueryable<Enterprise> query, RegistryFilter f)
    {
        // With a name search by bigrams, the district is matched through the bigrams' own district (their index), and the
        // enterprise's district is only checked, written so SQLite does not read the district index instead (unary + 0).
        if (f.District is { } d)
            query = EnterpriseNameSearch.Answers(f.Q) ? query.Where(e => e.DistrictId + 0 == d) : query.Where(e => e.DistrictId == d);
        if (f.Track is { } t) query = query.Where(e => e.Tracks.Any(x => x.TrackId == t));
        if (ParseEnum<QualificationKind>(f.Qualification) is { } q) query = query.Where(e => e.Qualifications.Any(x => x.Kind == q));
        return query;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<Enterprise>, bool, IQueryable<Enterprise>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Enterprise>, bool, IQueryable<Enterprise>>>(StringComparer.Ordinal)
        {
            ["name"] = By(e => e.Name),
            ["creditCode"] = By(e => e.CreditCode),
            ["district"] = By(e => e.DistrictId),
            ["updatedAt"] = By(e => e.UpdatedAt),
        };

    public override string NaturalKey(Enterprise record) => record.CreditCode;

    public override async Task<Dictionary<string, Enterprise>> FindByNaturalKeysAsync(FipDbContext db,
        IReadOnlyCollection<Enterprise> candidates, CancellationToken ct)
    {
        var codes = candidates.Select(c => c.CreditCode).Distinct(StringComparer.Ordinal).ToList();
        // The keys first, through the unique index on the code; then only the records found, with their tracks and
        // qualifications, by key. A batch of new enterprises (a first load) stops at the first query: the split queries of the
        // includes joined the code list against the child tables, which PostgreSQL planned as scans of the whole tables while
        // an import grew them in its transaction (its statistics do not count uncommitted rows).
        var ids = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).Select(e => e.Id).ToListAsync(ct);
        if (ids.Count == 0) return new Dictionary<string, Enterprise>(StringComparer.Ordinal);
        var found = await Query(db).Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        return found.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
    }

    public override IQueryable<Enterprise> VisibleTo(IQueryable<Enterprise> query, ClaimsPrincipal user) =>
        user.Role() == Roles.Enterprise ? query.Where(e => e.CreditCode == user.EnterpriseUscc()) : query;
}
