using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Supervision;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Regulation;

/// <summary>What a department fills in to grant a measure.</summary>
public sealed record MeasureInput(MeasureKind Kind, MeasureSubject Subject, string? SubjectName, string? EnterpriseUscc, int? DepartmentId,
    int? TrackId, string? LegalBasis, string? Scope, DateOnly? StartOn, DateOnly? EndOn, string? Conditions, string? Risks);

/// <summary>What a department fills in for a 提示 or 行政指导; <see cref="Send"/> false keeps it a draft.</summary>
public sealed record NoticeInput(NoticeKind Kind, string? EnterpriseUscc, long? MeasureId, string? Findings, string? Advice,
    DateOnly? ReplyBy, bool Send);

/// <summary>Measures per department and track: how many, running, and how each ended.</summary>
public sealed record MeasureStat(string Department, string? Track, int Total, int Running, int Regular, int Extended, int Terminated);

/// <summary>
/// Flexible regulation: measures (观察期, 包容期), 提示 and 行政指导, their evidence and the enterprise's replies. Every read goes
/// through <see cref="ScopeAuthorizationHandler"/> (the department that granted, the enterprise's district, the enterprise, leaders
/// and admins); writes by the owning department (or an admin), the reply by the enterprise.
/// </summary>
public sealed class RegulationService(FipDbContext db, AttachmentStore store, AlertService alerts, TimeProvider clock)
{
    public DateOnly Today => Display.Today(clock);

    private static bool Sees(ClaimsPrincipal user, IScopedResource r) =>
        ScopeAuthorizationHandler.Allows(user, ScopeRequirement.ReadConfined, r);

