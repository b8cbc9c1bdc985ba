using Fip.Web.Features.Accounts;
using Fip.Web.Features.Supervision.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Supervision;

/// <summary>Downloads of what officials send: the 任务分解表 (.xlsx, the tasks the user may see) and the 督办通报 of a period (.docx, task force
/// only).</summary>
public sealed class ExportModel(SupervisionExports exports, Scorecards scorecards) : PageModel
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public IActionResult OnGet() => RedirectToPage("/Supervision/Index");

    public async Task<IActionResult> OnGetBreakdownAsync(CancellationToken ct)
    {
        var sheet = await exports.BreakdownAsync(User, ct);
        if (sheet is null) return NotFound();
        var buffer = new MemoryStream();
        BreakdownWorkbook.Write(sheet, buffer);
        buffer.Position = 0;
        return File(buffer, XlsxType, $"任务分解表-{sheet.AsOf:yyyyMMdd}.xlsx");
    }

    /// <summary>The scorecard of a period (.xlsx): the same computation as the page, the API and the 督办通报.</summary>
    public async Task<IActionResult> OnGetScorecardAsync(string? period, CancellationToken ct)
    {
        var p = scorecards.DefaultPeriod();
        if (!string.IsNullOrEmpty(period) && !ReportingPeriod.TryParse(period, out p)) return BadRequest();
        var card = await scorecards.ComputeAsync(p, ct);
        if (card is null) return NotFound();
        var buffer = new MemoryStream();
        ScorecardWorkbook.Write(SupervisionExports.ScorecardLines(card), buffer, $"{ScorecardWorkbook.SheetName}（{p.Key}）");
        buffer.Position = 0;
        return File(buffer, XlsxType, $"评分排名-{p.Key}.xlsx");
    }

    public async Task<IActionResult> OnGetBulletinAsync(string? period, CancellationToken ct)
    {
        if (User.Role() != Roles.Admin) return Forbid();
        var p = scorecards.DefaultPeriod();
        if (!string.IsNullOrEmpty(period) && !ReportingPeriod.TryParse(period, out p)) return BadRequest();
        var data = await exports.BulletinAsync(p, ct);
        if (data is null) return NotFound();
        var buffer = new MemoryStream();
        BulletinDocument.Write(data, buffer);
        buffer.Position = 0;
        return File(buffer, DocxType, $"督办通报-{p.Key}.docx");
    }
}
