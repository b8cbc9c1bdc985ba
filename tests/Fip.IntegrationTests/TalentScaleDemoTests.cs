using Fip.Web.Data;
using Fip.Web.Demo;
using Fip.Web.Features.Demand;
using Fip.Web.Features.Talent;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// The talent data at scale (<c>fip demo-data --demands N --people N</c>, what the 图谱 benchmark loads) and the 图谱 computed over
/// it: the map, which counts each distinct wording once in the database, must equal a row-by-row count of the same rows.
/// </summary>
public class TalentScaleDemoTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ScaleDemo_AddsLabelledRows_AndTheMapCountsThemAsRowByRow(DatabaseProvider provider)
    {
        using var app = FipApp.Start(provider);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(40, 3);
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            Assert.Equal((600, 250), await TalentScaleDemo.LoadAsync(db, 600, 250, 3));
        }

        var demands = app.Use(d => d.Set<TalentDemand>().AsNoTracking().ToList());
        var people = app.Use(d => d.Set<Talent>().AsNoTracking().ToList());
        Assert.Equal(600, demands.Count(x => x.IsDemo && x.Name.StartsWith("【演示】", StringComparison.Ordinal)));
        Assert.Equal(250, people.Count(x => x.IsDemo && x.Name.StartsWith("【演示】", StringComparison.Ordinal)));
        Assert.All(people, p => Assert.Equal(IdNumber.Result.Valid, IdNumber.Validate(p.IdNumber)));
        Assert.All(demands, d => Assert.InRange(d.Headcount, 1, 10));
        Assert.True(demands.Select(d => (d.TrackId, d.Name, d.Skills)).Distinct().Count() > 100); // varied wordings

        // The map against a row-by-row count of the same rows (the way it was computed before it grouped in the database).
        var skills = app.Use(d => d.Set<TalentSkill>().AsNoTracking().Where(s => !s.IsDeleted).ToList());
        var expected = skills.Select(s =>
        {
            var words = Scarcity.WordsOf(s.Name, s.Terms);
            return (s.Id,
                Demand: demands.Where(d => !d.IsDeleted && d.TrackId == s.TrackId
                    && (Scarcity.Names(d.Name, words) || Scarcity.Names(d.Skills, words))).Sum(d => d.Headcount),
                Supply: people.Count(p => !p.IsDeleted && p.AnonymisedAt == null && p.TrackId == s.TrackId
                    && (Scarcity.Names(p.Field, words) || Scarcity.Names(p.ChainLink, words) || Scarcity.Names(p.Title, words))));
        }).OrderBy(c => c.Id).ToList();
        IReadOnlyList<ScarcityCell> cells;
        using (var scope = app.Services.CreateScope())
            cells = await scope.ServiceProvider.GetRequiredService<ScarcityMap>().CellsAsync(CancellationToken.None);
        Assert.Equal(expected, cells.Select(c => (Id: c.SkillId, c.Demand, c.Supply)).OrderBy(c => c.Id).ToList());
        Assert.True(cells.Sum(c => c.Demand) > 0);
        Assert.True(cells.Sum(c => c.Supply) > 0);
    }
}
