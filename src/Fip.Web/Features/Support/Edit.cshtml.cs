using System.Globalization;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>
/// One row of the structured rule editor: a node of the tree by its path ("0", "0.1", "0.1.0"), a group (all / any / not) or a
/// condition (field, operator, value; for a qualification the years within which it was awarded). The form posts the rows;
/// buttons add or remove a row and the page is shown again, so no script is needed and nothing is saved until 保存.
/// </summary>
public sealed class RuleRow
{
    public string Path { get; set; } = "0";
    public string Kind { get; set; } = "all";
    public string? Field { get; set; }
    public string? Op { get; set; }
    public string? Value { get; set; }
    public int? WithinYears { get; set; }

    public int Depth => Path.Count(c => c == '.');
    public bool IsGroup => Kind is "all" or "any" or "not";

    /// <summary>The tree as rows, depth first.</summary>
    public static List<RuleRow> From(RuleNode? node)
    {
        var rows = new List<RuleRow>();
        if (node is not null) Walk(node, "0", rows);
        return rows;
    }

    private static void Walk(RuleNode n, string path, List<RuleRow> rows)
    {
        if (n.IsCondition)
        {
            rows.Add(new RuleRow
            {
                Path = path,
                Kind = "condition",
                Field = n.Field,
                Op = n.Op,
                WithinYears = n.WithinYears,
                Value = n.Number is { } d ? d.ToString("0.####", CultureInfo.InvariantCulture)
                    : n.Names is { } names ? string.Join("、", names) : null,
            });
            return;
        }
        var kind = n.All is not null ? "all" : n.Any is not null ? "any" : "not";
        rows.Add(new RuleRow { Path = path, Kind = kind });
        var children = n.All ?? n.Any ?? (n.Not is { } inner ? [inner] : []);
        for (var i = 0; i < children.Count; i++) Walk(children[i], path + "." + i.ToString(CultureInfo.InvariantCulture), rows);
    }

    /// <summary>The rows as a tree (rows whose parent is missing are dropped); null when there is no root.</summary>
    public static RuleNode? ToNode(IReadOnlyList<RuleRow> rows)
    {
        var byPath = rows.GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return byPath.TryGetValue("0", out var root) ? Build(root, byPath) : null;
    }

    private static RuleNode Build(RuleRow r, Dictionary<string, RuleRow> byPath)
    {
        if (!r.IsGroup) return Condition(r);
        var children = byPath.Values.Where(c => Parent(c.Path) == r.Path).OrderBy(c => Last(c.Path)).Select(c => Build(c, byPath)).ToList();
        return r.Kind switch
        {
            "all" => new RuleNode { All = children },
            "any" => new RuleNode { Any = children },
            _ => new RuleNode { Not = children.FirstOrDefault() ?? new RuleNode { All = [] } },
        };
    }

