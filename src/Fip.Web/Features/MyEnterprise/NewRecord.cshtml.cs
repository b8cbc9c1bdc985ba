using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.MyEnterprise;

/// <summary>/MyEnterprise/NewRecord: an enterprise the registry lacks submits its record (the registry's fields and checks) for its
/// district's approval.</summary>
[Authorize(Policy = Policies.EnterpriseSelf)]
public sealed class NewRecordModel(EnterpriseRequestService requests, RegistryOpsFactory registries, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public IReadOnlyList<FieldInfo> Fields { get; private set; } = [];
    public Dictionary<string, string> Values { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet() => Fields = registries.For(EnterpriseRegistry.Key)!.Fields;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Fields = registries.For(EnterpriseRegistry.Key)!.Fields;
        Values = Fields.ToDictionary(f => f.Key, f => Request.Form["v." + f.Key].ToString(), StringComparer.Ordinal);
        var outcome = await requests.SubmitNewRecordAsync(Values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal),
            User, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = l["MyEnterprise.NewRecordSent"].Value;
            return Redirect("/MyEnterprise#requests");
        }
        Errors = outcome.Status.Messages(l);
        Response.StatusCode = outcome.Status.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}
