using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Portal;

/// <summary>The portal's home: what the public can find, one card a section.</summary>
public sealed class IndexModel(IEnumerable<PortalSection> sections) : PageModel
{
    public IReadOnlyList<PortalSection> Sections { get; } = sections.OrderBy(s => s.Order).ToList();

    public void OnGet()
    {
    }
}