    private static RuleNode Condition(RuleRow r)
    {
        var field = (r.Field ?? "").Trim();
        var value = (r.Value ?? "").Trim();
        JsonElement json;
        if (RuleFields.All.TryGetValue(field, out var spec) && spec.Kind == RuleFieldKind.Number)
            json = decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                ? JsonSerializer.SerializeToElement(d) : JsonSerializer.SerializeToElement(value);
        else if (field is "district" or "track")
            json = JsonSerializer.SerializeToElement(value.Split(['、', ',', '，', ';', '；'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        else json = JsonSerializer.SerializeToElement(value);
        return new RuleNode { Field = field, Op = r.Op, Value = json, WithinYears = field == "qualification" ? r.WithinYears : null };
    }

    public static string? Parent(string path) => path.LastIndexOf('.') is var i and > 0 ? path[..i] : null;

    private static int Last(string path) => int.Parse(path[(path.LastIndexOf('.') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>The path a new child of <paramref name="parent"/> takes (after its last child).</summary>
    public static string NextChild(IEnumerable<RuleRow> rows, string parent) => parent + "." + (rows.Where(r => Parent(r.Path) == parent)
        .Select(r => Last(r.Path)).DefaultIfEmpty(-1).Max() + 1).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// /Support/Edit/{id?}: the catalogue workspace's editor — a policy's issuing unit, source document and clause (and the plan's
/// 重点工程 or 保障措施 that names it), benefit, window, publication, and its rule built in a structured form (conditions and
/// and/or groups added by buttons; the JSON shown for reference); a dry run counts the enterprises the change adds and drops, with
/// samples, before anything is saved; saving checks everything again and refuses a stale version.
/// </summary>
[Authorize(Policy = Policies.DepartmentWrite)]
public sealed class EditModel(FipDbContext db, PolicyEditor editor, SupportCommands commands, IStringLocalizer<SharedResource> l)
    : SupportPage(l)
{
    [BindProperty] public PolicyForm Form { get; set; } = new();
    [BindProperty] public List<RuleRow> Rows { get; set; } = [];
    public SupportPolicy? Existing { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public DryRunResult? DryRun { get; private set; }
    public Dictionary<int, string> SampleNames { get; private set; } = [];
    public List<(int Id, string Name)> Departments { get; private set; } = [];
    public List<(int Id, string Title)> Programmes { get; private set; } = [];
    public string RuleJson => RuleRow.ToNode(Rows)?.ToJson() ?? "";
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public sealed class PolicyForm
    {
        public string? Name { get; set; }
        public string? IssuingUnit { get; set; }
        public int? DepartmentId { get; set; }
        public string? SourceDocument { get; set; }
        public string? SourceClause { get; set; }
        public string? SourceUrl { get; set; }
        public int? PlanProgrammeId { get; set; }
        public string? Summary { get; set; }
        public string? Interpretation { get; set; }
        public string? HowToApply { get; set; }
        public BenefitKind BenefitKind { get; set; }
        public decimal? BenefitAmount { get; set; }
        /// <summary>Share or rate in percent on the form (50 = 50 %).</summary>
        public decimal? BenefitPercent { get; set; }
        public string? BenefitFigure { get; set; }
        public decimal? BenefitCap { get; set; }
        public DateOnly? OpensOn { get; set; }
        public DateOnly? ClosesOn { get; set; }
        public bool Proactive { get; set; }
        public bool IsPublished { get; set; }
        public string? Version { get; set; }
        public string? RuleJson { get; set; }

        public PolicyInput ToInput(string? rule) => new(Name, IssuingUnit, DepartmentId, SourceDocument, SourceClause, SourceUrl,
            PlanProgrammeId, Summary, Interpretation, HowToApply, BenefitKind, BenefitAmount, BenefitPercent / 100m, BenefitFigure,
            BenefitCap, OpensOn, ClosesOn, rule, Proactive, IsPublished);
    }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } pid)
        {
            if (await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) is not { } p) return NotFound();
            if (!PolicyEditor.CanEdit(User, p)) return Forbid();
            Existing = p;
            Form = new PolicyForm
            {
                Name = p.Name,
                IssuingUnit = p.IssuingUnit,
                DepartmentId = p.DepartmentId,
                SourceDocument = p.SourceDocument,
                SourceClause = p.SourceClause,
                SourceUrl = p.SourceUrl,
                PlanProgrammeId = p.PlanProgrammeId,
                Summary = p.Summary,
                Interpretation = p.Interpretation,
                HowToApply = p.HowToApply,
                BenefitKind = p.BenefitKind,
                BenefitAmount = p.BenefitAmount,
                BenefitPercent = p.BenefitShare * 100m,
                BenefitFigure = p.BenefitFigure,
                BenefitCap = p.BenefitCap,
                OpensOn = p.OpensOn,
                ClosesOn = p.ClosesOn,
                Proactive = p.Proactive,
                IsPublished = p.IsPublished,
                Version = p.Version,
            };
            Rows = RuleRow.From(RuleNode.Parse(p.Rule));
        }
        else
        {
            if (!PolicyEditor.CanEdit(User, null)) return Forbid();
            Rows = [new RuleRow { Path = "0", Kind = "all" }, new RuleRow { Path = "0.0", Kind = "condition", Field = "revenue",
                Op = ">=" }];
        }
        return await ShowAsync(id, ct);
    }

    /// <summary>Every button of the form posts here: <paramref name="action"/> says what to do ("save", "dryrun", "json",
    /// "add:PATH:KIND", "remove:PATH").</summary>
    public async Task<IActionResult> OnPostAsync(int? id, string? action, CancellationToken ct)
    {
        if (id is { } pid)
        {
            if (await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) is not { } p) return NotFound();
            if (!PolicyEditor.CanEdit(User, p)) return Forbid();
            Existing = p;
        }
        else if (!PolicyEditor.CanEdit(User, null)) return Forbid();
        action ??= "";
        if (action == "json")
        {
            // The advanced box: replace the rows with the rule typed as JSON (checked like any other on save).
            if (RuleNode.Parse(Form.RuleJson) is { } typed) Rows = RuleRow.From(typed);
            else Errors["rule"] = [L["Support.Rule.BadJson"].Value];
            return await ShowAsync(id, ct);
        }
        if (action.StartsWith("add:", StringComparison.Ordinal) && action.Split(':') is [_, var parent, var kind])
        {
            if (Rows.Count == 0) Rows.Add(new RuleRow { Path = "0", Kind = kind == "condition" ? "all" : kind });
            else if (Rows.Any(r => r.Path == parent && r.IsGroup))
                Rows.Add(new RuleRow { Path = RuleRow.NextChild(Rows, parent), Kind = kind, Op = kind == "condition" ? ">=" : null });
            if (kind == "condition" && Rows.Count == 1) Rows.Add(new RuleRow { Path = "0.0", Kind = "condition", Op = ">=" });
            Rows = RuleRow.From(RuleRow.ToNode(Rows));
            return await ShowAsync(id, ct);
        }
        if (action.StartsWith("remove:", StringComparison.Ordinal))
        {
            var path = action["remove:".Length..];
            Rows = RuleRow.From(RuleRow.ToNode([.. Rows.Where(r => r.Path != path && !r.Path.StartsWith(path + ".",
                StringComparison.Ordinal))]));
            return await ShowAsync(id, ct);
        }
        var input = Form.ToInput(RuleJson);
        if (action == "dryrun")
        {
            var department = User.Role() == Roles.Department ? User.DepartmentId() : Form.DepartmentId;
            var problems = await editor.CheckAsync(input, department, ct);
            if (problems.TryGetValue("rule", out var ruleProblem)) Errors["rule"] = RuleValidator.Words([ruleProblem], L);
            else if (id is { } existing && (await commands.DryRunAsync(existing, RuleJson, ct)) is { IsOk: true } dry)
            {
                DryRun = dry.Value;
                var ids = dry.Value!.AddedSample.Concat(dry.Value.DroppedSample).ToList();
                SampleNames = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id,
                    e => e.Name, ct);
            }
            return await ShowAsync(id, ct);
        }
        var result = await editor.SaveAsync(id, input, Form.Version, User, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = L["Support.Edit.Saved"].Value;
            return LocalRedirect($"/Support/Policy/{Id(result.Value!.Id)}");
        }
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        if (result.Kind == OutcomeKind.Forbidden) return Forbid();
        Errors = result.Errors.ToDictionary(e => e.Key, e => RuleValidator.Words(e.Value, L), StringComparer.Ordinal);
        if (result.Kind == OutcomeKind.Conflict) Errors[""] = [result.Summary(L)];
        Response.StatusCode = result.Kind == OutcomeKind.Conflict
            ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(int? id, CancellationToken ct)
    {
        Departments = [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name))];
        Programmes = [.. (await db.Programmes.AsNoTracking().Where(p => db.Plans.Any(x => x.Id == p.PlanId && x.IsCurrent))
            .OrderBy(p => p.Kind).ThenBy(p => p.SortOrder)
            .Select(p => new { p.Id, p.Number, p.Title }).ToListAsync(ct)).Select(p => (p.Id, p.Number + " " + p.Title))];
        ViewData["PolicyId"] = id;
        return Page();
    }
}
