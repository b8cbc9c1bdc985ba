using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Supervision;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo work for the supervision pages (labelled 演示): annual tasks of this year under two programmes, reporting monthly since July,
/// with reports on time, late, lagging, returned and missing, so every colour and the scorecards have something to show.
/// </summary>
public sealed class SupervisionDemo(FipDbContext db, SupervisionBoard boards)
{
    private sealed record Unit(int? Department, int? District);

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.SupervisionTasks.AnyAsync(t => t.IsDemo, ct)) return 0;
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.IsCurrent, ct);
        if (plan is null) return 0;
        var roots = await db.SupervisionTasks
            .Where(t => t.PlanId == plan.Id && t.ParentId == null && !t.IsDeleted)
            .OrderBy(t => t.SortOrder)
            .ToListAsync(ct);
        var source = roots.FirstOrDefault(t => t.Title.Contains("技术策源", StringComparison.Ordinal)) ?? roots.FirstOrDefault();
        var scenes = roots.FirstOrDefault(t => t.Title.Contains("场景", StringComparison.Ordinal)) ?? roots.Skip(1).FirstOrDefault();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var districts = await db.Districts.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        if (source is null
            || scenes is null
            || !departments.TryGetValue("市科技局", out var kjj)
            || !departments.TryGetValue("市工信局", out var gxj)
            || !districts.TryGetValue("邗江区", out var hanjiang) || !districts.TryGetValue("江都区", out var jiangdu)) return 0;

        var today = boards.Today;
        var year = today.Year;
        var start = new DateOnly(year, 7, 1) < today ? new DateOnly(year, 7, 1) : ReportingPeriod.Of(ReportingCycle.Monthly, today)
            .Previous()
            .Previous().Start;
        SupervisionTask Annual(SupervisionTask parent, string number, string title, int lead, int[] cos, int[] dis, decimal weight,
            DateOnly deadline, params (string Title, DateOnly Due, DateOnly? Done)[] milestones)
        {
            var t = new SupervisionTask
            {
                PlanId = plan.Id,
                ParentId = parent.Id,
                Level = TaskLevel.AnnualTask,
                Number = parent.Number + "." + number,
                Title = "【演示】" + title,
                Description = "演示数据：用于展示督办报送、审核、预警和评分。",
                Weight = weight,
                Cycle = ReportingCycle.Monthly,
                StartDate = start,
                Deadline = deadline,
                SortOrder = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture),
                IsDemo = true,
                CreatedAt = DateTime.UtcNow,
            };
            t.Units.Add(new TaskUnit { DepartmentId = lead, Role = AssignmentRole.Lead });
            var order = 1;
            foreach (var c in cos) t.Units.Add(new TaskUnit { DepartmentId = c, Role = AssignmentRole.Co, SortOrder = order++ });
            foreach (var d in dis) t.Districts.Add(new TaskDistrict { DistrictId = d });
            foreach (var (title2, due, done) in milestones)
                t.Milestones.Add(new TaskMilestone { Title = title2, DueDate = due, DoneOn = done });
            db.SupervisionTasks.Add(t);
            return t;
        }
        var platforms = Annual(source, "1", $"{year}年新建省级以上创新平台", kjj, [gxj], [hanjiang, jiangdu], 2, new DateOnly(year, 12, 31),
            ("完成平台申报材料", start.AddMonths(1).AddDays(14), start.AddMonths(1).AddDays(10)), ("组织专家评审", start.AddMonths(3).AddDays(19), null));
        var lab = Annual(source, "2", $"{year}年航空科技实验室建设", kjj, [], [hanjiang], 1, new DateOnly(year, 12, 31));
        var pilots = Annual(scenes, "1", $"{year}年发布未来产业应用场景清单", gxj, [kjj], [jiangdu], 1, new DateOnly(year, 10, 31));
        await db.SaveChangesAsync(ct);

        var reports = 0;
        var periods = SupervisionRules.Periods(ReportingCycle.Monthly, start, null, today)
            .Where(p => p.Due(boards.DueDays) < today)
            .ToList();
        void File(SupervisionTask task, Unit unit, ReportingPeriod p, decimal percent, ReportStatus status, int daysFromDue,
            ReportState state, string? problems = null, string? review = null)
        {
            var unitKey = UnitRef.KeyOf(unit.Department, unit.District);
            var due = p.Due(boards.DueDays);
            var at = Display.FromShanghai(due.AddDays(daysFromDue).ToDateTime(new TimeOnly(16, 30)));
            var r = new ProgressReport
            {
                TaskId = task.Id,
                Period = p.Key,
                UnitKey = unitKey,
                DepartmentId = unit.Department,
                DistrictId = unit.District,
                DueDate = due,
                Percent = percent,
                Status = status,
                State = state,
                Done = $"{p.Label(false)}：按计划推进{task.Title.Replace("【演示】", "", StringComparison.Ordinal)}相关工作，召开推进会，梳理重点项目清单。",
                Problems = problems,
                NextSteps = "加强协调，推动重点项目按期落地。",
                FirstSubmittedAt = at,
                SubmittedAt = at,
                SubmittedBy = "演示用户",
                ReviewedAt = state is ReportState.Approved or ReportState.Returned ? at.AddDays(2) : null,
                ReviewedBy = state is ReportState.Approved or ReportState.Returned ? "admin" : null,
                ReviewComment = review,
                CreatedAt = at,
                UpdatedAt = at,
            };
            r.Events.Add(new ReportEvent { At = at, By = "演示用户", Action = ReportAction.Submitted, Percent = percent });
            if (r.ReviewedAt is { } reviewed)
                r.Events.Add(
                    new ReportEvent
                    {
                        At = reviewed,
                        By = "admin",
                        Action = state == ReportState.Approved ? ReportAction.Approved : ReportAction.Returned,
                        Percent = percent,
                        Comment = review
                    });
            db.ProgressReports.Add(r);
            reports++;
        }
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            var last = i == periods.Count - 1;
            var step = (i + 1) * 100m / (periods.Count + 3);
            // 市科技局: on time; its latest report on the platforms says lagging. 邗江区 misses the latest month; 江都区 files a day late once.
            File(platforms, new(kjj, null), p, Math.Round(step, 0), last ? ReportStatus.Lagging : ReportStatus.OnPlan, -2,
                last ? ReportState.Submitted : ReportState.Approved, last ? "部分企业申报材料尚未齐备。" : null);
            if (!last) File(platforms, new(null, hanjiang), p, Math.Round(step * 1.1m, 0), ReportStatus.OnPlan, -1, ReportState.Approved);
            File(platforms, new(null, jiangdu), p, Math.Round(step * 1.2m, 0), ReportStatus.OnPlan, i == 1 ? 1 : -3, ReportState.Approved);
            File(lab, new(kjj, null), p, Math.Round(step * 1.3m, 0), ReportStatus.OnPlan, -1,
                last ? ReportState.Returned : ReportState.Approved, review: last ? "请补充实验室建设资金到位情况。" : null);
            File(lab, new(null, hanjiang), p, Math.Round(step * 1.3m, 0), ReportStatus.OnPlan, -4, ReportState.Approved);
            File(pilots, new(gxj, null), p, last ? 100 : Math.Round(step * 1.5m, 0), last ? ReportStatus.Done : ReportStatus.OnPlan, -2,
                ReportState.Approved);
            File(pilots, new(null, jiangdu), p, last ? 100 : Math.Round(step * 1.4m, 0), last ? ReportStatus.Done : ReportStatus.OnPlan, -1,
                ReportState.Approved);
        }
        db.AddAuditSummary(nameof(ProgressReport), "demo", $"督办演示数据: 3 tasks, {reports} reports");
        using (db.SuppressRowAudit()) await db.SaveChangesAsync(ct);
        return reports;
    }
}
