using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

/// <summary>One year's figures as typed into a form, a JSON body or a spreadsheet row: text, checked by <see
/// cref="IndicatorRules"/>.</summary>
public sealed record IndicatorInput(string? Year, string? Revenue, string? RdExpense, string? OutputValue, string? Tax, string? Employees,
    string? InventionPatents)
{
    /// <summary>Field keys in form, API and template order.</summary>
    public static readonly IReadOnlyList<string> Keys = ["year", "revenue", "rdExpense", "outputValue", "tax", "employees",
        "inventionPatents"];

    public string? this[string key] => key switch
    {
        "year" => Year,
        "revenue" => Revenue,
        "rdExpense" => RdExpense,
        "outputValue" => OutputValue,
        "tax" => Tax,
        "employees" => Employees,
        "inventionPatents" => InventionPatents,
        _ => null,
    };

    public static IndicatorInput From(Func<string, string?> value) =>
        new(value("year"), value("revenue"), value("rdExpense"), value("outputValue"), value("tax"), value("employees"),
            value("inventionPatents"));

    public static IndicatorInput Of(EnterpriseIndicator i) => new(
        i.Year.ToString(CultureInfo.InvariantCulture), Amount(i.Revenue), Amount(i.RdExpense), Amount(i.OutputValue), Amount(i.Tax),
        i.Employees?.ToString(CultureInfo.InvariantCulture), i.InventionPatents?.ToString(CultureInfo.InvariantCulture));

    private static string? Amount(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A broken rule: the field key, the resource key of the reason and its arguments.</summary>
public sealed record IndicatorProblem(string Field, string Reason, object[] Args);

/// <summary>
/// The rules for yearly figures (issue #3): year 1980 to next year; amounts in 万元, ≥ 0 (tax too) with at most two
/// decimals and within the column's precision (18, 2); employees and invention patents whole numbers ≥ 0; 研发投入 not above
/// 营业收入 when both are given. Empty means unknown.
/// </summary>
public static class IndicatorRules
{
    public const int FirstYear = 1980;
    /// <summary>decimal(18, 2): 16 digits before the point.</summary>
    private const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public static int LastYear(DateTime utcNow) => utcNow.Year + 1;

    /// <summary>The figures, or every problem; <paramref name="only"/> limits the check to the fields present (import columns).</summary>
    public static EnterpriseIndicator? Parse(IndicatorInput input, DateTime utcNow, List<IndicatorProblem> problems,
        IReadOnlySet<string>? only = null)
    {
        var before = problems.Count;
        var result = new EnterpriseIndicator();
        var last = LastYear(utcNow);
        var yearText = input.Year?.Trim();
        if (string.IsNullOrEmpty(yearText)) problems.Add(new("year", "Import.Required", []));
        else if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < FirstYear || year > last)
            problems.Add(new("year", "Indicator.BadYear", [FirstYear, last]));
        else result.Year = year;

        bool Wanted(string key) => only is null || only.Contains(key);
        if (Wanted("revenue")) result.Revenue = Amount("revenue", input.Revenue, problems);
        if (Wanted("rdExpense")) result.RdExpense = Amount("rdExpense", input.RdExpense, problems);
        if (Wanted("outputValue")) result.OutputValue = Amount("outputValue", input.OutputValue, problems);
        if (Wanted("tax")) result.Tax = Amount("tax", input.Tax, problems);
        if (Wanted("employees")) result.Employees = Count("employees", input.Employees, problems);
        if (Wanted("inventionPatents")) result.InventionPatents = Count("inventionPatents", input.InventionPatents, problems);
        // 研发投入 is part of what the enterprise spent out of its revenue: more than the revenue is a typing error.
        if (result.RdExpense is { } rd && result.Revenue is { } revenue && rd > revenue)
            problems.Add(new("rdExpense", "Indicator.RdAboveRevenue", []));
        return problems.Count == before ? result : null;
    }

    private static decimal? Amount(string key, string? text, List<IndicatorProblem> problems)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var value))
        { problems.Add(new(key, "Indicator.BadAmount", [])); return null; }
        if (value < 0) { problems.Add(new(key, "Indicator.Negative", [])); return null; }
        if (value != decimal.Round(value, 2)) { problems.Add(new(key, "Indicator.TwoDecimals", [])); return null; }
        if (value > MaxAmount) { problems.Add(new(key, "Indicator.TooLarge", [])); return null; }
        return value;
    }

    private static int? Count(string key, string? text, List<IndicatorProblem> problems)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        // Spreadsheets may write a whole number as "12.0".
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && value == decimal.Truncate(value) && value <= int.MaxValue)
            return (int)value;
        problems.Add(new(key, "Import.NotWholeNumber", []));
        return null;
    }

    /// <summary>Whether the stored figures differ from the new ones in the given fields.</summary>
    public static bool Differs(EnterpriseIndicator stored, EnterpriseIndicator next, IReadOnlySet<string>? only = null)
    {
        bool W(string k) => only is null || only.Contains(k);
        return (W("revenue") && stored.Revenue != next.Revenue) || (W("rdExpense") && stored.RdExpense != next.RdExpense)
            || (W("outputValue") && stored.OutputValue != next.OutputValue) || (W("tax") && stored.Tax != next.Tax)
            || (W("employees") && stored.Employees != next.Employees)
            || (W("inventionPatents") && stored.InventionPatents != next.InventionPatents);
    }

    public static void Copy(EnterpriseIndicator from, EnterpriseIndicator to, IReadOnlySet<string>? only = null)
    {
        bool W(string k) => only is null || only.Contains(k);
        if (W("revenue")) to.Revenue = from.Revenue;
        if (W("rdExpense")) to.RdExpense = from.RdExpense;
        if (W("outputValue")) to.OutputValue = from.OutputValue;
        if (W("tax")) to.Tax = from.Tax;
        if (W("employees")) to.Employees = from.Employees;
        if (W("inventionPatents")) to.InventionPatents = from.InventionPatents;
    }
}

