using System.Globalization;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>What the support pages share: the outcome page, with rule errors named in words.</summary>
public abstract class SupportPage(IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    protected override IEnumerable<string> ErrorWords(Outcome result) => result.Errors.Count > 0
        ? RuleValidator.Words(result.Errors.Values.SelectMany(v => v), L)
        : [result.Summary(L)];

    protected IActionResult Done<T>(Outcome<T> result, string flashKey, string back) => Done(result.Status, flashKey, back);

    protected static async Task<EvidenceUpload?> UploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null) return null;
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return new EvidenceUpload(file.FileName, buffer);
    }

    public static string Money(decimal? v) => v?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "—";
    public static string Id(long v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// /Support: for an enterprise user its 政策计算器 (policies met with the expected benefit, nearly met with the failing condition in
/// words, the rest folded) and its applications; for staff the policy catalogue with how many enterprises meet each policy.
/// </summary>
[Authorize(Policy = Policies.SupportMatch)]
public sealed class IndexModel(SupportQueries queries, SupportCommands commands, PolicyMatcher matcher, IStringLocalizer<SharedResource> l)
    : SupportPage(l)
{
    public EnterpriseMatchDto? Match { get; private set; }
    public bool IsEnterprise => User.Role() == Roles.Enterprise;
    public List<SupportPolicy> Catalogue { get; private set; } = [];
    public MatchTable? Table { get; private set; }
    public List<ApplicationDto> Applications { get; private set; } = [];
    public Dictionary<int, SupportPolicy> ById { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Catalogue = await matcher.PoliciesAsync(IsEnterprise, ct);
        ById = Catalogue.ToDictionary(p => p.Id);
        if (IsEnterprise)
        {
            Match = await queries.MatchAsync(null, User, L, ct);
            Applications = await queries.ApplicationsAsync(User, ct);
        }
        else Table = await matcher.AllAsync(ct);
        return Page();
    }

    public bool CanEdit(SupportPolicy? p) => PolicyEditor.CanEdit(User, p);

    public async Task<IActionResult> OnPostApplyAsync(int policyId, string? note, IFormFile? file, CancellationToken ct)
    {
        if (await queries.OwnEnterpriseIdAsync(User, ct) is not { } own) return NotFound();
        var result = await commands.ApplyAsync(policyId, own, note, User, ct, await UploadAsync(file, ct));
        return result.IsOk ? Done(result.Status, "Support.Applied", $"/Support/Application/{Id(result.Value!.Id)}")
            : Done(result.Status, "", "/Support");
    }
}

/// <summary>/Support/Policy/{id}: one policy for staff — its clause (and the plan's text), rule, 免申即享 list (export, push, apply on
/// behalf) and applications.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PolicyModel(FipDbContext db, SupportQueries queries, SupportCommands commands, PolicyMatcher matcher,
    IStringLocalizer<SharedResource> l) : SupportPage(l)
{
    /// <summary>Published and open today: only then has the 免申即享 list anyone on it.</summary>
    public bool Grantable => Policy.IsPublished && Policy.OpenOn(matcher.Today);
    public SupportPolicy Policy { get; private set; } = null!;
    public RuleNode? Rule { get; private set; }
    public EligibleListDto Eligible { get; private set; } = null!;
    public List<ApplicationDto> Applications { get; private set; } = [];
    public Plans.Programme? Programme { get; private set; }
    public bool CanReview => SupportAccess.CanReview(User, Policy);
    public bool CanEdit => PolicyEditor.CanEdit(User, Policy);
    public const int Shown = 200;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } p) return NotFound();
        Policy = p;
        Rule = RuleNode.Parse(p.Rule);
        Eligible = (await queries.EligibleAsync(id, ct))!;
        Applications = [.. (await queries.ApplicationsAsync(User, ct)).Where(a => a.PolicyId == id)];
        Programme = p.PlanProgrammeId is { } pp ? await db.Programmes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == pp, ct) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostPushAsync(int id, CancellationToken ct)
    {
        var result = await commands.PushAsync(id, User, ct);
        var back = Done(result.Status, "Support.Pushed", $"/Support/Policy/{Id(id)}#eligible");
        if (result.IsOk) TempData["Flash"] = L["Support.Pushed", result.Value].Value;
        return back;
    }

    public async Task<IActionResult> OnPostOnBehalfAsync(int id, int enterpriseId, CancellationToken ct)
    {
        var result = await commands.ApplyAsync(id, enterpriseId, null, User, ct);
        return result.IsOk ? Done(result.Status, "Support.AppliedOnBehalf", $"/Support/Application/{Id(result.Value!.Id)}")
            : Done(result.Status, "", $"/Support/Policy/{Id(id)}#eligible");
    }
}

