using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo data for the support policies (labelled 演示): the demo enterprise account's code is given to a demo enterprise of 邗江区,
/// with last year's figures that meet 科技创新券 and leave 创新产品推广 one condition short (no 首台（套） product), and a few
/// applications of other demo enterprises in every state, so the lists and statistics have something to show.
/// </summary>
public sealed class SupportDemo(FipDbContext db, TimeProvider clock)
{
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.Set<PolicyApplication>().AnyAsync(a => a.IsDemo, ct)) return 0;
        var code = DemoSeeder.DemoCreditCode();
        var demo = await db.Enterprises.Include(e => e.Qualifications).Include(e => e.Indicators)
            .Where(e => e.IsDemo && !e.IsDeleted && e.District.Name == "邗江区").OrderBy(e => e.Id).Take(6).ToListAsync(ct);
        var policies = await db.Set<SupportPolicy>().ToDictionaryAsync(p => p.Code, ct);
        if (demo.Count < 6 || !policies.TryGetValue(SupportSeeder.Voucher, out var voucher)) return 0;
        var year = clock.GetUtcNow().Year - 1;
        var own = demo[0];
        if (!await db.Enterprises.AnyAsync(e => e.CreditCode == code, ct)) own.CreditCode = code;
        foreach (var e in demo)
        {
            var figures = e.Indicators.FirstOrDefault(i => i.Year == year);
            if (figures is null) e.Indicators.Add(figures = new EnterpriseIndicator { Year = year });
            figures.Revenue = 8000m;
            figures.RdExpense = 400m;
            figures.Employees = 120;
            figures.InventionPatents = 3;
            if (e.Qualifications.All(q => q.Kind != QualificationKind.HighTech))
                e.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.HighTech, Year = year - 2 });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        PolicyApplication App(Enterprise e, ApplicationState state, int daysAgo) => new()
        {
            PolicyId = voucher.Id,
            EnterpriseId = e.Id,
            State = state,
            IsDemo = true,
            ExpectedAmount = 20m,
            Note = "演示数据",
            SubmittedAt = now.AddDays(-daysAgo),
            DecidedAt = state == ApplicationState.Submitted ? null : now.AddDays(-daysAgo + 5),
            ApprovedAmount = state is ApplicationState.Approved or ApplicationState.Paid ? 20m : null,
            PaidAmount = state == ApplicationState.Paid ? 20m : null,
            PaidAt = state == ApplicationState.Paid ? now.AddDays(-daysAgo + 21) : null,
            Reason = state is ApplicationState.Returned or ApplicationState.Refused ? "演示：请补充科技服务合同" : null,
        };
        // The demo enterprise itself has not applied: it sees what it meets and applies in the journey.
        db.AddRange(App(demo[1], ApplicationState.Paid, 60), App(demo[2], ApplicationState.Approved, 30),
            App(demo[3], ApplicationState.Submitted, 4), App(demo[4], ApplicationState.Returned, 10));
        await db.SaveChangesAsync(ct);
        return 4;
    }
}
