using Fip.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

public sealed class IndexModel(RegistryOpsFactory factory, FipDbContext db, ICountingIndicators? indicators = null)
    : RegistryPageModel(factory, db)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }
    [BindProperty(SupportsGet = true)] public string? Qualification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Deleted { get; set; }
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    /// <summary>The indicator whose counted records are listed (goals drill-down), when one is asked for.</summary>
    public CountingIndicator? CountedBy { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The list counts up to this many matches and then says "more than" (a page beyond stays reachable).</summary>
    public const int CountLimit = 1000;

    public RecordPage Result { get; private set; } = new([], 1, 25, 0);
    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public RegistryFilter Filter => new()
    {
        Q = Q,
        District = District,
        Track = Track,
        Qualification = Qualification,
        Stage = Stage,
        Status = Status,
        Level = Level,
        Kind = Kind,
        Deleted = Deleted,
        Sort = Sort,
        Desc = Desc,
        Page = PageNumber,
        PageSize = 25,
        Indicator = Indicator,
        CountLimit = CountLimit,
    };

    public string? FilterValue(string key) => key switch
    {
        "qualification" => Qualification,
        "stage" => Stage,
        "status" => Status,
        "level" => Level,
        "kind" => Kind,
        _ => null,
    };

    /// <summary>The current query string with some values replaced, for sort and page links and the export.</summary>
    public string Link(string? sort = null, bool? desc = null, int? page = null, string? path = null, string? format = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["district"] = District?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["track"] = Track?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qualification"] = Qualification,
            ["stage"] = Stage,
            ["status"] = Status,
            ["level"] = Level,
            ["kind"] = Kind,
            ["deleted"] = Deleted ? "true" : null,
            ["indicator"] = Indicator,
            ["sort"] = sort ?? Sort,
            ["desc"] = (desc ?? Desc) ? "true" : null,
            ["p"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["format"] = format,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path ?? $"/Registries/{RegistryName}",
            values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!string.IsNullOrEmpty(Indicator) && indicators is not null)
            CountedBy = await indicators.FindAsync(RegistryName, Indicator, ct);
        Result = await Ops.ListAsync(Filter, User, ct);
        return Page();
    }
}
