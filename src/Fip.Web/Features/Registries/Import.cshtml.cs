using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Fip.Web.Features.Registries;

[Authorize(Policy = Policies.DistrictWrite)]
[RequestSizeLimit(52_428_800 + 1_048_576)]
[RequestFormLimits(MultipartBodyLengthLimit = 52_428_800 + 1_048_576)]
public sealed class ImportModel(RegistryOpsFactory factory, FipDbContext db, ImportJobs jobs) : RegistryPageModel(factory, db)
{
    public ImportJob? Job { get; private set; }
    public IImporter Importer { get; private set; } = null!;
    /// <summary>Yearly figures belong to the enterprises: their import page leads back to the enterprise list.</summary>
    public string ListName => RegistryName == IndicatorImport.Name ? EnterpriseRegistry.Key : RegistryName;
    public string TemplateUrl => RegistryName == IndicatorImport.Name
        ? $"/api/v1/{EnterpriseRegistry.Key}/indicators/template"
        : $"/api/v1/{RegistryName}/template";

    /// <summary>Loads the importer by its route name (a registry, or "indicators"); false (→ 404) for an unknown one.</summary>
    private new Task<bool> LoadAsync(CancellationToken ct)
    {
        if (HttpContext.RequestServices.GetRequiredService<RegistryOpsFactory>().Importer(RegistryName) is not { } importer)
            return Task.FromResult(false);
        Importer = importer;
        RegistryName = importer.ImportName;
        return Task.FromResult(true);
    }
    public bool Polling => Job?.State is ImportJobState.Reading or ImportJobState.Checking or ImportJobState.Committing;

    public async Task<IActionResult> OnGetAsync(Guid? job, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (job is { } id && (Job = jobs.Find(id, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "")) is null) return NotFound();
        return Page();
    }

    /// <summary>The job's progress and result only, for htmx polling.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid job, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || (Job = jobs.Find(job, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "")) is null) return NotFound();
        return Partial("_ImportStatus", this);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, bool acceptCheckMismatch, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file",
                HttpContext.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.SharedResource>>()
                    ["Import.NoFile"]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var job = await jobs.StartCheckAsync(RegistryName, stream, FileNames.Safe(file.FileName), User, acceptCheckMismatch, ct);
        return Redirect($"/Registries/{RegistryName}/Import?job={job.Id}");
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid job, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || (Job = jobs.Find(job, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "")) is null) return NotFound();
        jobs.StartCommit(Job, User);
        return Redirect($"/Registries/{RegistryName}/Import?job={job}");
    }
}
