using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>What a chain command changed: the link or enterprise it is about, and how many things it moved or decided.</summary>
public sealed record ChainChange(int? Id = null, int Count = 0);

/// <summary>What an admin sends to add or change a link. Terms separated by '|', '、', ',' or new lines.</summary>
public sealed record LinkInput(string? Name, string? NameEn, ChainPosition? Position, int? ParentId, string? Terms, int? SortOrder);

/// <summary>
/// Changes to chains: the tree (admins only; the endpoints and pages require the Admin policy) and enterprises on
/// links (admins, and district users for enterprises of their district: checked here per enterprise). Every change goes
/// through SaveChanges, so it is audited with its before and after values.
/// </summary>
public sealed class ChainCommands(FipDbContext db, IAuthorizationService authorization)
{
    public const int MaxName = 100;
    /// <summary>The field a refused input is reported under (the messages are Chains.Error.* resource keys).</summary>
    public const string InputField = "chain";

    private static string[] SplitTerms(string? terms) =>
        [.. (terms ?? "").Split(['|', '、', ',', '，', ';', '；', '\n', '\r'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Chains.Error.NameRequired" : name.Trim().Length > MaxName ? "Chains.Error.NameTooLong" : null;

    public async Task<Outcome<ChainChange>> AddAsync(int trackId, LinkInput input, CancellationToken ct = default)
    {
        if (!await db.Tracks.AnyAsync(t => t.Id == trackId, ct)) return Outcome.NotFound;
        if (CheckName(input.Name) is { } error) return Outcome.Invalid(InputField, error);
        ChainLink? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = await db.ChainLinks.FirstOrDefaultAsync(l => l.Id == pid && l.MergedIntoId == null, ct);
            if (parent is null || parent.TrackId != trackId) return Outcome.Invalid(InputField, "Chains.Error.ParentNotInTrack");
        }
        var name = input.Name!.Trim();
        if (await db.ChainLinks.AnyAsync(
            l => l.TrackId == trackId && l.ParentId == input.ParentId && l.MergedIntoId == null && l.Name == name, ct))
            return Outcome.Invalid(InputField, "Chains.Error.DuplicateName");
        var order = input.SortOrder
            ?? (
                await db.ChainLinks.Where(l => l.TrackId == trackId && l.ParentId == input.ParentId).MaxAsync(l => (int?)l.SortOrder, ct)
                    ?? -1) + 1;
        var link = new ChainLink
        {
            TrackId = trackId,
            ParentId = parent?.Id,
            Name = name,
            NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim(),
            Position = input.Position ?? parent?.Position ?? ChainPosition.Midstream,
            Terms = string.Join('|', SplitTerms(input.Terms)),
            SortOrder = order,
        };
        db.ChainLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new ChainChange(link.Id));
    }

    /// <summary>Renames, re-terms, re-positions or moves a link (ParentId 0 = to the top of the tree).</summary>
    public async Task<Outcome<ChainChange>> UpdateAsync(int linkId, LinkInput input, CancellationToken ct = default)
    {
        var link = await db.ChainLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.MergedIntoId == null, ct);
        if (link is null) return Outcome.NotFound;
        if (CheckName(input.Name) is { } error) return Outcome.Invalid(InputField, error);
        int? newParent = input.ParentId is 0 ? null : input.ParentId ?? link.ParentId;
        if (newParent is { } pid && pid != link.ParentId)
        {
            var parent = await db.ChainLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == pid && l.MergedIntoId == null, ct);
            if (parent is null || parent.TrackId != link.TrackId) return Outcome.Invalid(InputField, "Chains.Error.ParentNotInTrack");
            // Moving a link under itself or one of its descendants would cut it off the tree.
            var parents = await db.ChainLinks
                .AsNoTracking()
                .Where(l => l.TrackId == link.TrackId)
                .ToDictionaryAsync(l => l.Id, l => l.ParentId, ct);
            for (int? at = pid; at is { } a; at = parents.GetValueOrDefault(a))
                if (a == link.Id) return Outcome.Invalid(InputField, "Chains.Error.Cycle");
        }
        var name = input.Name!.Trim();
        if (await db.ChainLinks.AnyAsync(
            l => l.Id != linkId && l.TrackId == link.TrackId && l.ParentId == newParent && l.MergedIntoId == null && l.Name == name, ct))
            return Outcome.Invalid(InputField, "Chains.Error.DuplicateName");
        link.Name = name;
        if (input.NameEn is not null) link.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        if (input.Position is { } position) link.Position = position;
        if (input.Terms is not null) link.Terms = string.Join('|', SplitTerms(input.Terms));
        if (input.SortOrder is { } order) link.SortOrder = order;
        link.ParentId = newParent;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new ChainChange(link.Id));
    }

    /// <summary>
    /// Merges a link into another of the same track: its enterprises, suggestions and children move to the target,
    /// its name becomes one of the target's terms, and it leaves the tree (kept, marked merged, for the audit trail).
    /// </summary>
    public async Task<Outcome<ChainChange>> MergeAsync(int linkId, int intoId, CancellationToken ct = default)
    {
        if (linkId == intoId) return Outcome.Invalid(InputField, "Chains.Error.MergeSelf");
        var link = await db.ChainLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.MergedIntoId == null, ct);
        var into = await db.ChainLinks.FirstOrDefaultAsync(l => l.Id == intoId && l.MergedIntoId == null, ct);
        if (link is null) return Outcome.NotFound;
        if (into is null || into.TrackId != link.TrackId) return Outcome.Invalid(InputField, "Chains.Error.MergeOtherTrack");
        var parents = await db.ChainLinks
            .AsNoTracking()
            .Where(l => l.TrackId == link.TrackId)
            .ToDictionaryAsync(l => l.Id, l => l.ParentId, ct);
        for (int? at = into.Id; at is { } a; at = parents.GetValueOrDefault(a))
            if (a == link.Id) return Outcome.Invalid(InputField, "Chains.Error.Cycle");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var already =
            (await db.EnterpriseChainLinks.Where(x => x.ChainLinkId == intoId).Select(x => x.EnterpriseId).ToListAsync(ct)).ToHashSet();
        var moved = 0;
        foreach (var x in await db.EnterpriseChainLinks.Where(x => x.ChainLinkId == linkId).ToListAsync(ct))
        {
            db.EnterpriseChainLinks.Remove(x);
            if (already.Add(x.EnterpriseId))
            {
                db.EnterpriseChainLinks.Add(
                    new EnterpriseChainLink
                    { EnterpriseId = x.EnterpriseId, ChainLinkId = intoId, Source = x.Source, LinkedAt = x.LinkedAt });
                moved++;
            }
        }
        var suggested =
            (await db.ChainSuggestions.Where(s => s.ChainLinkId == intoId).Select(s => s.EnterpriseId).ToListAsync(ct)).ToHashSet();
        foreach (var s in await db.ChainSuggestions.Where(s => s.ChainLinkId == linkId).ToListAsync(ct))
        {
            if (suggested.Add(s.EnterpriseId)) s.ChainLinkId = intoId;
            else db.ChainSuggestions.Remove(s);
        }
        foreach (var child in await db.ChainLinks.Where(l => l.ParentId == linkId && l.MergedIntoId == null).ToListAsync(ct))
            child.ParentId = intoId;
        into.Terms = string.Join('|', SplitTerms(into.Terms + "|" + link.Name + "|" + link.Terms).Where(t => t != into.Name));
        link.MergedIntoId = intoId;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Ok(new ChainChange(intoId, moved));
    }

    private async Task<bool> MayWriteAsync(ClaimsPrincipal user, Enterprise enterprise) =>
        (await authorization.AuthorizeAsync(user, enterprise, ScopeRequirement.Write)).Succeeded
        && Policies.AllowedRoles[Policies.DistrictWrite].Contains(user.Role() ?? "");

    /// <summary>Puts an enterprise (by id or 统一社会信用代码) on a leaf-or-segment link by hand.</summary>
    public async Task<Outcome<ChainChange>> LinkAsync(int linkId, int? enterpriseId, string? creditCode, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        var link = await db.ChainLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId && l.MergedIntoId == null, ct);
        if (link is null) return Outcome.NotFound;
        var code = creditCode?.Trim().ToUpperInvariant();
        var enterprise = enterpriseId is { } id ? await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id && !e.IsDeleted, ct)
            : !string.IsNullOrEmpty(code) ? await db.Enterprises.FirstOrDefaultAsync(e => e.CreditCode == code && !e.IsDeleted, ct) : null;
        if (enterprise is null)
            return Outcome.Invalid(InputField,
                enterpriseId is null && string.IsNullOrEmpty(code) ? "Chains.Error.EnterpriseRequired" : "Chains.Error.EnterpriseNotFound");
        if (!await MayWriteAsync(user, enterprise)) return Outcome.Forbidden;
        if (await db.EnterpriseChainLinks.AnyAsync(x => x.ChainLinkId == linkId && x.EnterpriseId == enterprise.Id, ct))
            return Outcome.Ok(new ChainChange(enterprise.Id));
        db.EnterpriseChainLinks.Add(
            new EnterpriseChainLink
            { EnterpriseId = enterprise.Id, ChainLinkId = linkId, Source = ChainLinkSource.Manual, LinkedAt = DateTime.UtcNow });
        // A pending suggestion for the same pair is settled by the manual link.
        if (await db.ChainSuggestions.FirstOrDefaultAsync(
            s => s.ChainLinkId == linkId && s.EnterpriseId == enterprise.Id && s.State == SuggestionState.Pending, ct) is { } s)
        {
            s.State = SuggestionState.Accepted;
            s.DecidedAt = DateTime.UtcNow;
            s.DecidedBy = user.Identity?.Name;
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new ChainChange(enterprise.Id));
    }

    public async Task<Outcome<ChainChange>> UnlinkAsync(int linkId, int enterpriseId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var row = await db.EnterpriseChainLinks
            .Include(x => x.Enterprise)
            .FirstOrDefaultAsync(x => x.ChainLinkId == linkId && x.EnterpriseId == enterpriseId, ct);
        if (row is null) return Outcome.NotFound;
        if (!await MayWriteAsync(user, row.Enterprise)) return Outcome.Forbidden;
        db.EnterpriseChainLinks.Remove(row);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new ChainChange(enterpriseId));
    }

    /// <summary>Accepts or rejects suggestions. Each one is checked against the user's scope; out-of-scope ones are refused as a
    /// whole.</summary>
    public async Task<Outcome<ChainChange>> DecideAsync(IReadOnlyCollection<int> suggestionIds, bool accept, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        if (suggestionIds.Count == 0) return Outcome.Invalid(InputField, "Chains.Error.NothingSelected");
        if (suggestionIds.Count > 1000) return Outcome.Invalid(InputField, "Chains.Error.TooMany");
        var ids = suggestionIds.Distinct().ToList();
        var suggestions = await db.ChainSuggestions.Include(s => s.Enterprise).Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        if (suggestions.Count != ids.Count) return Outcome.NotFound;
        foreach (var s in suggestions)
            if (!await MayWriteAsync(user, s.Enterprise)) return Outcome.Forbidden;
        var now = DateTime.UtcNow;
        var enterpriseIds = suggestions.Select(s => s.EnterpriseId).Distinct().ToList();
        var linked = (await db.EnterpriseChainLinks.Where(x => enterpriseIds.Contains(x.EnterpriseId))
            .Select(x => new { x.EnterpriseId, x.ChainLinkId }).ToListAsync(ct)).Select(x => (x.EnterpriseId, x.ChainLinkId)).ToHashSet();
        var count = 0;
        foreach (var s in suggestions.Where(s => s.State == SuggestionState.Pending))
        {
            s.State = accept ? SuggestionState.Accepted : SuggestionState.Rejected;
            s.DecidedAt = now;
            s.DecidedBy = user.Identity?.Name;
            if (accept && linked.Add((s.EnterpriseId, s.ChainLinkId)))
                db.EnterpriseChainLinks.Add(
                    new EnterpriseChainLink
                    {
                        EnterpriseId = s.EnterpriseId,
                        ChainLinkId = s.ChainLinkId,
                        Source = ChainLinkSource.Suggestion,
                        LinkedAt = now
                    });
            count++;
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(new ChainChange(Count: count));
    }
}
