using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Plans;

public sealed class DocumentModel(PlanQueries queries) : PageModel
{
    public DocumentDto Document { get; private set; } = null!;
    public IReadOnlyList<DocumentParagraph> Paragraphs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var planId = id ?? await queries.CurrentPlanIdAsync(ct);
        if (planId is null || await queries.GetDocumentAsync(planId.Value, ct) is not { } document) return NotFound();
        Document = document;
        Paragraphs = DocumentLayout.Layout(document.Text, document.Marks);
        return Page();
    }
}
