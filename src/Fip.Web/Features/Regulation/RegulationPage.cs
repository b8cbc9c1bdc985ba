using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

/// <summary>What the measure and notice pages share: a command's outcome becomes a flash (or the error line) and a redirect back.</summary>
public abstract class RegulationPage(IStringLocalizer<SharedResource> l) : PageModel
{
    protected IStringLocalizer<SharedResource> L => l;

    protected IActionResult Done(Outcome result, string flashKey, string back)
    {
        switch (result.Kind)
        {
            case OutcomeKind.Ok: TempData["Flash"] = l[flashKey].Value; break;
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            default:
                TempData["Error"] = string.Join(" ", result.Messages(l).Values.SelectMany(v => v).DefaultIfEmpty(result.Summary(l)));
                break;
        }
        return LocalRedirect(back);
    }
}
