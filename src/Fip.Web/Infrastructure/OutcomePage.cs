using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>A page whose forms run commands: the command's outcome becomes a flash (or the error line) and a redirect back.</summary>
public abstract class OutcomePage(IStringLocalizer<SharedResource> l) : PageModel
{
    protected IStringLocalizer<SharedResource> L => l;

    /// <summary>The words of a refusal on the error line: its field messages, or its summary when it has none.</summary>
    protected virtual IEnumerable<string> ErrorWords(Outcome result) =>
        result.Messages(l).Values.SelectMany(v => v).DefaultIfEmpty(result.Summary(l));

    protected IActionResult Done(Outcome result, string flashKey, string back)
    {
        switch (result.Kind)
        {
            case OutcomeKind.Ok: TempData["Flash"] = l[flashKey].Value; break;
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            default: TempData["Error"] = string.Join(" ", ErrorWords(result)); break;
        }
        return LocalRedirect(back);
    }
}
