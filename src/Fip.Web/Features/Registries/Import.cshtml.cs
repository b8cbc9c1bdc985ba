using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Fip.Web.Features.Registries;

// Departments import the registries they keep (talent, finance): each registry's import rule is checked on load.
[Authorize(Policy = Policies.Responsible)]
[RequestSizeLimit(52_428_800 + 1_048_576)]
[RequestFormLimits(MultipartBodyLengthLimit = 52_428_800 + 1_048_576)]
public sealed class ImportModel(RegistryOpsFactory factory, FipDbContext db, ImportJobs jobs) : RegistryPageModel(factory, db)
{
    public ImportJobView? Job { get; private set; }
    /// <summary>Why the last request about the job was refused (a second commit, say), as a resource key.</summary>
    public string? Notice { get; private set; }
    public IImporter Importer { get; private set; } = null!;
    /// <summary>Yearly figures belong to the enterprises: their import page leads back to the enterprise list.</summary>
    public string ListName => RegistryName == IndicatorImport.Name ? EnterpriseRegistry.Key : RegistryName;
    public string TemplateUrl => RegistryName == IndicatorImport.Name
        ? $"/api/v1/{EnterpriseRegistry.Key}/indicators/template"
        : $"/api/v1/{RegistryName}/template";
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private bool _denied;

    /// <summary>403 when the registry's import rule refused the user, 404 for an unknown registry or job.</summary>
    private IActionResult Refused() => _denied ? Forbid() : NotFound();

    /// <summary>Loads the importer by its route name (a registry, or "indicators"); false (→ 404) for an unknown one.</summary>
    private bool LoadImporter()
    {
        if (HttpContext.RequestServices.GetRequiredService<RegistryOpsFactory>().Importer(RegistryName) is not { } importer) return false;
        var policy = (importer as IRegistryOps)?.Registry.ImportPolicy ?? Policies.DistrictWrite;
        if (!Policies.Allows(User, policy)) { _denied = true; return false; }
        Importer = importer;
        RegistryName = importer.ImportName;
        return true;
    }

    /// <summary>Loads the importer and the user's job of this registry; false (→ 404) when either is unknown.</summary>
    private async Task<bool> LoadJobAsync(Guid id, CancellationToken ct) =>
        LoadImporter() && (Job = await jobs.FindAsync(Db, id, UserId, ct)) is { } view && view.Job.Registry == RegistryName;

    public bool Polling => Job?.Job.State is ImportJobState.Uploaded or ImportJobState.Checking or ImportJobState.Committing;

    public async Task<IActionResult> OnGetAsync(Guid? job, string? notice, CancellationToken ct)
    {
        if (!LoadImporter()) return Refused();
        if (job is { } id && !await LoadJobAsync(id, ct)) return Refused();
        Notice = notice == "committing" ? "Import.AlreadyCommitting" : null;
        return Page();
    }

    /// <summary>The job's progress and result only, for htmx polling.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid job, CancellationToken ct) =>
        await LoadJobAsync(job, ct) ? Partial("_ImportStatus", this) : Refused();

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, bool acceptCheckMismatch, CancellationToken ct)
    {
        if (!LoadImporter()) return Refused();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file",
                HttpContext.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.SharedResource>>()
                    ["Import.NoFile"]);
            return Page();
        }
        using var content = new MemoryStream();
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(content, ct);
        var job = await ImportJobs.CreateAsync(Db, RegistryName, content.ToArray(), FileNames.Safe(file.FileName), UserId,
            acceptCheckMismatch, ct);
        jobs.StartCheck(job.Id, User);
        return Redirect($"/Registries/{RegistryName}/Import?job={job.Id}");
    }

    /// <summary>Starts the commit once: a second request (a double-click, another node) is told it is already being committed.</summary>
    public async Task<IActionResult> OnPostCommitAsync(Guid job, CancellationToken ct)
    {
        if (!await LoadJobAsync(job, ct)) return Refused();
        var (claim, token) = await jobs.ClaimCommitAsync(Db, job, UserId, ct);
        if (claim == CommitClaim.Started) jobs.StartCommit(job, token, User);
        var notice = claim == CommitClaim.AlreadyCommitting ? "&notice=committing" : "";
        return Redirect($"/Registries/{RegistryName}/Import?job={job}{notice}");
    }

    /// <summary>Checks a failed job's stored file again (after its node was lost, say).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid job, CancellationToken ct)
    {
        if (!await LoadJobAsync(job, ct)) return Refused();
        if (await ImportJobs.RetryAsync(Db, job, UserId, ct)) jobs.StartCheck(job, User);
        return Redirect($"/Registries/{RegistryName}/Import?job={job}");
    }

    /// <summary>Discards a checked or failed job.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(Guid job, CancellationToken ct)
    {
        if (!await LoadJobAsync(job, ct)) return Refused();
        await ImportJobs.CancelAsync(Db, job, UserId, ct);
        return Redirect($"/Registries/{RegistryName}/Import?job={job}");
    }
}
