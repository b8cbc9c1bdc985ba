using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Features.Chains;

namespace Fip.IntegrationTests;

/// <summary>Chain records for the scope matrix: the seeded 低空经济 chain, and fresh links an admin adds.</summary>
internal static class ChainSamples
{
    public static int TrackId(FipApp app) =>
        app.Use(d => d.Tracks.Single(t => t.Code == "low-altitude" && d.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent)).Id);

    /// <summary>A leaf link of the seeded chain (飞控系统).</summary>
    public static int LeafId(FipApp app)
    {
        var track = TrackId(app);
        return app.Use(d => d.ChainLinks.Single(l => l.TrackId == track && l.Name == "飞控系统" && l.MergedIntoId == null).Id);
    }

    public static async Task<int> NewLinkAsync(FipApp app)
    {
        var track = TrackId(app);
        var response = await RegistrySamples.AdminAsync(app,
            a =>
                a.PostAsJsonAsync($"/api/v1/chains/tracks/{track}/links",
                    new { name = "矩阵环节" + Guid.NewGuid().ToString("N")[..8], position = "Downstream" }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A pending suggestion of the enterprise on a fresh link (a new link each time, so the pair is new).</summary>
    public static int PendingSuggestion(FipApp app, int enterpriseId)
    {
        var link = NewLinkAsync(app).GetAwaiter().GetResult();
        return app.Use(d =>
        {
            var s = new ChainSuggestion
            { EnterpriseId = enterpriseId, ChainLinkId = link, Confidence = 0.5, MatchedWords = "矩阵", CreatedAt = DateTime.UtcNow };
            d.ChainSuggestions.Add(s);
            d.Save();
            return s.Id;
        });
    }
}
