using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

public sealed class EditModel(RegistryOpsFactory factory, FipDbContext db, IStringLocalizer<SharedResource> l)
    : RegistryPageModel(factory, db)
{
    public int? Id { get; private set; }
    public string? Version { get; private set; }
    public Dictionary<string, string> Values { get; private set; } = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>An admin may accept a credit code whose check character does not match (genuine early pilot codes).</summary>
    public bool OfferCheckOverride => User.IsInRole(Accounts.Roles.Admin) && Errors.ContainsKey("creditCode");

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Id = id;
        if (id is { } existing)
        {
            if (await Ops.GetAsync(existing, User, ct) is not { } record || record.IsDeleted) return NotFound();
            if (!record.CanEdit) return Forbid();
            Version = record.Version;
            Values = new Dictionary<string, string>(record.Values, StringComparer.Ordinal);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Id = id;
        Version = Request.Form["version"];
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var f in Ops.Fields)
        {
            var posted = Request.Form["v." + f.Key];
            values[f.Key] = f.Kind switch
            {
                FieldKind.TrackList => string.Join("、", posted.Where(v => !string.IsNullOrEmpty(v))),
                FieldKind.Qualifications when Request.Form.ContainsKey("q." + f.Key) => PickedQualifications(f.Key),
                _ => posted.LastOrDefault(),
            };
        }
        var result = await Ops.SaveAsync(id, values, Version, User, Request.Form["acceptCheckMismatch"] == "true", ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = l["Common.Saved"].Value;
                return Redirect($"/Registries/{RegistryName}/{result.Value!.Id}");
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                Errors = new Dictionary<string, string[]> { [""] = [l["Error.Stale"].Value] };
                break;
            default:
                Errors = result.Messages(l);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        // Keep what was typed.
        Values = values.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal);
        return Page();
    }
    /// <summary>The qualifications ticked in the picker, each with the year typed beside it, as the field's text
    /// ("HighTech(2023)、TechSme"); the field's own parser then checks the years.</summary>
    private string PickedQualifications(string key) => string.Join("、", Request.Form["q." + key]
        .Where(v => !string.IsNullOrEmpty(v))
        .Select(name => Request.Form[$"q.{key}.{name}"].LastOrDefault()?.Trim() is { Length: > 0 } year ? $"{name}({year})" : name!));

    /// <summary>The qualifications a field's text holds, by code, with the year as written (for the picker's ticks and years).</summary>
    public static Dictionary<string, string?> HeldQualifications(string text)
    {
        var held = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var raw in text.Split(['、', ';', '；', ',', '，', '|'],
                     StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = raw.Replace('（', '(').Replace('）', ')');
            var open = part.LastIndexOf('(');
            var year = open > 0 && part.EndsWith(')') ? part[(open + 1)..^1] : null;
            if (year is not null) part = part[..open].Trim();
            if (Labels.ParseEnum(typeof(QualificationKind), part) is QualificationKind kind) held[kind.ToString()] = year;
        }
        return held;
    }
}
