namespace Fip.Web.Features.Chains;

/// <summary>
/// The 招商 leads per chain link, for the gap panel of a chain map; owned here, answered by the feature above that keeps the
/// leads (Investment), so the map shows their count and a way to add one without naming it.
/// </summary>
public interface IChainGapLeads
{
    /// <summary>Leads per link of the track (links without leads are absent).</summary>
    Task<IReadOnlyDictionary<int, int>> CountsAsync(int trackId, CancellationToken ct);
}
