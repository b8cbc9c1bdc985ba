using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>
/// A cell of the 图谱: the demands and the people behind it. People are listed by name, category, employer and title only (no
/// personal field), each linking to their record, where the talent registry masks what the reader's scope requires.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CellModel(FipDbContext db, ScarcityMap map) : PageModel
{
    /// <summary>Rows per page of each list (a cell of a province's 图谱 has thousands of demands behind it).</summary>
    public const int PageSize = 100;

    public TalentSkill Skill { get; private set; } = null!;
    public List<TalentDemand> Demands { get; private set; } = [];
    public List<Talent.Talent> People { get; private set; } = [];
    public ScarcityCell Cell { get; private set; } = null!;
    public int DemandCount { get; private set; }
    public int PersonCount { get; private set; }

    /// <summary>The page of the demands (<c>dp</c>) and of the people (<c>pp</c>), from 1; out-of-range pages show the last.</summary>
    [BindProperty(Name = "dp", SupportsGet = true)] public int DemandPage { get; set; } = 1;
    [BindProperty(Name = "pp", SupportsGet = true)] public int PersonPage { get; set; } = 1;

    public int DemandPages => Pages(DemandCount);
    public int PersonPages => Pages(PersonCount);

    public static int Pages(int count) => Infrastructure.Paging.PageCount(count, PageSize);

    /// <summary>This page with another page of the demands or of the people.</summary>
    public string PageUrl(int demandPage, int personPage) =>
        FormattableString.Invariant($"/Talent/Map/{Skill.Id}?dp={demandPage}&pp={personPage}");

    public async Task<IActionResult> OnGetAsync(int skillId, CancellationToken ct)
    {
        if (await map.BehindAsync(skillId, ct) is not { } behind) return NotFound();
        Skill = behind.Skill;
        var demandRegistry = new TalentDemandRegistry();
        var demands = demandRegistry.VisibleTo(demandRegistry.Query(db).AsNoTracking(), User).Where(d => behind.DemandIds.Contains(d.Id));
        DemandCount = await demands.CountAsync(ct);
        var headcount = DemandCount == 0 ? 0 : await demands.SumAsync(d => d.Headcount, ct);
        DemandPage = Infrastructure.Paging.Within(DemandPage, DemandCount, PageSize);
        Demands = await demands.OrderByDescending(d => d.Headcount).ThenBy(d => d.Name).ThenBy(d => d.Id)
            .Skip((DemandPage - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var people = db.Set<Talent.Talent>().AsNoTracking().Where(t => behind.PersonIds.Contains(t.Id));
        PersonCount = await people.CountAsync(ct);
        PersonPage = Infrastructure.Paging.Within(PersonPage, PersonCount, PageSize);
        People = await people.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip((PersonPage - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Cell = new ScarcityCell(Skill.TrackId, Skill.Track.Name, Skill.Id, Skill.Name, headcount, PersonCount);
        return Page();
    }
}
