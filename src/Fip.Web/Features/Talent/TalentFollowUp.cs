using Microsoft.AspNetCore.Mvc;

namespace Fip.Web.Features.Talent;

/// <summary>The talent's record page panel (the registries' page names it, not the reverse): a young talent's follow-up plan,
/// its check-ins' states and the outcomes counted, linking to the plan page. It shows no personal text, so it logs no read.</summary>
public sealed class TalentFollowUpViewComponent(FollowUpService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int talentId)
    {
        var talent = await service.FindTalentAsync(talentId, UserClaimsPrincipal, HttpContext.RequestAborted);
        if (talent is null) return Content("");
        var plan = await service.ViewAsync(talent, UserClaimsPrincipal, null, HttpContext.RequestAborted);
        return View("/Features/Talent/_FollowUp.cshtml", (talent, plan));
    }
}
