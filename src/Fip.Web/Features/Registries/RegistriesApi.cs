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
using Microsoft.OpenApi;

namespace Fip.Web.Features.Registries;

/// <summary>
/// A record's fields as the API takes them: field key → value (text, number or boolean; an array or a 、-separated text for lists),
/// and the "version" read. Fields left out of an update keep their value. The OpenAPI document lists each registry's fields.
/// </summary>
public sealed class RecordBody : Dictionary<string, JsonElement>
{
    public RecordBody() : base(StringComparer.OrdinalIgnoreCase) { }
}

/// <summary>One year's figures: revenue, rdExpense, outputValue, tax (万元, at most 2 decimals), employees, inventionPatents, and the
/// enterprise's "version".</summary>
public sealed class YearlyFiguresBody : Dictionary<string, JsonElement>
{
    public YearlyFiguresBody() : base(StringComparer.OrdinalIgnoreCase) { }
}

/// <summary>An import upload: the .xlsx or .csv file in the multipart field "file".</summary>
public sealed record ImportUpload(IFormFile File);

public sealed record SavedRecordDto(int Id, string Version);
public sealed record SavedYearDto(int Id, int Year, string Version);

/// <summary>
/// The list filters: q (name substring), district, track (ids), qualification, stage, status, level, kind (enum codes), indicator (code:
/// only the records it counts), deleted (admins), sort, desc, page (from 1), pageSize (default 25).
/// </summary>
public sealed record RegistryQuery(
    string? Q, int? District, int? Track, string? Qualification, string? Stage, string? Status, string? Level, string? Kind, bool? Deleted,
    string? Indicator, string? Sort, bool? Desc, string? Page, string? PageSize)
{
    public RegistryFilter ToFilter() => new()
    {
        Q = Blank(Q),
        District = District,
        Track = Track,
        Qualification = Blank(Qualification),
        Stage = Blank(Stage),
        Status = Blank(Status),
        Level = Blank(Level),
        Kind = Blank(Kind),
        Deleted = Deleted == true,
        Sort = Blank(Sort),
        Desc = Desc == true,
        Indicator = Blank(Indicator),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

public sealed record ImportResultDto(bool Committed, int Rows, int Added, int Updated, int Unchanged, IReadOnlyList<string> FileProblems,
    int ProblemCount, IReadOnlyList<ImportProblem> Problems);

/// <summary>CRUD, export, template and import for each registry under /api/v1/{registry}, and enterprises' yearly figures.</summary>
public static class RegistriesApi
{
    public static RouteGroupBuilder MapRegistriesApi(this RouteGroupBuilder api)
    {
        foreach (var name in RegistryCatalogue.Names) MapRegistry(api, name);
        MapYearlyFigures(api);
        return api;
    }

    private static void MapRegistry(RouteGroupBuilder api, string name)
    {
        var group = api.MapGroup("/" + name).WithTags("Registries: " + name).WithMetadata(new RegistryName(name));
        var write = RegistryCatalogue.Get(name).WritePolicy;
        var read = RegistryCatalogue.Get(name).ReadPolicy;
        var addRemove = RegistryCatalogue.Get(name).AddRemovePolicy;

        group.MapGet("/", ListAsync).RequireAuthorization(read)
            .WithName($"List_{name}")
            .WithSummary("Paged list; filters: q (name substring), district, track, qualification, stage, status, level, kind (enum " +
                "codes), indicator (code: only the records it counts), sort, desc, page, pageSize.");
        group.MapGet("/{id:int}", GetAsync).ProducesNotFound().RequireAuthorization(read)
            .WithName($"Get_{name}").WithSummary("A record, its version also as ETag.");
        group.MapPost("/", CreateAsync).RequireAuthorization(addRemove).ProducesOutcomeProblems().WithMetadata(new RecordBodyOf(name))
            .WithName($"Create_{name}")
            .WithSummary("Creates a record from an object of field keys to values (text, numbers, booleans, arrays for lists).");
        group.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(write).ProducesOutcomeProblems().WithMetadata(new RecordBodyOf(name))
            .WithName($"Update_{name}")
            .WithSummary("Updates the fields given. Send the version read (If-Match: \"…\" or W/\"…\", or \"version\" in the body): a " +
                "stale or missing one gets 409 and changes nothing.");
        group.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(addRemove).ProducesOutcomeProblems()
            .WithName($"Delete_{name}").WithSummary("Soft delete; an admin can restore. With If-Match, a stale version gets 409.");
        group.MapPost("/{id:int}/restore", RestoreAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName($"Restore_{name}");
        group.MapGet("/export", ExportFile).RequireAuthorization(read)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx, "text/csv")
            .WithName($"Export_{name}").WithSummary("The filtered list as .xlsx (format=xlsx, default) or .csv (format=csv).");
        group.MapGet("/template", Template).RequireAuthorization(read)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx)
            .WithName($"Template_{name}").WithSummary("The import template: Chinese headers and an example row.");
        group.MapPost("/import", ImportAsync).RequireAuthorization(RegistryCatalogue.Get(name).ImportPolicy)
            .Accepts<ImportUpload>("multipart/form-data")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(TabularReaderLimits.MaxUploadBytes))
            .WithName($"Import_{name}")
            .WithSummary("Checks (and with commit=true commits, all or nothing) an .xlsx or .csv file sent as multipart field \"file\". " +
                "422 lists every problem.");
    }

    /// <summary>An enterprise's yearly figures: list, create or replace a year, remove a year; import and template.</summary>
    private static void MapYearlyFigures(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/" + EnterpriseRegistry.Key)
            .WithTags("Registries: enterprises' yearly figures")
            .WithMetadata(new RegistryName(IndicatorImport.Name));

        group.MapGet("/{id:int}/indicators", ListYearsAsync).ProducesNotFound().RequireAuthorization(Policies.SignedIn)
            .WithName("List_enterprise_indicators")
            .WithSummary("The enterprise's yearly figures, newest first, with the enterprise's version (also as ETag).");
        group.MapPut("/{id:int}/indicators/{year:int}", PutYearAsync)
            .RequireAuthorization(Policies.RecordWrite)
            .ProducesOutcomeProblems()
            .WithMetadata(new RecordBodyOf(null))
            .WithName("Put_enterprise_indicator")
            .WithSummary("Creates or replaces one year's figures (revenue, rdExpense, outputValue, tax in 万元 with at most 2 decimals; " +
                "employees, inventionPatents). Send the enterprise's version (If-Match: \"…\" or \"version\" in the body): a stale one " +
                "gets 409 and changes nothing.");
        group.MapDelete("/{id:int}/indicators/{year:int}", DeleteYearAsync)
            .RequireAuthorization(Policies.RecordWrite)
            .ProducesOutcomeProblems()
            .WithName("Delete_enterprise_indicator").WithSummary("Removes one year's figures; with If-Match, a stale version gets 409.");
        group.MapGet("/indicators/template", Template).RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx)
            .WithName("Template_enterprise_indicators")
            .WithSummary("The yearly-figures import template: Chinese headers and an example row.");
        group.MapPost("/indicators/import", ImportAsync).RequireAuthorization(Policies.DistrictWrite)
            .Accepts<ImportUpload>("multipart/form-data")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(TabularReaderLimits.MaxUploadBytes))
            .WithName("Import_enterprise_indicators")
            .WithSummary("Checks (and with commit=true commits, all or nothing) yearly figures from an .xlsx or .csv file sent as " +
                "multipart field \"file\", upserted by credit code and year. 422 lists every problem.");
    }

    public static async Task<Results<Ok<RecordPage>, ValidationProblem>> ListAsync([AsParameters] RegistryQuery query, HttpContext context,
        ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        // Page and size in range (Paging), so the rows skipped always fit: a huge page number gets 400, not the whole registry.
        if (!Paging.TryRead(query.Page, query.PageSize, 25, l, out var page, out var size, out var problem)) return problem;
        return TypedResults.Ok(await OpsFor(context, f).ListAsync(query.ToFilter() with { Page = page, PageSize = size }, user, ct));
    }

    public static async Task<Results<Ok<RecordView>, ProblemHttpResult>> GetAsync(int id, HttpContext context, ClaimsPrincipal user,
        RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await OpsFor(context, f).GetAsync(id, user, ct) is not { } view) return ApiHttp.NotFound(l);
        context.SetETag(view.Version);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Created<SavedRecordDto>, ProblemHttpResult>> CreateAsync(RecordBody body, bool? acceptCheckMismatch,
        HttpContext context, ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var ops = OpsFor(context, f);
        var result = await ops.SaveAsync(null, Values(body), null, user, acceptCheckMismatch == true, ct);
        return result.ToHttp(l, r =>
        {
            context.SetETag(r.Version);
            return TypedResults.Created($"/api/v1/{ops.Registry.Name}/{r.Id}", new SavedRecordDto(r.Id, r.Version));
        });
    }

    public static async Task<Results<Ok<SavedRecordDto>, ProblemHttpResult>> UpdateAsync(int id, RecordBody body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, bool? acceptCheckMismatch, HttpContext context, ClaimsPrincipal user,
        RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await OpsFor(context, f).SaveAsync(id, Values(body), IfMatch.Version(ifMatch, VersionOf(body)), user,
            acceptCheckMismatch == true, ct);
        return result.ToHttp(l, r =>
        {
            context.SetETag(r.Version);
            return TypedResults.Ok(new SavedRecordDto(r.Id, r.Version));
        });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, [FromHeader(Name = IfMatch.Header)] string? ifMatch,
        HttpContext context, ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await OpsFor(context, f).DeleteAsync(id, IfMatch.Version(ifMatch, null), user, ct)).ToHttp(l, _ => TypedResults.NoContent());

    public static async Task<Results<NoContent, ProblemHttpResult>> RestoreAsync(int id, HttpContext context, ClaimsPrincipal user,
        RegistryOpsFactory f, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await OpsFor(context, f).RestoreAsync(id, user, ct)).ToHttp(l, _ => TypedResults.NoContent());

    public static PushStreamHttpResult ExportFile([AsParameters] RegistryQuery query, string? format, HttpContext context,
        ClaimsPrincipal user, RegistryOpsFactory f, IStringLocalizer<SharedResource> l, TimeProvider clock) =>
        Export(OpsFor(context, f), query.ToFilter(), user, format, l, clock);

    public static FileContentHttpResult Template(HttpContext context, RegistryOpsFactory f, IStringLocalizer<SharedResource> l)
    {
        var name = context.GetEndpoint()!.Metadata.GetRequiredMetadata<RegistryName>().Name;
        var importer = f.Importer(name)!;
        string title = l[RegistryCatalogue.LabelKeyOf(name)];
        return TypedResults.File(TabularWriter.Template(title, importer.Headers, importer.ExampleRow), Xlsx,
            FileNames.Safe(l["Files.Template", title] + ".xlsx"));
    }

    public static async Task<Results<Ok<YearlyFiguresList>, ProblemHttpResult>> ListYearsAsync(int id, ClaimsPrincipal user,
        EnterpriseIndicatorOps ops, HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await ops.ListAsync(id, user, ct) is not { } list) return ApiHttp.NotFound(l);
        context.SetETag(list.Version);
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<SavedYearDto>, ProblemHttpResult>> PutYearAsync(int id, int year, YearlyFiguresBody body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, ClaimsPrincipal user, EnterpriseIndicatorOps ops, HttpContext context,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var values = Values(body);
        var input = IndicatorInput.From(k => k == "year" ? year.ToString(CultureInfo.InvariantCulture) : values.GetValueOrDefault(k));
        var result = await ops.SaveAsync(id, year, input, IfMatch.Version(ifMatch, VersionOf(body)), user, ct);
        return result.ToHttp(l, r =>
        {
            context.SetETag(r.Version);
            return TypedResults.Ok(new SavedYearDto(r.Id, year, r.Version));
        });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteYearAsync(int id, int year,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, ClaimsPrincipal user, EnterpriseIndicatorOps ops, HttpContext context,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await ops.DeleteAsync(id, year, IfMatch.Version(ifMatch, null), user, ct)).ToHttp(l, r =>
        {
            context.SetETag(r.Version);
            return TypedResults.NoContent();
        });

    /// <summary>The registry an endpoint belongs to (its group's metadata).</summary>
    private sealed record RegistryName(string Name);

    /// <summary>Marks an operation whose body is a registry's fields (null: an enterprise's yearly figures), for <see
    /// cref="RegistryBodySchemas"/>.</summary>
    internal sealed record RecordBodyOf(string? Registry);

    private static IRegistryOps OpsFor(HttpContext context, RegistryOpsFactory f) =>
        f.For(context.GetEndpoint()!.Metadata.GetRequiredMetadata<RegistryName>().Name)!;

    /// <summary>A JSON object's members as text, the way a form or a spreadsheet cell carries them.</summary>
    private static Dictionary<string, string?> Values(Dictionary<string, JsonElement> body)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in body)
        {
            if (string.Equals(key, "version", StringComparison.OrdinalIgnoreCase)) continue;
            values[key] = value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Array =>
                    string.Join("、",
                        value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => value.GetRawText(),
            };
        }
        return values;
    }

    private static string? VersionOf(Dictionary<string, JsonElement> body) =>
        body.TryGetValue("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An API import: check the uploaded file, and commit it when asked and nothing is wrong.</summary>
    public static async Task<Results<Ok<ImportResultDto>, UnprocessableEntity<ImportResultDto>, ProblemHttpResult>> ImportAsync(
        bool? commit, bool? acceptCheckMismatch, HttpContext context, ClaimsPrincipal user, RegistryOpsFactory f,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var ops = f.Importer(context.GetEndpoint()!.Metadata.GetRequiredMetadata<RegistryName>().Name)!;
        // Scripts import with a token; people use the import page (which carries an antiforgery token).
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return ApiHttp.Problem(StatusCodes.Status400BadRequest, l["Import.TokenRequired"]);
        if (!context.Request.HasFormContentType || (await context.Request.ReadFormAsync(ct)).Files.GetFile("file") is not { } upload)
            return ApiHttp.Problem(StatusCodes.Status400BadRequest, l["Import.NoFile"]);
        TabularFile file;
        try
        {
            await using var stream = upload.OpenReadStream();
            file = TabularReader.Read(stream, upload.FileName);
        }
        catch (TabularFileException e)
        {
            return ApiHttp.Problem(StatusCodes.Status400BadRequest, l[e.Code, e.Args]);
        }
        using var rows = file;
        var check = await ops.CheckImportAsync(file, user, acceptCheckMismatch == true, null, ct);
        if (commit == true && check.CanCommit)
        {
            var outcome = await ops.CommitImportAsync(check, user, null, ct);
            return TypedResults.Ok(
                new ImportResultDto(outcome.Committed, check.Rows, outcome.Added, outcome.Updated, outcome.Unchanged, [],
                    outcome.Problems.Count, outcome.Problems));
        }
        var dto = new ImportResultDto(false, check.Rows, check.Added, check.Updated, check.Unchanged, check.FileProblems,
            check.ProblemCount, check.Problems);
        return check.CanCommit ? TypedResults.Ok(dto) : TypedResults.UnprocessableEntity(dto);
    }

    /// <summary>The request size an upload may have: the 50 MB file limit plus room for the multipart envelope.</summary>
    internal static class TabularReaderLimits
    {
        public const long MaxUploadBytes = 50L * 1024 * 1024 + 1024 * 1024;
    }

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal static PushStreamHttpResult Export(IRegistryOps ops, RegistryFilter filter, ClaimsPrincipal user, string? format,
        IStringLocalizer l, TimeProvider clock)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        string list = l["Files.List." + ops.Registry.Name];
        var fileName = FileNames.Dated(list, clock, csv ? "csv" : "xlsx");
        var layout = new SheetLayout(l[RegistryCatalogue.LabelKeyOf(ops.Registry.Name)],
            l["Files.Title", list, Display.Time(clock.GetUtcNow().UtcDateTime)]);
        return TypedResults.Stream(async stream =>
        {
            if (csv) await TabularWriter.WriteCsvAsync(stream, ops.Headers, ops.ExportRowsAsync(filter, user, CancellationToken.None));
            else
            {
                // The OpenXML package is written synchronously: XlsxSheet buffers it in a temporary file, never the whole table in
                // memory as objects.
                var rows = ops.ExportRowsAsync(filter, user, CancellationToken.None).ToBlockingEnumerable();
                await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.DeleteOnClose);
                await TabularWriter.WriteXlsxAsync(temp, layout, ops.Headers, rows);
                temp.Position = 0;
                await temp.CopyToAsync(stream);
            }
        }, csv ? "text/csv; charset=utf-8" : Xlsx, fileName);
    }
}

