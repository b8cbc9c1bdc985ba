using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

public sealed record ImportResultDto(bool Committed, int Rows, int Added, int Updated, int Unchanged, IReadOnlyList<string> FileProblems, int ProblemCount, IReadOnlyList<ImportProblem> Problems);

/// <summary>CRUD, export, template and import for each registry under /api/v1/{registry}.</summary>
public static class RegistriesApi
{
    public static RouteGroupBuilder MapRegistriesApi(this RouteGroupBuilder api)
    {
        foreach (var name in Registries.Names) Map(api, name);
        MapIndicators(api);
        return api;
    }

    /// <summary>An enterprise's yearly figures: list, create or replace a year, remove a year; import and template.</summary>
    private static void MapIndicators(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Registries: enterprises' yearly figures");

        group.MapGet("/{id:int}/indicators", async Task<Results<Ok<YearlyFiguresList>, NotFound>> (int id, ClaimsPrincipal user, EnterpriseIndicatorOps ops, HttpContext context, CancellationToken ct) =>
            {
                if (await ops.ListAsync(id, user, ct) is not { } list) return TypedResults.NotFound();
                context.Response.Headers.ETag = $"\"{list.Version}\"";
                return TypedResults.Ok(list);
            })
            .WithName("List_enterprise_indicators").WithSummary("The enterprise's yearly figures, newest first, with the enterprise's version (also as ETag).")
            .RequireAuthorization(Policies.SignedIn);

        group.MapPut("/{id:int}/indicators/{year:int}", async (int id, int year, JsonElement body, ClaimsPrincipal user, EnterpriseIndicatorOps ops, HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (Values(body) is not { } values) return Results.Problem(l["Problem.400"], statusCode: StatusCodes.Status400BadRequest);
                var input = IndicatorInput.From(k => k == "year" ? year.ToString(CultureInfo.InvariantCulture) : values.GetValueOrDefault(k));
                var result = await ops.SaveAsync(id, year, input, VersionFrom(context.Request, body), user, ct);
                return ToResult(result, context, l, r =>
                {
                    context.Response.Headers.ETag = $"\"{r.Version}\"";
                    return TypedResults.Ok(new { id = r.Id, year, version = r.Version });
                });
            })
            .WithName("Put_enterprise_indicator").WithSummary("Creates or replaces one year's figures (revenue, rdExpense, outputValue, tax in 万元 with at most 2 decimals; employees, inventionPatents). Send the enterprise's version (If-Match: \"…\" or \"version\" in the body): a stale one gets 409 and changes nothing.")
            .RequireAuthorization(Policies.RecordWrite);

        group.MapDelete("/{id:int}/indicators/{year:int}", async (int id, int year, ClaimsPrincipal user, EnterpriseIndicatorOps ops, HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await ops.DeleteAsync(id, year, VersionFrom(context.Request, null), user, ct), context, l, r =>
                {
                    context.Response.Headers.ETag = $"\"{r.Version}\"";
                    return TypedResults.NoContent();
                }))
            .WithName("Delete_enterprise_indicator").WithSummary("Removes one year's figures; with If-Match, a stale version gets 409.")
            .RequireAuthorization(Policies.RecordWrite);

        group.MapGet("/indicators/template", (RegistryOpsFactory f) =>
                TypedResults.File(TabularWriter.Template(f.Importer(IndicatorImport.Name)!.Headers, f.Importer(IndicatorImport.Name)!.ExampleRow), Xlsx, "indicators-template.xlsx"))
            .WithName("Template_enterprise_indicators").WithSummary("The yearly-figures import template: Chinese headers and an example row.")
            .RequireAuthorization(Policies.SignedIn);

        group.MapPost("/indicators/import", (HttpContext context, ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, bool? commit, CancellationToken ct) =>
                ImportAsync(f.Importer(IndicatorImport.Name)!, context, user, l, commit, false, ct))
            .WithName("Import_enterprise_indicators").WithSummary("Checks (and with commit=true commits, all or nothing) yearly figures from an .xlsx or .csv file sent as multipart field \"file\", upserted by credit code and year. 422 lists every problem.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(TabularReaderLimits.MaxUploadBytes))
            .RequireAuthorization(Policies.DistrictWrite);
    }

    private static RegistryFilter FilterFrom(HttpRequest r)
    {
        string? Q(string k) => r.Query.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        int? I(string k) => int.TryParse(Q(k), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        return new RegistryFilter
        {
            Q = Q("q"), District = I("district"), Track = I("track"), Qualification = Q("qualification"), Stage = Q("stage"),
            Status = Q("status"), Level = Q("level"), Kind = Q("kind"), Deleted = Q("deleted") == "true", Sort = Q("sort"), Desc = Q("desc") == "true",
            Page = I("page") ?? 1, PageSize = I("pageSize") ?? 25, Indicator = Q("indicator"),
        };
    }

    /// <summary>A JSON object's members as text, the way a form or a spreadsheet cell carries them.</summary>
    private static Dictionary<string, string?>? Values(JsonElement body)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (body.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in body.EnumerateObject())
        {
            if (p.NameEquals("version")) continue;
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Array => string.Join("、", p.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => p.Value.GetRawText(),
            };
        }
        return values;
    }

    private static string? VersionFrom(HttpRequest request, JsonElement? body)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (!string.IsNullOrEmpty(ifMatch)) return ifMatch.Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"');
        return body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static IResult ToResult(SaveResult result, HttpContext context, IStringLocalizer l, Func<SaveResult, IResult> ok) => result.Status switch
    {
        SaveStatus.Ok => ok(result),
        SaveStatus.NotFound => TypedResults.NotFound(),
        SaveStatus.Forbidden => TypedResults.Problem(l["Problem.403"], statusCode: StatusCodes.Status403Forbidden),
        SaveStatus.Conflict => TypedResults.Problem(l["Error.Stale"], statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => e.Value), title: l["Problem.400"]),
    };

