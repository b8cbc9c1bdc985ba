using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fip.Web.Features.Demand;

/// <summary>One cell of the 紧缺人才图谱 over the API: the index is null where nobody asks for the skill and nobody has it.</summary>
public sealed record ScarcityCellDto(int TrackId, string Track, int SkillId, string Skill, int Demand, int Supply, decimal? Index,
    string Level);

/// <summary>紧缺人才图谱 under /api/v1/talent (demands and the skill taxonomy are registries: /api/v1/demands, /api/v1/skills).</summary>
public static class DemandApi
{
    public static RouteGroupBuilder MapDemandApi(this RouteGroupBuilder api)
    {
        var talent = api.MapGroup("/talent").WithTags("Talent");
        talent.MapGet("/map", MapAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetScarcityMap")
            .WithSummary("紧缺人才图谱: per track and taxonomy entry, the headcount demanded, the people in the pool and the scarcity index " +
                "(demand − supply) / demand, floored at 0; 0 with no demand but people, null with neither.");
        talent.MapGet("/map/catalogue", CatalogueAsync).RequireAuthorization(Policies.Staff)
            .Produces<Stream>(StatusCodes.Status200OK, Registries.RegistriesApi.Xlsx, Docx)
            .WithName("ExportScarcityCatalogue")
            .WithSummary("The 紧缺人才目录: format=xlsx (default) or docx (GB/T 9704 layout).");
        return api;
    }

    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<Ok<List<ScarcityCellDto>>> MapAsync(ScarcityMap map, CancellationToken ct) =>
        TypedResults.Ok((await map.CellsAsync(ct))
            .Select(c => new ScarcityCellDto(c.TrackId, c.Track, c.SkillId, c.Skill, c.Demand, c.Supply, c.Index, c.Level.ToString()))
            .ToList());

    public static async Task<FileContentHttpResult> CatalogueAsync(string? format, ScarcityCatalogue catalogue, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        var word = string.Equals(format, "docx", StringComparison.OrdinalIgnoreCase);
        if (word) await catalogue.WriteDocxAsync(stream, ct);
        else await catalogue.WriteXlsxAsync(stream, ct);
        return TypedResults.File(stream.ToArray(), word ? Docx : Registries.RegistriesApi.Xlsx,
            word ? "紧缺人才目录.docx" : "紧缺人才目录.xlsx");
    }
}