    private static bool Regulates(ClaimsPrincipal user, IScopedResource r) =>
        user.Role() is Roles.Admin or Roles.Department && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, r);

    public static bool CanRegulate(ClaimsPrincipal user, RegulatoryMeasure m) => Regulates(user, m);
    public static bool CanRegulate(ClaimsPrincipal user, RegulatoryNotice n) => Regulates(user, n);

    public static bool CanReply(ClaimsPrincipal user, RegulatoryNotice n) =>
        user.Role() == Roles.Enterprise && n.State == NoticeState.Sent && Sees(user, n);

    /// <summary>A first cut in the database by role (the scope rule itself is applied to every row read).</summary>
    private static IQueryable<T> Narrow<T>(IQueryable<T> q, ClaimsPrincipal user,
        System.Linq.Expressions.Expression<Func<T, bool>> dept, System.Linq.Expressions.Expression<Func<T, bool>> district,
        System.Linq.Expressions.Expression<Func<T, bool>> enterprise) => user.Role() switch
        {
            Roles.Admin or Roles.Leader => q,
            Roles.Department => q.Where(dept),
            Roles.District => q.Where(district),
            Roles.Enterprise => q.Where(enterprise),
            _ => q.Where(_ => false),
        };

    public async Task<List<RegulatoryMeasure>> MeasuresAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        int? d = user.DepartmentId(), di = user.DistrictId();
        var uscc = user.EnterpriseUscc();
        var q = Narrow(db.Set<RegulatoryMeasure>().AsNoTracking().Include(m => m.Enterprise).Include(m => m.Department)
            .Include(m => m.Track), user, m => m.DepartmentId == d, m => m.DistrictId == di, m => m.EnterpriseUscc == uscc);
        var rows = await q.OrderBy(m => m.EndOn).ThenBy(m => m.Id).Take(1000).ToListAsync(ct);
        return [.. rows.Where(m => Sees(user, m))];
    }

    public async Task<RegulatoryMeasure?> MeasureAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var m = await db.Set<RegulatoryMeasure>().AsNoTracking().Include(m => m.Enterprise).Include(m => m.Department)
            .Include(m => m.District).Include(m => m.Track).Include(m => m.Complaints).FirstOrDefaultAsync(m => m.Id == id, ct);
        return m is not null && Sees(user, m) ? m : null;
    }

    public async Task<List<RegulatoryNotice>> NoticesAsync(ClaimsPrincipal user, long? measureId, CancellationToken ct)
    {
        int? d = user.DepartmentId(), di = user.DistrictId();
        var uscc = user.EnterpriseUscc();
        var q = Narrow(db.Set<RegulatoryNotice>().AsNoTracking().Include(n => n.Enterprise).Include(n => n.Department), user,
            n => n.DepartmentId == d, n => n.DistrictId == di, n => n.EnterpriseUscc == uscc && n.State != NoticeState.Draft);
        if (measureId is { } mid) q = q.Where(n => n.MeasureId == mid);
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(1000).ToListAsync(ct);
        return [.. rows.Where(n => Sees(user, n))];
    }

    /// <summary>One enterprise's measures and notices (drafts only to those who regulate), as far as the reader may see them.</summary>
    public async Task<(List<RegulatoryMeasure> Measures, List<RegulatoryNotice> Notices)> ForEnterpriseAsync(int enterpriseId,
        ClaimsPrincipal user, CancellationToken ct)
    {
        int? d = user.DepartmentId(), di = user.DistrictId();
        var uscc = user.EnterpriseUscc();
        var measures = await Narrow(db.Set<RegulatoryMeasure>().AsNoTracking().Where(m => m.EnterpriseId == enterpriseId), user,
                m => m.DepartmentId == d, m => m.DistrictId == di, m => m.EnterpriseUscc == uscc)
            .OrderByDescending(m => m.StartOn).ThenBy(m => m.Id).Take(200).ToListAsync(ct);
        var notices = await Narrow(db.Set<RegulatoryNotice>().AsNoTracking().Where(n => n.EnterpriseId == enterpriseId), user,
                n => n.DepartmentId == d, n => n.DistrictId == di, n => n.EnterpriseUscc == uscc && n.State != NoticeState.Draft)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct);
        return ([.. measures.Where(m => Sees(user, m))], [.. notices.Where(n => Sees(user, n))]);
    }

    public async Task<RegulatoryNotice?> NoticeAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var n = await db.Set<RegulatoryNotice>().AsNoTracking().Include(n => n.Enterprise).Include(n => n.Department)
            .Include(n => n.Measure).Include(n => n.Evidence).FirstOrDefaultAsync(n => n.Id == id, ct);
        return n is not null && Sees(user, n) ? n : null;
    }

    private Task<Registries.Enterprise?> EnterpriseAsync(string? uscc, CancellationToken ct)
    {
        var code = uscc?.Trim().ToUpperInvariant() ?? "";
        return db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code && !e.IsDeleted, ct);
    }

    /// <summary>Grants a measure. Refused: end before start, missing basis, scope, conditions or risks, an unknown enterprise.</summary>
    public async Task<Outcome<RegulatoryMeasure>> GrantAsync(MeasureInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.LegalBasis)) errors["legalBasis"] = "Regulation.Error.LegalBasis";
        if (string.IsNullOrWhiteSpace(input.Scope)) errors["scope"] = "Regulation.Error.Scope";
        if (string.IsNullOrWhiteSpace(input.Conditions)) errors["conditions"] = "Regulation.Error.Conditions";
        if (string.IsNullOrWhiteSpace(input.Risks)) errors["risks"] = "Regulation.Error.Risks";
        if (input.Subject != MeasureSubject.Enterprise && string.IsNullOrWhiteSpace(input.SubjectName))
            errors["subjectName"] = "Regulation.Error.SubjectName";
        if (input.StartOn is null) errors["startOn"] = "Regulation.Error.StartOn";
        if (input.EndOn is null) errors["endOn"] = "Regulation.Error.EndOn";
        else if (input.StartOn is { } s && input.EndOn < s) errors["endOn"] = "Regulation.Error.EndBeforeStart";
        var enterprise = await EnterpriseAsync(input.EnterpriseUscc, ct);
        if (enterprise is null) errors["enterpriseUscc"] = "Regulation.Error.Enterprise";
        var department = user.Role() == Roles.Department ? user.DepartmentId() : input.DepartmentId;
        if (department is null || !await db.Departments.AnyAsync(d => d.Id == department, ct))
            errors["departmentId"] = "Regulation.Error.Department";
        if (input.TrackId is { } t && !await db.Tracks.AnyAsync(x => x.Id == t, ct)) errors["trackId"] = "Regulation.Error.Track";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        var m = new RegulatoryMeasure
        {
            Kind = input.Kind,
            Subject = input.Subject,
            SubjectName = input.Subject == MeasureSubject.Enterprise ? enterprise!.Name : input.SubjectName!.Trim(),
            EnterpriseId = enterprise!.Id,
            EnterpriseUscc = enterprise.CreditCode,
            DistrictId = enterprise.DistrictId,
            DepartmentId = department!.Value,
            TrackId = input.TrackId,
            LegalBasis = input.LegalBasis!.Trim(),
            Scope = input.Scope!.Trim(),
            StartOn = input.StartOn!.Value,
            EndOn = input.EndOn!.Value,
            Conditions = input.Conditions!.Trim(),
            Risks = input.Risks!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user.Identity?.Name ?? "",
        };
        if (!Regulates(user, m)) return Outcome.Forbidden;
        db.Add(m);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(m);
    }

    /// <summary>Records how a running measure ends or goes on: 转入常规监管, 延长 (a reason and a new end after the current one), 终止
    /// (a reason).</summary>
    public async Task<Outcome> RecordOutcomeAsync(long id, MeasureOutcome outcome, string? reason, DateOnly? newEnd, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var m = await db.Set<RegulatoryMeasure>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || !Sees(user, m)) return Outcome.NotFound;
        if (!Regulates(user, m)) return Outcome.Forbidden;
        if (version is not null && version != m.Version) return Outcome.Stale;
        if (!m.IsActive) return Outcome.Conflict("Regulation.Error.Ended");
        if (outcome == MeasureOutcome.Running) return Outcome.Invalid("outcome", "Regulation.Error.Outcome");
        if (outcome != MeasureOutcome.Regular && string.IsNullOrWhiteSpace(reason))
            return Outcome.Invalid("reason", "Regulation.Error.Reason");
        if (outcome == MeasureOutcome.Extended)
        {
            if (newEnd is not { } end || end <= m.EndOn) return Outcome.Invalid("newEnd", "Regulation.Error.NewEnd");
            m.PreviousEndOn = m.EndOn;
            m.EndOn = end;
        }
        m.Outcome = outcome;
        m.OutcomeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        m.OutcomeAt = clock.GetUtcNow().UtcDateTime;
        m.OutcomeBy = user.Identity?.Name;
        m.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        // The open expiry alerts of the measure are answered by the outcome (an extension arms new ones for the new end).
        var prefix = RegulationAlertRules.ExpiryKeyPrefix(m.Id);
        var open = await db.Alerts.Where(a => a.DedupKey.StartsWith(prefix) && a.Status != AlertStatus.Resolved)
            .Select(a => a.DedupKey).Distinct().ToListAsync(ct);
        foreach (var key in open) await alerts.ClearAsync(key, "已登记期满结果", ct);
        return Outcome.Success;
    }

    public async Task<Outcome> AddComplaintAsync(long measureId, DateOnly? receivedOn, string? summary, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var m = await db.Set<RegulatoryMeasure>().FirstOrDefaultAsync(x => x.Id == measureId, ct);
        if (m is null || !Sees(user, m)) return Outcome.NotFound;
        if (!Regulates(user, m)) return Outcome.Forbidden;
        if (receivedOn is not { } on || on > Today) return Outcome.Invalid("receivedOn", "Regulation.Error.ReceivedOn");
        if (string.IsNullOrWhiteSpace(summary)) return Outcome.Invalid("summary", "Regulation.Error.Summary");
        db.Add(new MeasureComplaint
        {
            MeasureId = m.Id,
            ReceivedOn = on,
            Summary = summary.Trim(),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = user.Identity?.Name ?? "",
        });
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>A new 提示 or 行政指导 from the user's department (a draft unless sent at once).</summary>
    public async Task<Outcome<RegulatoryNotice>> CreateNoticeAsync(NoticeInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Findings)) errors["findings"] = "Regulation.Error.Findings";
        if (string.IsNullOrWhiteSpace(input.Advice)) errors["advice"] = "Regulation.Error.Advice";
        if (input.ReplyBy is { } by && by < Today) errors["replyBy"] = "Regulation.Error.ReplyBy";
        var enterprise = await EnterpriseAsync(input.EnterpriseUscc, ct);
        if (enterprise is null) errors["enterpriseUscc"] = "Regulation.Error.Enterprise";
        RegulatoryMeasure? measure = null;
        if (input.MeasureId is { } mid)
        {
            measure = await db.Set<RegulatoryMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mid, ct);
            if (measure is null || measure.EnterpriseId != enterprise?.Id) errors["measureId"] = "Regulation.Error.Measure";
        }
        var department = measure?.DepartmentId ?? user.DepartmentId();
        if (department is null) errors["enterpriseUscc"] = "Regulation.Error.Department";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var n = new RegulatoryNotice
        {
            Kind = input.Kind,
            EnterpriseId = enterprise!.Id,
            EnterpriseUscc = enterprise.CreditCode,
            DistrictId = enterprise.DistrictId,
            DepartmentId = department!.Value,
            MeasureId = measure?.Id,
            Findings = input.Findings!.Trim(),
            Advice = input.Advice!.Trim(),
            ReplyBy = input.ReplyBy,
            CreatedAt = now,
            CreatedBy = user.Identity?.Name ?? "",
            State = input.Send ? NoticeState.Sent : NoticeState.Draft,
            SentAt = input.Send ? now : null,
            SentBy = input.Send ? user.Identity?.Name : null,
        };
        if (!Regulates(user, n)) return Outcome.Forbidden;
        db.Add(n);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(n);
    }

    private async Task<(RegulatoryNotice? Notice, Outcome? Refusal)> ForChangeAsync(long id, string? version, ClaimsPrincipal user,
        Func<RegulatoryNotice, bool> may, NoticeState state, CancellationToken ct)
    {
        var n = await db.Set<RegulatoryNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null || !Sees(user, n)) return (null, Outcome.NotFound);
        if (!may(n)) return (null, n.State != state ? Outcome.Conflict("Regulation.Error.State") : Outcome.Forbidden);
        if (version is not null && version != n.Version) return (null, Outcome.Stale);
        return (n, null);
    }

    /// <summary>Sends a draft (a signal rule's, or one kept back), possibly with the findings and advice edited.</summary>
    public async Task<Outcome> SendAsync(long id, string? findings, string? advice, DateOnly? replyBy, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (n, refusal) = await ForChangeAsync(id, version, user, x => x.State == NoticeState.Draft && Regulates(user, x),
            NoticeState.Draft, ct);
        if (n is null) return refusal!;
        if (!string.IsNullOrWhiteSpace(findings)) n.Findings = findings.Trim();
        if (!string.IsNullOrWhiteSpace(advice)) n.Advice = advice.Trim();
        if (string.IsNullOrWhiteSpace(n.Advice)) return Outcome.Invalid("advice", "Regulation.Error.Advice");
        if (replyBy is { } by && by < Today) return Outcome.Invalid("replyBy", "Regulation.Error.ReplyBy");
        n.ReplyBy = replyBy ?? n.ReplyBy;
        n.State = NoticeState.Sent;
        n.SentAt = clock.GetUtcNow().UtcDateTime;
        n.SentBy = user.Identity?.Name;
        n.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The enterprise answers a sent notice (once).</summary>
    public async Task<Outcome> ReplyAsync(long id, string? reply, string? version, ClaimsPrincipal user, CancellationToken ct)
    {
        var (n, refusal) = await ForChangeAsync(id, version, user, x => CanReply(user, x), NoticeState.Sent, ct);
        if (n is null) return refusal!;
        if (string.IsNullOrWhiteSpace(reply)) return Outcome.Invalid("reply", "Regulation.Error.Reply");
        n.Reply = reply.Trim();
        n.RepliedAt = clock.GetUtcNow().UtcDateTime;
        n.RepliedBy = user.Identity?.Name;
        n.State = NoticeState.Replied;
        n.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The department records its follow-up and closes a sent or replied notice.</summary>
    public async Task<Outcome> CloseAsync(long id, string? followUp, string? version, ClaimsPrincipal user, CancellationToken ct)
    {
        var (n, refusal) = await ForChangeAsync(id, version, user,
            x => x.State is NoticeState.Sent or NoticeState.Replied && Regulates(user, x), NoticeState.Replied, ct);
        if (n is null) return refusal!;
        if (string.IsNullOrWhiteSpace(followUp)) return Outcome.Invalid("followUp", "Regulation.Error.FollowUp");
        n.FollowUp = followUp.Trim();
        n.ClosedAt = clock.GetUtcNow().UtcDateTime;
        n.ClosedBy = user.Identity?.Name;
        n.State = NoticeState.Closed;
        n.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Adds an evidence file (recognised by its content) to an open notice: the department's, or the enterprise's while it
    /// may reply.</summary>
    public async Task<Outcome> AttachAsync(long id, string fileName, Stream content, ClaimsPrincipal user, CancellationToken ct)
    {
        var n = await db.Set<RegulatoryNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null || !Sees(user, n)) return Outcome.NotFound;
        var byEnterprise = user.Role() == Roles.Enterprise;
        if (byEnterprise ? !CanReply(user, n) : !Regulates(user, n) || n.State == NoticeState.Closed) return Outcome.Forbidden;
        if (content.Length == 0 || content.Length > EvidenceTypes.MaxBytes) return Outcome.Invalid("file", "Regulation.Error.FileSize");
        if (EvidenceTypes.Detect(fileName, content) is not { } type) return Outcome.Invalid("file", "Regulation.Error.FileType");
        var (key, sha) = await store.SaveAsync(content, ct);
        db.Add(new NoticeEvidence
        {
            NoticeId = n.Id,
            FileName = Path.GetFileName(fileName),
            ContentType = type,
            Size = content.Length,
            Sha256 = sha,
            StorageKey = key,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = user.Identity?.Name ?? "",
            ByEnterprise = byEnterprise,
        });
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<(NoticeEvidence File, Stream Content)?> DownloadAsync(long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await db.Set<NoticeEvidence>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == evidenceId, ct);
        if (file is null || await NoticeAsync(file.NoticeId, user, ct) is null || store.Open(file.StorageKey) is not { } stream)
            return null;
        return (file, stream);
    }

    /// <summary>Measures the user sees, counted per department and track.</summary>
    public static List<MeasureStat> Statistics(IEnumerable<RegulatoryMeasure> measures) =>
    [
        .. measures.GroupBy(m => (m.Department.Name, Track: m.Track?.Name))
            .Select(g => new MeasureStat(g.Key.Name, g.Key.Track, g.Count(), g.Count(m => m.Outcome == MeasureOutcome.Running),
                g.Count(m => m.Outcome == MeasureOutcome.Regular), g.Count(m => m.Outcome == MeasureOutcome.Extended),
                g.Count(m => m.Outcome == MeasureOutcome.Terminated)))
            .OrderBy(s => s.Department, StringComparer.Ordinal).ThenBy(s => s.Track ?? "", StringComparer.Ordinal),
    ];
}