    private static void Map(RouteGroupBuilder api, string name)
    {
        var group = api.MapGroup("/" + name).WithTags("Registries: " + name);
        var write = RegistryServices.WritePolicy(name);

        group.MapGet("/", async (HttpRequest request, ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Paging.TryRead(request.Query["page"], request.Query["pageSize"], 25, l, out var page, out var size, out var problem)
                    ? Results.Ok(await f.For(name)!.ListAsync(FilterFrom(request) with { Page = page, PageSize = size }, user, ct))
                    : problem)
            .Produces<RecordPage>()
            .WithName($"List_{name}").WithSummary("Paged list; filters: q (name substring), district, track, qualification, stage, status, level, kind (enum codes), indicator (code: only the records it counts), sort, desc, page, pageSize.")
            .RequireAuthorization(Policies.SignedIn);

        group.MapGet("/{id:int}", async Task<Results<Ok<RecordView>, NotFound>> (int id, ClaimsPrincipal user, RegistryOpsFactory f, HttpContext context, CancellationToken ct) =>
            {
                if (await f.For(name)!.GetAsync(id, user, ct) is not { } view) return TypedResults.NotFound();
                context.Response.Headers.ETag = $"\"{view.Version}\"";
                return TypedResults.Ok(view);
            })
            .WithName($"Get_{name}").RequireAuthorization(Policies.SignedIn);

        group.MapPost("/", async (JsonElement body, ClaimsPrincipal user, RegistryOpsFactory f, HttpContext context, IStringLocalizer<SharedResource> l, bool? acceptCheckMismatch, CancellationToken ct) =>
            {
                if (Values(body) is not { } values) return Results.Problem(l["Problem.400"], statusCode: StatusCodes.Status400BadRequest);
                var result = await f.For(name)!.SaveAsync(null, values, null, user, acceptCheckMismatch == true, ct);
                return ToResult(result, context, l, r =>
                {
                    context.Response.Headers.ETag = $"\"{r.Version}\"";
                    return TypedResults.Created($"/api/v1/{name}/{r.Id}", new { id = r.Id, version = r.Version });
                });
            })
            .WithName($"Create_{name}").WithSummary("Creates a record from an object of field keys to values (text, numbers, booleans, arrays for lists).")
            .RequireAuthorization(write);

        group.MapPut("/{id:int}", async (int id, JsonElement body, ClaimsPrincipal user, RegistryOpsFactory f, HttpContext context, IStringLocalizer<SharedResource> l, bool? acceptCheckMismatch, CancellationToken ct) =>
            {
                if (Values(body) is not { } values) return Results.Problem(l["Problem.400"], statusCode: StatusCodes.Status400BadRequest);
                var result = await f.For(name)!.SaveAsync(id, values, VersionFrom(context.Request, body), user, acceptCheckMismatch == true, ct);
                return ToResult(result, context, l, r =>
                {
                    context.Response.Headers.ETag = $"\"{r.Version}\"";
                    return TypedResults.Ok(new { id = r.Id, version = r.Version });
                });
            })
            .WithName($"Update_{name}").WithSummary("Updates the fields given. Send the version read (If-Match: \"…\" or \"version\" in the body): a stale one gets 409 and changes nothing.")
            .RequireAuthorization(write);

        group.MapDelete("/{id:int}", async (int id, ClaimsPrincipal user, RegistryOpsFactory f, HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await f.For(name)!.DeleteAsync(id, VersionFrom(context.Request, null), user, ct), context, l, _ => TypedResults.NoContent()))
            .WithName($"Delete_{name}").WithSummary("Soft delete; an admin can restore.").RequireAuthorization(write);

        group.MapPost("/{id:int}/restore", async (int id, ClaimsPrincipal user, RegistryOpsFactory f, HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await f.For(name)!.RestoreAsync(id, user, ct), context, l, _ => TypedResults.NoContent()))
            .WithName($"Restore_{name}").RequireAuthorization(Policies.Admin);

        group.MapGet("/export", (HttpRequest request, ClaimsPrincipal user, RegistryOpsFactory f, string? format) =>
                Export(f.For(name)!, FilterFrom(request), user, format))
            .WithName($"Export_{name}").WithSummary("The filtered list as .xlsx (format=xlsx, default) or .csv (format=csv).")
            .RequireAuthorization(Policies.SignedIn);

        group.MapGet("/template", (RegistryOpsFactory f) =>
                TypedResults.File(TabularWriter.Template(f.For(name)!.Headers, f.For(name)!.ExampleRow), Xlsx, $"{name}-template.xlsx"))
            .WithName($"Template_{name}").WithSummary("The import template: Chinese headers and an example row.")
            .RequireAuthorization(Policies.SignedIn);

        group.MapPost("/import", (HttpContext context, ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, bool? commit, bool? acceptCheckMismatch, CancellationToken ct) =>
                ImportAsync(f.For(name)!, context, user, l, commit, acceptCheckMismatch == true, ct))
            .WithName($"Import_{name}").WithSummary("Checks (and with commit=true commits, all or nothing) an .xlsx or .csv file sent as multipart field \"file\". 422 lists every problem.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(TabularReaderLimits.MaxUploadBytes))
            .RequireAuthorization(Policies.DistrictWrite);
    }

    /// <summary>An API import: check the uploaded file, and commit it when asked and nothing is wrong.</summary>
    private static async Task<IResult> ImportAsync(IImporter ops, HttpContext context, ClaimsPrincipal user, IStringLocalizer l, bool? commit, bool acceptCheckMismatch, CancellationToken ct)
    {
        // Scripts import with a token; people use the import page (which carries an antiforgery token).
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(l["Import.TokenRequired"], statusCode: StatusCodes.Status400BadRequest);
        if (!context.Request.HasFormContentType || (await context.Request.ReadFormAsync(ct)).Files.GetFile("file") is not { } upload)
            return Results.Problem(l["Import.NoFile"], statusCode: StatusCodes.Status400BadRequest);
        TabularFile file;
        try
        {
            await using var stream = upload.OpenReadStream();
            file = TabularReader.Read(stream, upload.FileName);
        }
        catch (TabularFileException e)
        {
            return Results.Problem(l[e.Code, e.Args], statusCode: StatusCodes.Status400BadRequest);
        }
        var check = await ops.CheckImportAsync(file, user, acceptCheckMismatch, null, ct);
        if (commit == true && check.CanCommit)
        {
            var outcome = await ops.CommitImportAsync(check, user, null, ct);
            return Results.Ok(new ImportResultDto(outcome.Committed, check.Rows, outcome.Added, outcome.Updated, outcome.Unchanged, [], outcome.Problems.Count, outcome.Problems));
        }
        var dto = new ImportResultDto(false, check.Rows, check.Added, check.Updated, check.Unchanged, check.FileProblems, check.ProblemCount, check.Problems);
        return check.CanCommit ? Results.Ok(dto) : Results.UnprocessableEntity(dto);
    }

    /// <summary>The request size an upload may have: the 50 MB file limit plus room for the multipart envelope.</summary>
    internal static class TabularReaderLimits
    {
        public const long MaxUploadBytes = 50L * 1024 * 1024 + 1024 * 1024;
    }

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal static IResult Export(IRegistryOps ops, RegistryFilter filter, ClaimsPrincipal user, string? format)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var fileName = $"{ops.Registry.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.{(csv ? "csv" : "xlsx")}";
        return Results.Stream(async stream =>
        {
            if (csv) await TabularWriter.WriteCsvAsync(stream, ops.Headers, ops.ExportRowsAsync(filter, user, CancellationToken.None));
            else
            {
                // MiniExcel writes synchronously from an enumerable: buffer to a temporary file, never the whole table in memory as objects.
                var rows = ops.ExportRowsAsync(filter, user, CancellationToken.None).ToBlockingEnumerable();
                await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                await TabularWriter.WriteXlsxAsync(temp, ops.Headers, rows);
                temp.Position = 0;
                await temp.CopyToAsync(stream);
            }
        }, csv ? "text/csv; charset=utf-8" : Xlsx, fileName);
    }
}