/// <summary>/Support/Applications: the applications the user may see (an enterprise: its own), filtered by state and policy.</summary>
[Authorize(Policy = Policies.SupportMatch)]
public sealed class ApplicationsModel(SupportQueries queries, FipDbContext db, IStringLocalizer<SharedResource> l) : SupportPage(l)
{
    public List<ApplicationDto> Items { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public int? Policy { get; set; }
    /// <summary>A goal indicator over applications (its code): the page lists the applications behind its value (drill-down).</summary>
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }
    public Goals.IndicatorDefinition? Counting { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IReadOnlyCollection<int>? only = null;
        if (!string.IsNullOrEmpty(Indicator))
        {
            Counting = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == Indicator, ct);
            if (Counting is null || Goals.IndicatorSources.FindExtra(Counting.Registry) is not SupportIndicatorSource source)
                return NotFound();
            only = await source.IdsAsync(db, Goals.IndicatorCriteria.Parse(Counting.Criteria), District, Track, ct);
        }
        Items = [.. (await queries.ApplicationsAsync(User, ct, only)).Where(a => (string.IsNullOrEmpty(State) || a.State == State)
            && (Policy is null || a.PolicyId == Policy))];
        return Page();
    }
}

/// <summary>/Support/Application/{id}: one application — evidence, the review (approve ≤ the cap, return, refuse), 兑现,
/// resubmission and withdrawal.</summary>
[Authorize(Policy = Policies.SupportMatch)]
public sealed class ApplicationModel(FipDbContext db, SupportCommands commands,
    Microsoft.AspNetCore.Authorization.IAuthorizationService auth,
    IStringLocalizer<SharedResource> l) : SupportPage(l)
{
    public PolicyApplication Application { get; private set; } = null!;
    public bool CanReview => SupportAccess.CanReview(User, Application.Policy);
    public bool CanWrite { get; private set; }
    public decimal? Cap => SupportCommands.ApprovalCap(Application);
    public DateOnly Today { get; private set; }

    private static string Back(int id) => $"/Support/Application/{Id(id)}";

    public async Task<IActionResult> OnGetAsync(int id, [FromServices] PolicyMatcher matcher, CancellationToken ct)
    {
        var a = await db.Set<PolicyApplication>().AsNoTracking().Include(x => x.Policy).Include(x => x.Enterprise)
            .ThenInclude(e => e.District).Include(x => x.Evidence).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return NotFound();
        Application = a;
        if (!CanReview && !(await auth.AuthorizeAsync(User, a, ScopeRequirement.Read)).Succeeded) return NotFound();
        CanWrite = (await auth.AuthorizeAsync(User, a, ScopeRequirement.Write)).Succeeded;
        Today = matcher.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, string? decision, decimal? amount, string? reason, string? version,
        CancellationToken ct)
    {
        if (!Enum.TryParse<ReviewDecision>(decision, out var d) || int.TryParse(decision, out _))
            return Done(Outcome.Invalid("decision", "Support.Review.BadDecision"), "", Back(id));
        return Done(await commands.DecideAsync(id, d, amount, reason, version, User, ct), "Support.Decided." + d, Back(id));
    }

    public async Task<IActionResult> OnPostPayAsync(int id, decimal? amount, DateOnly? paidOn, string? voucher, string? version,
        CancellationToken ct) =>
        Done(await commands.PayAsync(id, amount, paidOn, voucher, version, User, ct), "Support.Paid", Back(id));

    public async Task<IActionResult> OnPostResubmitAsync(int id, string? note, string? version, CancellationToken ct) =>
        Done(await commands.ResubmitAsync(id, note, version, User, ct), "Support.Resubmitted", Back(id));

    public async Task<IActionResult> OnPostWithdrawAsync(int id, string? reason, string? version, CancellationToken ct) =>
        Done(await commands.WithdrawAsync(id, reason, version, User, ct), "Support.Withdrawn", Back(id));

    public async Task<IActionResult> OnPostEvidenceAsync(int id, IFormFile? file, CancellationToken ct) =>
        await UploadAsync(file, ct) is { } upload
            ? Done(await commands.AttachAsync(id, upload, User, ct), "Support.Evidence.Added", Back(id))
            : Done(Outcome.Invalid("file", "Support.Evidence.Size", EvidenceTypesMax), "", Back(id));

    public async Task<IActionResult> OnGetEvidenceAsync(long file, CancellationToken ct) =>
        await commands.EvidenceAsync(file, User, ct) is { } found
            ? File(found.Content, found.File.ContentType, found.File.FileName)
            : NotFound();

    private static long EvidenceTypesMax => Supervision.EvidenceTypes.MaxBytes / 1024 / 1024;
}

/// <summary>/Support/Statistics: applications, approvals, amounts and days to pay per policy, district and track, with charts.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StatisticsModel(SupportQueries queries, IStringLocalizer<SharedResource> l) : SupportPage(l)
{
    public SupportStatistics Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Figures = await queries.StatisticsAsync(ct);

    /// <summary>The chart's data: per row, approved and paid amounts side by side (charts.js "stack", grouped).</summary>
    public string ChartJson(IReadOnlyList<SupportFigures> rows) => JsonSerializer.Serialize(new
    {
        grouped = true,
        categories = rows.Select(r => r.Name),
        series = new[]
        {
            new { name = L["Support.Stats.ApprovedAmount"].Value, data = rows.Select(r => r.ApprovedAmount).ToList() },
            new { name = L["Support.Stats.PaidAmount"].Value, data = rows.Select(r => r.PaidAmount).ToList() },
        },
    });
}