/// <summary>
/// Gives the dynamic record bodies a real OpenAPI schema: each registry's fields with their JSON types (from the registry's own
/// field list, so the document follows the definitions), and the yearly figures' keys.
/// </summary>
internal sealed class RegistryBodySchemas : Microsoft.AspNetCore.OpenApi.IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<RegistriesApi.RecordBodyOf>().FirstOrDefault();
        if (body is null || operation.RequestBody?.Content is not { } content) return Task.CompletedTask;
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (body.Registry is { } name)
        {
            using var scope = context.ApplicationServices.CreateScope();
            foreach (var field in scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For(name)!.Fields)
                properties[field.Key] = SchemaOf(field);
        }
        else
        {
            foreach (var key in IndicatorInput.Keys.Where(k => k != "year"))
                properties[key] = new OpenApiSchema
                { Type = key is "employees" or "inventionPatents" ? JsonSchemaType.Integer : JsonSchemaType.Number };
        }
        properties["version"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The version read (instead of If-Match)." };
        foreach (var media in content.Values)
            media.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = properties,
                Description = "Field keys to values; text is parsed the way an import cell is."
            };
        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaOf(FieldInfo field) => field.Kind switch
    {
        FieldKind.Int => new() { Type = JsonSchemaType.Integer, Description = field.Label },
        FieldKind.Decimal => new() { Type = JsonSchemaType.Number, Description = field.Label },
        FieldKind.Bool => new() { Type = JsonSchemaType.Boolean, Description = field.Label },
        FieldKind.Date => new() { Type = JsonSchemaType.String, Format = "date", Description = field.Label },
        FieldKind.TrackList or FieldKind.Qualifications => new()
        {
            Type = JsonSchemaType.Array | JsonSchemaType.String,
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = field.Label,
        },
        _ => new() { Type = JsonSchemaType.String, MaxLength = field.MaxLength, Description = field.Label },
    };
}
