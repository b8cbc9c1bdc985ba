using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

/// <summary>
/// 专家库: the experts who score 揭榜挂帅 applications, filtered by track, field and name, with their declared conflicts of interest
/// and the calls they scored in. Officials add and edit experts (a stale edit refused) and deactivate them; an enterprise that owns
/// a call reads the pool with contacts masked. The rules are <see cref="ExpertService"/>'s; a refusal comes back as the error line.
/// </summary>
[Authorize(Policy = Policies.ScenarioWrite)]
public sealed class ExpertsModel(ExpertService experts, FipDbContext db, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    /// <summary>Blank conflict rows offered below the declared ones.</summary>
    public const int BlankConflicts = 2;

    [BindProperty(SupportsGet = true)] public int? Track { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public IReadOnlyList<ExpertRow> Experts { get; private set; } = [];
    /// <summary>Every field named in the pool, for the filter.</summary>
    public IReadOnlyList<string> Fields { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;
    /// <summary>The expert being edited (null: the form adds one).</summary>
    public ExpertRow? Editing { get; private set; }
    public bool MayKeep => ExpertRules.MayKeep(User);

    public async Task<IActionResult> OnGetAsync(int? edit, CancellationToken ct)
    {
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        var pool = await experts.ListAsync(new ExpertFilter(All: true), ct);
        Fields = [.. pool.SelectMany(r => CallRules.List(r.Expert.Fields)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Experts = [.. pool.Where(r => ExpertRules.Matches(r, new ExpertFilter(Track, Field, Q, All)))];
        if (edit is { } id)
        {
            if (!MayKeep) return Forbid();
            if (pool.FirstOrDefault(r => r.Expert.Id == id) is not { } row) return NotFound();
            Editing = row;
        }
        if (MayKeep) await experts.LogContactReadsAsync(Experts, "page", ct);
        return Page();
    }

    /// <summary>The phone as this user may see it: unmasked for those who keep the pool.</summary>
    public string Phone(ScenarioExpert e) => MayKeep ? e.Phone ?? "" : Registries.FieldText.Mask(e.Phone);

    /// <summary>Adds an expert (no id) or saves the one edited. Fields are typed in one line (separated by 、，, or new lines);
    /// conflicts are rows of enterprise and reason.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int? id, string? name, string? organisation, string? title, string? fields,
        List<int> tracks, string? phone, List<string?> conflictEnterprise, List<string?> conflictReason, string? version,
        CancellationToken ct)
    {
        var conflicts = conflictEnterprise.Select((e, i) => new ConflictInput(e, conflictReason.ElementAtOrDefault(i))).ToList();
        var input = new ExpertInput(name, organisation, ListText.Split(fields), conflicts, title, tracks, phone, version ?? "");
        var result = id is { } i ? await experts.UpdateAsync(i, input, User, ct) : await experts.AddAsync(input, User, ct);
        var back = result.IsOk ? $"/Scenarios/Experts#expert-{result.Value!.Id}"
            : id is { } e ? $"/Scenarios/Experts?edit={e}#expert-form" : "/Scenarios/Experts#expert-form";
        return Done(result.Status, id is null ? "Experts.Added" : "Experts.Saved", back);
    }

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "Experts.Name",
        ["organisation"] = "Experts.Organisation",
        ["title"] = "Experts.JobTitle",
        ["fields"] = "Experts.FieldsInput",
        ["tracks"] = "Experts.Tracks",
        ["phone"] = "Experts.Phone",
        ["conflicts"] = "Experts.Conflicts",
    };

    /// <summary>Each field error names its field: 姓名：必填。</summary>
    protected override IEnumerable<string> ErrorWords(Outcome result) => result.Errors.Count == 0 ? [result.Summary(L)]
        : result.Errors.SelectMany(e => e.Value.Select(m => Labels.TryGetValue(e.Key, out var label)
            ? L["Experts.FieldError", L[label].Value, m.In(L)].Value : m.In(L)));

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, string? version, CancellationToken ct) =>
        Done((await experts.SetActiveAsync(id, active, version ?? "", User, ct)).Status, "Experts.StatusChanged",
            $"/Scenarios/Experts?all=true#expert-{id}");
}

/// <summary>Lists typed in one box (fields of expertise, attendees).</summary>
public static class ListText
{
    /// <summary>A list typed in one box: one a line, or separated by 、，,.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', '、', '，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
