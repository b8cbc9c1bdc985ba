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
    public TalentSkill Skill { get; private set; } = null!;
    public List<TalentDemand> Demands { get; private set; } = [];
    public List<Talent.Talent> People { get; private set; } = [];
    public ScarcityCell Cell { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int skillId, CancellationToken ct)
    {
        if (await map.BehindAsync(skillId, ct) is not { } behind) return NotFound();
        Skill = behind.Skill;
        var demandRegistry = new TalentDemandRegistry();
        Demands = await demandRegistry.VisibleTo(demandRegistry.Query(db).AsNoTracking(), User)
            .Where(d => behind.DemandIds.Contains(d.Id)).OrderByDescending(d => d.Headcount).ThenBy(d => d.Name).ToListAsync(ct);
        People = await db.Set<Talent.Talent>().AsNoTracking().Where(t => behind.PersonIds.Contains(t.Id)).OrderBy(t => t.Name)
            .ToListAsync(ct);
        Cell = new ScarcityCell(Skill.TrackId, Skill.Track.Name, Skill.Id, Skill.Name, Demands.Sum(d => d.Headcount), People.Count);
        return Page();
    }
}
