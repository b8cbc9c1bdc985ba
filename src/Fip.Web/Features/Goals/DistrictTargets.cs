using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>
/// 目标分解到板块: a district's share of a target of the plan, set by the task force. Audited like every write; each change of
/// the value is a new revision, and the version refuses an edit based on an older split (409).
/// </summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class DistrictTarget
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public int DistrictId { get; set; }
    public Organisation.District District { get; set; } = null!;
    /// <summary>The district's own target, in the target's unit.</summary>
    public decimal Value { get; set; }
    public int Revision { get; set; } = 1;
    public string Version { get; set; } = RecordVersions.New();
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>What a split adds up to beside the city's target: officials may set districts more in total than the city
/// (层层压实) or, for a while, less; either is saved and said, never silently.</summary>
public enum SplitBalance
{
    /// <summary>No district has a share.</summary>
    None,
    Equal,
    Below,
    Above,
}

/// <summary>The rules of a split, apart from the database: parse each share, refuse what cannot be a target, weigh the sum.</summary>
public static class SplitRules
{
    /// <summary>decimal(18, 2).</summary>
    private const decimal MaxValue = 9_999_999_999_999_999.99m;

    /// <summary>
    /// The shares by district, or the problems by district (resource key). Empty text means no share for that district. A share
    /// is a number ≥ 0 with at most two decimals; a target without a number cannot be split.
    /// </summary>
    public static Dictionary<int, decimal>? Parse(decimal? cityTarget, IReadOnlyDictionary<int, string?> input,
        Dictionary<int, string> problems)
    {
        var shares = new Dictionary<int, decimal>();
        foreach (var (district, raw) in input)
        {
            var text = raw?.Trim().Replace(",", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(text)) continue;
            if (cityTarget is null) { problems[district] = "Split.NoNumber"; continue; }
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var value))
                problems[district] = "Split.NotANumber";
            else if (value < 0) problems[district] = "Split.Negative";
            else if (value != decimal.Round(value, 2)) problems[district] = "Split.TwoDecimals";
            else if (value > MaxValue) problems[district] = "Split.TooLarge";
            else shares[district] = value;
        }
        return problems.Count == 0 ? shares : null;
    }

    public static SplitBalance Balance(decimal? cityTarget, IEnumerable<decimal> shares)
    {
        var list = shares.ToList();
        if (list.Count == 0 || cityTarget is not { } city) return SplitBalance.None;
        var sum = list.Sum();
        return sum == city ? SplitBalance.Equal : sum < city ? SplitBalance.Below : SplitBalance.Above;
    }

    /// <summary>One version for the whole split: a hash of its rows' versions (empty split: "0").</summary>
    public static string VersionOf(IEnumerable<DistrictTarget> rows)
    {
        var text = string.Join('|', rows.OrderBy(r => r.DistrictId).Select(r => $"{r.DistrictId}:{r.Version}"));
        return text.Length == 0 ? "0" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

/// <summary>A target's split as the page shows it.</summary>
public sealed record TargetSplit(Target Target, IReadOnlyList<Organisation.District> Districts, IReadOnlyList<DistrictTarget> Shares,
    string Version)
{
    public decimal? ShareOf(int districtId) => Shares.FirstOrDefault(s => s.DistrictId == districtId)?.Value;
    public SplitBalance Balance => SplitRules.Balance(Target.Value, Shares.Select(s => s.Value));
    public decimal Sum => Shares.Sum(s => s.Value);
}

/// <summary>Reads and saves splits. Who may: the task force's admins, and the department that answers for the target's
/// indicator.</summary>
public sealed class DistrictTargets(FipDbContext db)
{
    public async Task<TargetSplit?> GetAsync(int targetId, CancellationToken ct)
    {
        var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null) return null;
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var shares = await db.DistrictTargets.AsNoTracking().Where(s => s.TargetId == targetId).ToListAsync(ct);
        return new TargetSplit(target, districts, shares, SplitRules.VersionOf(shares));
    }

    public async Task<bool> MayEditAsync(ClaimsPrincipal user, Target target, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin)) return true;
        if (!user.IsInRole(Roles.Department) || user.DepartmentId() is not { } department || target.IndicatorId is not { } indicator)
            return false;
        return await db.Indicators.AnyAsync(i => i.Id == indicator && i.OwnerDepartmentId == department, ct);
    }

    /// <summary>Saves the whole split in one transaction: shares set, changed (a new revision) or removed (empty).</summary>
    public async Task<Outcome<TargetSplit>> SaveAsync(int targetId, IReadOnlyDictionary<int, string?> input, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var current = await GetAsync(targetId, ct);
        if (current is null) return Outcome.NotFound;
        if (!await MayEditAsync(user, current.Target, ct)) return Outcome.Forbidden;
        if (version is null || version != current.Version) return Outcome.Stale;
        var known = current.Districts.Select(d => d.Id).ToHashSet();
        var problems = new Dictionary<int, string>();
        foreach (var unknown in input.Keys.Where(k => !known.Contains(k))) problems[unknown] = "Split.UnknownDistrict";
        var shares = SplitRules.Parse(current.Target.Value, input, problems);
        if (shares is null)
            return Outcome.Invalid(problems.ToDictionary(p => "district" + p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value));

        var rows = await db.DistrictTargets.Where(s => s.TargetId == targetId).ToListAsync(ct);
        var now = DateTime.UtcNow;
        foreach (var row in rows.Where(r => !shares.ContainsKey(r.DistrictId))) db.DistrictTargets.Remove(row);
        foreach (var (district, value) in shares)
        {
            var row = rows.FirstOrDefault(r => r.DistrictId == district);
            if (row is null)
            {
                db.DistrictTargets.Add(new DistrictTarget
                {
                    TargetId = targetId,
                    DistrictId = district,
                    Value = value,
                    UpdatedAt = now,
                    UpdatedBy = user.Identity?.Name,
                });
            }
            else if (row.Value != value)
            {
                row.Value = value;
                row.Revision++;
                row.Version = RecordVersions.New();
                row.UpdatedAt = now;
                row.UpdatedBy = user.Identity?.Name;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another split saved at the same moment (a row changed or the same district added).
            db.ChangeTracker.Clear();
            return Outcome.Stale;
        }
        return Outcome.Ok((await GetAsync(targetId, ct))!);
    }
}
