using System.Security.Claims;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.MyEnterprise;

public sealed record ClaimInput(string? CreditCode, string? CompanyName, string? ContactPerson, string? ContactPhone);

/// <summary>Something for the 待办 inbox (its kind names a TodoKind of Inbox, which reads this feature).</summary>
public sealed record EnterpriseTodo(string Kind, string Subject, string? Detail, string Link, DateOnly? Due, bool Late);

/// <summary>
/// 企业认领 and 变更审核: an enterprise user claims its record or submits a new one, and proposes changes to the fields that feed
/// official figures; the record's district approves or refuses (with a reason). Each command is one save (one transaction), a
/// stale decision is 409, every row is audited by the DbContext.
/// </summary>
public sealed class EnterpriseRequestService(FipDbContext db, RegistryOpsFactory registries, IAuthorizationService authorization,
    IConfiguration configuration, TimeProvider clock) : IEnterpriseChangeRequests
{
    public const int DecisionDays = 30;

    private RegistryOps<Enterprise> Ops => (RegistryOps<Enterprise>)registries.For(EnterpriseRegistry.Key)!;

    private IQueryable<EnterpriseRequest> Requests => db.Set<EnterpriseRequest>();

    /// <summary>Why the user may not claim or submit now: bound already, or a claim or new record of theirs waits.</summary>
    private async Task<Outcome?> RequesterProblemAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.UserId();
        if (user.Role() != Roles.Enterprise) return Outcome.Forbidden;
        if (await db.Users.AnyAsync(u => u.Id == id && u.EnterpriseUscc != null, ct)) return Outcome.Conflict("MyEnterprise.AlreadyBound");
        if (await Requests.AnyAsync(r => r.UserId == id && r.State == RequestState.Pending && r.Kind != RequestKind.Change, ct))
            return Outcome.Conflict("MyEnterprise.YouHavePending");
        return null;
    }

    /// <summary>Why a code cannot be claimed: someone is bound to it, or a claim or new record for it waits.</summary>
    private async Task<Outcome?> CodeTakenAsync(string code, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.EnterpriseUscc == code, ct)) return Outcome.Conflict("MyEnterprise.AlreadyClaimed", code);
        if (await Requests.AnyAsync(r => r.CreditCode == code && r.State == RequestState.Pending && r.Kind != RequestKind.Change, ct))
            return Outcome.Conflict("MyEnterprise.ClaimPending", code);
        return null;
    }

    private static Outcome? CodeProblem(string code) => CreditCode.Validate(code) switch
    {
        CreditCode.Result.Valid => null,
        CreditCode.Result.CheckCharacterMismatch => Outcome.Invalid("creditCode", "Uscc.CheckMismatch", code),
        _ => Outcome.Invalid("creditCode", "Uscc.Malformed"),
    };

    /// <summary>认领: the code, the company name as registered and a contact; refused for a code with no record (submit one),
    /// another name, a code claimed or with a claim waiting.</summary>
    public async Task<Outcome<EnterpriseRequest>> ClaimAsync(ClaimInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await RequesterProblemAsync(user, ct) is { } refused) return refused;
        var code = CreditCode.Normalize(input.CreditCode ?? "");
        if (CodeProblem(code) is { } bad) return bad;
        var name = input.CompanyName?.Trim() ?? "";
        if (name.Length == 0) return Outcome.Invalid("companyName", "MyEnterprise.NameRequired");
        if (string.IsNullOrWhiteSpace(input.ContactPerson)) return Outcome.Invalid("contactPerson", "MyEnterprise.ContactRequired");
        if (!ContactPhone.IsValid(input.ContactPhone)) return Outcome.Invalid("contactPhone", "Register.PhoneInvalid");
        var record = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code && !e.IsDeleted)
            .Select(e => new { e.Id, e.Name, e.DistrictId }).FirstOrDefaultAsync(ct);
        if (record is null) return Outcome.Invalid("creditCode", "MyEnterprise.NoRecord", code);
        if (!string.Equals(record.Name, name, StringComparison.Ordinal)) return Outcome.Invalid("companyName", "MyEnterprise.NameMismatch");
        if (await CodeTakenAsync(code, ct) is { } taken) return taken;
        return await AddAsync(new EnterpriseRequest
        {
            Kind = RequestKind.Claim,
            UserId = user.UserId()!,
            EnterpriseId = record.Id,
            CreditCode = code,
            CompanyName = name,
            ContactPerson = input.ContactPerson!.Trim(),
            ContactPhone = ContactPhone.Normalize(input.ContactPhone),
            DistrictId = record.DistrictId,
        }, code, ct);
    }

    /// <summary>新建: an enterprise the registry lacks submits its record, checked as an import row is (fields, rules, natural key);
    /// it enters the registry when its district approves.</summary>
    public async Task<Outcome<EnterpriseRequest>> SubmitNewRecordAsync(IReadOnlyDictionary<string, string?> values, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await RequesterProblemAsync(user, ct) is { } refused) return refused;
        var code = CreditCode.Normalize(values.GetValueOrDefault("creditCode") ?? "");
        if (CodeProblem(code) is { } bad) return bad;
        if (await db.Enterprises.AnyAsync(e => e.CreditCode == code && !e.IsDeleted, ct))
            return Outcome.Conflict("MyEnterprise.RecordExists", code);
        if (await CodeTakenAsync(code, ct) is { } taken) return taken;
        if (!ContactPhone.IsValid(values.GetValueOrDefault("contactPhone")))
            return Outcome.Invalid("contactPhone", "Register.PhoneInvalid");
        var known = Ops.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var kept = values.Where(v => known.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var draft = new Enterprise();
        var errors = await Ops.ApplyApprovedAsync(draft, kept, ct);
        if (errors is not null) return Outcome.InvalidText(errors);
        return await AddAsync(new EnterpriseRequest
        {
            Kind = RequestKind.NewRecord,
            UserId = user.UserId()!,
            CreditCode = code,
            CompanyName = draft.Name,
            ContactPerson = draft.ContactPerson,
            ContactPhone = draft.ContactPhone,
            DistrictId = draft.DistrictId,
            Values = JsonSerializer.Serialize(kept),
        }, code, ct);
    }

    private async Task<Outcome<EnterpriseRequest>> AddAsync(EnterpriseRequest request, string code, CancellationToken ct)
    {
        request.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.Add(request);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ForgetAdded();
            return Outcome.Conflict("MyEnterprise.ClaimPending", code);
        }
        return Outcome.Ok(request);
    }

    /// <summary>变更: kept as the enterprise's pending change (a later proposal extends it), saved with the registry's save.</summary>
    public async Task ProposeAsync(Enterprise enterprise, IReadOnlyDictionary<string, string?> values, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var pending = await Requests.FirstOrDefaultAsync(
            r => r.EnterpriseId == enterprise.Id && r.Kind == RequestKind.Change && r.State == RequestState.Pending, ct);
        if (pending is null)
        {
            pending = new EnterpriseRequest
            {
                Kind = RequestKind.Change,
                UserId = user.UserId()!,
                EnterpriseId = enterprise.Id,
                CreditCode = enterprise.CreditCode,
                CompanyName = enterprise.Name,
                DistrictId = enterprise.DistrictId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(pending);
        }
        var merged = pending.ValueMap().ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        foreach (var (key, value) in values) merged[key] = value;
        pending.Values = JsonSerializer.Serialize(merged);
        pending.Version = RecordVersions.New();
    }

    /// <summary>The requests a user sees: an enterprise its own; a district those of its district; admins all. Newest first.</summary>
    public IQueryable<EnterpriseRequest> VisibleTo(ClaimsPrincipal user)
    {
        var q = Requests.AsNoTracking().Include(r => r.District).Include(r => r.User).AsQueryable();
        return user.Role() switch
        {
            Roles.Admin => q,
            Roles.District => q.Where(r => r.DistrictId == user.DistrictId()),
            Roles.Enterprise => q.Where(r => r.UserId == user.UserId()),
            _ => q.Where(r => false),
        };
    }

    public static bool CanDecide(ClaimsPrincipal user, EnterpriseRequest r) =>
        r.State == RequestState.Pending && user.Role() is Roles.Admin or Roles.District
        && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, r);

    /// <summary>Approves (the claim binds the account, the new record enters the registry, the change is applied) or refuses with a
    /// reason; one save. The account of an approved claim signs in again to act for its enterprise.</summary>
    public async Task<Outcome<EnterpriseRequest>> DecideAsync(int id, bool approve, string? reason, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await Requests.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } request
            || !(await authorization.AuthorizeAsync(user, request, ScopeRequirement.Read)).Succeeded
            || (user.Role() == Roles.Enterprise && request.UserId != user.UserId()))
            return Outcome.NotFound;
        if (user.Role() is not (Roles.Admin or Roles.District) || !ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, request))
            return Outcome.Forbidden;
        if (version is null || !string.Equals(version, request.Version, StringComparison.Ordinal)) return Outcome.Stale;
        if (request.State != RequestState.Pending) return Outcome.Conflict("MyEnterprise.AlreadyDecided");
        if (!approve && string.IsNullOrWhiteSpace(reason)) return Outcome.Invalid("reason", "MyEnterprise.ReasonRequired");
        if (approve && await ApplyAsync(request, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        request.State = approve ? RequestState.Approved : RequestState.Refused;
        request.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        request.DecidedAt = clock.GetUtcNow().UtcDateTime;
        request.DecidedBy = user.FindFirstValue(ScopeClaims.DisplayName) ?? user.Identity?.Name;
        request.Version = RecordVersions.New();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Stale;
        }
        return Outcome.Ok(request);
    }

    private async Task<Outcome?> ApplyAsync(EnterpriseRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Enterprise enterprise;
        if (request.Kind == RequestKind.NewRecord)
        {
            if (await db.Enterprises.AnyAsync(e => e.CreditCode == request.CreditCode && !e.IsDeleted, ct))
                return Outcome.Conflict("MyEnterprise.RecordExists", request.CreditCode);
            enterprise = new Enterprise { CreatedAt = now };
            db.Add(enterprise);
        }
        else if (await Ops.Typed.Query(db).FirstOrDefaultAsync(e => e.Id == request.EnterpriseId && !e.IsDeleted, ct) is { } found)
            enterprise = found;
        else return Outcome.NotFound;

        if (request.Kind == RequestKind.Claim)
        {
            enterprise.ContactPerson = request.ContactPerson;
            enterprise.ContactPhone = request.ContactPhone;
        }
        else if (await Ops.ApplyApprovedAsync(enterprise, request.ValueMap(), ct) is { } errors)
            return Outcome.InvalidText(errors);
        enterprise.Version = RecordVersions.New();
        enterprise.UpdatedAt = now;
        if (request.Kind == RequestKind.Change) return null;

        if (await db.Users.AnyAsync(u => u.EnterpriseUscc == request.CreditCode && u.Id != request.UserId, ct))
            return Outcome.Conflict("MyEnterprise.AlreadyClaimed", request.CreditCode);
        var account = await db.Users.FirstAsync(u => u.Id == request.UserId, ct);
        account.EnterpriseUscc = request.CreditCode;
        // A new stamp ends the account's sessions: it signs in again with the enterprise in its scope.
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        return null;
    }

    /// <summary>待办: a district's (or admin's) requests to decide; an enterprise's decisions of the last <see cref="DecisionDays"/> days
    /// and its yearly figures due within <see cref="FilingWindow.RemindDays"/> days.</summary>
    public async Task<List<EnterpriseTodo>> TodosAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var items = new List<EnterpriseTodo>();
        var today = Display.Today(clock);
        if (user.Role() is Roles.Admin or Roles.District)
        {
            var pending = await VisibleTo(user).Where(r => r.State == RequestState.Pending).OrderBy(r => r.Id).Take(100).ToListAsync(ct);
            foreach (var r in pending)
                items.Add(new("EnterpriseRequest", r.CompanyName, r.CreditCode, $"/MyEnterprise/Requests#request-{r.Id}", null, false));
            return items;
        }
        if (user.Role() != Roles.Enterprise) return items;
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-DecisionDays);
        foreach (var r in await VisibleTo(user).Where(r => r.State != RequestState.Pending && r.DecidedAt >= since)
                     .OrderByDescending(r => r.DecidedAt).ToListAsync(ct))
            items.Add(new(r.State == RequestState.Approved ? "EnterpriseApproved" : "EnterpriseRefused", r.CompanyName, r.Reason,
                "/MyEnterprise#requests", null, r.State == RequestState.Refused));
        var window = FilingWindow.From(configuration);
        if (window.OpenYear(today) is { } year && window.Deadline(year).AddDays(-FilingWindow.RemindDays) <= today
            && user.EnterpriseUscc() is { } code
            && await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code && !e.IsDeleted).Select(e => (int?)e.Id)
                .FirstOrDefaultAsync(ct) is { } enterpriseId
            && !await db.EnterpriseIndicators.AnyAsync(i => i.EnterpriseId == enterpriseId && i.Year == year, ct))
            items.Add(new("FiguresDue", year.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "/MyEnterprise#figures",
                window.Deadline(year), false));
        return items;
    }
}