/// <summary>One year's figures as the API returns them.</summary>
public sealed record YearlyFiguresDto(int Year, decimal? Revenue, decimal? RdExpense, decimal? OutputValue, decimal? Tax, int? Employees,
    int? InventionPatents)
{
    public static YearlyFiguresDto Of(EnterpriseIndicator i) =>
        new(i.Year, i.Revenue, i.RdExpense, i.OutputValue, i.Tax, i.Employees, i.InventionPatents);
}

/// <summary>An enterprise's yearly figures and the version they belong to.</summary>
public sealed record YearlyFiguresList(int EnterpriseId, string Version, IReadOnlyList<YearlyFiguresDto> Items);

/// <summary>
/// Adds, changes and removes an enterprise's yearly figures. Who may is the enterprise's own write scope
/// (<see cref="ScopeAuthorizationHandler"/>); every change moves the enterprise's version on, so an edit based on
/// an older version of the enterprise or its figures is refused, and is audited by the DbContext.
/// </summary>
public sealed class EnterpriseIndicatorOps(FipDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l,
    IConfiguration configuration, TimeProvider clock)
{
    /// <summary>An enterprise files a year only while its window is open; its district and admins correct any year.</summary>
    private Dictionary<string, string[]>? Closed(ClaimsPrincipal user, params int[] years)
    {
        if (user.Role() != Roles.Enterprise) return null;
        var window = FilingWindow.From(configuration);
        var today = Display.Today(clock);
        return years.FirstOrDefault(y => !window.IsOpen(y, today)) is var closed and not 0
            ? new()
            {
                ["year"] = [l["Indicator.FilingClosed", closed, window.Deadline(closed).ToString("yyyy-MM-dd",
                CultureInfo.InvariantCulture)].Value]
            }
            : null;
    }

    private IQueryable<Enterprise> Visible(ClaimsPrincipal user, int id)
    {
        var query = db.Enterprises.Where(e => e.Id == id && !e.IsDeleted);
        return user.Role() == Roles.Enterprise ? query.Where(e => e.CreditCode == user.EnterpriseUscc()) : query;
    }

    public async Task<YearlyFiguresList?> ListAsync(int enterpriseId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Visible(user, enterpriseId).AsNoTracking().Select(e => e.Version).FirstOrDefaultAsync(ct) is not { } version) return null;
        var items = await db.EnterpriseIndicators
            .AsNoTracking()
            .Where(i => i.EnterpriseId == enterpriseId)
            .OrderByDescending(i => i.Year)
            .ToListAsync(ct);
        return new YearlyFiguresList(enterpriseId, version, [.. items.Select(YearlyFiguresDto.Of)]);
    }

    private Dictionary<string, string[]> Errors(IEnumerable<IndicatorProblem> problems) =>
        problems.GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => l[p.Reason, p.Args].Value).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Stores one year's figures. <paramref name="replacesYear"/>: the year the form was opened on (null: a new year,
    /// which must not exist yet; equal to the year: a change; another year: the row moves to the new year).
    /// The API's create-or-replace passes the year itself.
    /// </summary>
    public async Task<Outcome<SavedRecord>> SaveAsync(int enterpriseId, int? replacesYear, IndicatorInput input, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Visible(user, enterpriseId).FirstOrDefaultAsync(ct) is not { } enterprise) return Outcome.NotFound;
        if (!(await authorization.AuthorizeAsync(user, enterprise, ScopeRequirement.Write)).Succeeded || user.Role() == Roles.Leader)
            return Outcome.Forbidden;
        // A stale edit is refused, never merged.
        if (version is null || !string.Equals(version, enterprise.Version, StringComparison.Ordinal)) return Outcome.Stale;
        var problems = new List<IndicatorProblem>();
        if (IndicatorRules.Parse(input, DateTime.UtcNow, problems) is not { } figures) return Outcome.InvalidText(Errors(problems));
        if (Closed(user, replacesYear is { } from && from != figures.Year ? [figures.Year, from] : [figures.Year]) is { } closed)
            return Outcome.InvalidText(closed);

        var stored = await db.EnterpriseIndicators.Where(i => i.EnterpriseId == enterpriseId).ToListAsync(ct);
        var target = stored.FirstOrDefault(i => i.Year == figures.Year);
        if (target is not null && replacesYear != figures.Year)
            return Outcome.InvalidText(new() { ["year"] = [l["Indicator.YearExists", figures.Year].Value] });
        if (replacesYear is { } old && old != figures.Year)
        {
            if (stored.FirstOrDefault(i => i.Year == old) is not { } moved) return Outcome.Stale;
            db.EnterpriseIndicators.Remove(moved);
        }
        if (target is null)
        {
            target = new EnterpriseIndicator { EnterpriseId = enterpriseId, Year = figures.Year };
            db.EnterpriseIndicators.Add(target);
        }
        IndicatorRules.Copy(figures, target);
        return await SaveWithVersionAsync(enterprise, ct);
    }

    public async Task<Outcome<SavedRecord>> DeleteAsync(int enterpriseId, int year, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await Visible(user, enterpriseId).FirstOrDefaultAsync(ct) is not { } enterprise) return Outcome.NotFound;
        if (!(await authorization.AuthorizeAsync(user, enterprise, ScopeRequirement.Write)).Succeeded || user.Role() == Roles.Leader)
            return Outcome.Forbidden;
        if (version is not null && !string.Equals(version, enterprise.Version, StringComparison.Ordinal)) return Outcome.Stale;
        if (Closed(user, year) is { } closed) return Outcome.InvalidText(closed);
        if (await db.EnterpriseIndicators.FirstOrDefaultAsync(i => i.EnterpriseId == enterpriseId && i.Year == year, ct) is not { } row)
            return Outcome.NotFound;
        db.EnterpriseIndicators.Remove(row);
        return await SaveWithVersionAsync(enterprise, ct);
    }

    /// <summary>Saves with a new enterprise version; the version is the concurrency token, so a save racing this one fails.</summary>
    private async Task<Outcome<SavedRecord>> SaveWithVersionAsync(Enterprise enterprise, CancellationToken ct)
    {
        enterprise.Version = RecordVersions.New();
        enterprise.UpdatedAt = DateTime.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Stale;
        }
        catch (DbUpdateException)
        {
            // The same year added by someone else at the same moment.
            db.ChangeTracker.Clear();
            return Outcome.Stale;
        }
        return Outcome.Ok(new SavedRecord(enterprise.Id, enterprise.Version));
    }
}

/// <summary>
/// When an enterprise files its yearly figures: the figures of year Y from 1 January of Y+1 until the deadline of Y+1
/// (<c>Filing:Deadline</c>, month-day, 31 May unless configured). Reminders go to the enterprise's 待办 in the
/// <see cref="RemindDays"/> days before it.
/// </summary>
public sealed record FilingWindow(int Month, int Day)
{
    public const int RemindDays = 30;
    public static readonly FilingWindow Default = new(5, 31);

    public static FilingWindow From(IConfiguration configuration) =>
        DateOnly.TryParseExact("2000-" + configuration["Filing:Deadline"], "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var d)
            ? new(d.Month, d.Day)
            : Default;

    /// <summary>The last day to file the figures of <paramref name="year"/> (29 February becomes 28 in other years).</summary>
    public DateOnly Deadline(int year) => new(year + 1, Month, Math.Min(Day, DateTime.DaysInMonth(year + 1, Month)));

    public bool IsOpen(int year, DateOnly today) => today >= new DateOnly(year + 1, 1, 1) && today <= Deadline(year);

    /// <summary>The year being filed on a day, if its window is open.</summary>
    public int? OpenYear(DateOnly today) => IsOpen(today.Year - 1, today) ? today.Year - 1 : null;
}
