using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Fip.Web.Data.Saving;

/// <summary>
/// When the figures' change stamp (<see cref="ChangeStamp.Figures"/>) moves on: with every write that can change a sum of the
/// enterprises' yearly figures by track, district or year (the cockpit's economy, <c>EconomyFigures</c>). The registries' stamp
/// moves with every registry write; this one does not move for the writes that cannot change those sums — an enterprise
/// registered without figures (the daily case: districts register enterprises all day), its tracks and qualifications, a
/// renamed enterprise, a qualification — so the city's sums over millions of figure rows are not added up again after each.
/// </summary>
public static class FiguresStamp
{
    /// <summary>Whether a written entry (see <see cref="ChangeStampInterceptor"/>) can change the figures' sums.</summary>
    public static bool Moves(EntityEntry entry) => entry.Entity switch
    {
        EnterpriseIndicator => true,
        // A new enterprise has no figures but those saved with it (which move the stamp themselves).
        Enterprise => entry.State switch
        {
            EntityState.Added => false,
            EntityState.Deleted => true,
            _ => Changed(entry, nameof(Enterprise.DistrictId)) || Changed(entry, nameof(Enterprise.IsDeleted)),
        },
        // A track of an enterprise saved new with it adds no figure to the track.
        EnterpriseTrack => !(entry.State == EntityState.Added && IsNewInThisSave(entry)),
        _ => false,
    };

    /// <summary>Whether rows of <paramref name="type"/> inserted in bulk (<see cref="AuditedInsert"/>) can change the sums.</summary>
    public static bool MovesWithInsertOf(Type type) => type == typeof(EnterpriseIndicator) || type == typeof(EnterpriseTrack);

    private static bool Changed(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static bool IsNewInThisSave(EntityEntry track)
    {
        // Before the save a new enterprise's key is a temporary value held by its entry, the same in the track's foreign key.
        var key = track.Property(nameof(EnterpriseTrack.EnterpriseId)).CurrentValue;
        return track.Context.ChangeTracker.Entries<Enterprise>()
            .Any(e => e.State == EntityState.Added && Equals(e.Property(x => x.Id).CurrentValue, key));
    }
}
