using System.Diagnostics;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The supervision tree at a large city's scale: the plan's programmes, each with work tasks and annual tasks under them
/// (--tasks per level), every annual task reported on monthly for two years by its lead, two co-units and five districts.
/// Measures, medians of 5 runs: reading the narrow report rows alone (the baseline), the whole board read and evaluated (the first
/// request after a change) and kept (every other request), a department user's task list, one scorecard (evaluated as of its own
/// day, so read afresh), and the alert rules with nothing new to raise.
/// </summary>
internal static class SupervisionBenchmark
{
    public static async Task RunAsync(int perLevel, ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var board = scope.ServiceProvider.GetRequiredService<SupervisionBoard>();
        var today = board.Today;
        var start = new DateOnly(today.Year - 2, today.Month, 1);
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        var districts = await db.Districts.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        var roots = await db.SupervisionTasks.Where(t => t.ParentId == null).ToListAsync();
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var rowAuditSuppressed = db.SuppressRowAudit();
        var leaves = new List<SupervisionTask>();
        foreach (var root in roots)
        {
            root.StartDate = start;
            for (var w = 1; w <= perLevel; w++)
            {
                var work = new SupervisionTask
                {
                    PlanId = root.PlanId,
                    ParentId = root.Id,
                    Level = TaskLevel.WorkTask,
                    Number = $"{root.Number}.{w}",
                    Title = $"工作任务{root.Number}.{w}",
                    StartDate = start,
                    Cycle = ReportingCycle.Monthly,
                    CreatedAt = DateTime.UtcNow
                };
                db.SupervisionTasks.Add(work);
                await db.SaveChangesAsync();
                for (var a = 1; a <= perLevel; a++)
                {
                    var lead = departments[random.Next(departments.Count)];
                    var t = new SupervisionTask
                    {
                        PlanId = root.PlanId,
                        ParentId = work.Id,
                        Level = TaskLevel.AnnualTask,
                        Number = $"{work.Number}.{a}",
                        Title = $"年度任务{work.Number}.{a}",
                        StartDate = start,
                        Cycle = ReportingCycle.Monthly,
                        Deadline = start.AddYears(3),
                        CreatedAt = DateTime.UtcNow,
                        Weight = 1 + random.Next(3),
                    };
                    t.Units.Add(new TaskUnit { DepartmentId = lead, Role = AssignmentRole.Lead });
                    foreach (var co in departments.Where(d => d != lead).OrderBy(_ => random.Next()).Take(2))
                        t.Units.Add(new TaskUnit { DepartmentId = co, Role = AssignmentRole.Co });
                    foreach (var d in districts.OrderBy(_ => random.Next()).Take(5)) t.Districts.Add(new TaskDistrict { DistrictId = d });
                    db.SupervisionTasks.Add(t);
                    leaves.Add(t);
                }
                await db.SaveChangesAsync();
            }
        }
        db.ChangeTracker.Clear();
        var reports = 0;
        var periods = SupervisionRules.Periods(ReportingCycle.Monthly, start, null, today).ToList();
        foreach (var chunk in leaves.Chunk(50))
        {
            foreach (var t in chunk)
            {
                var units = t.Units.Where(u => u.Role == AssignmentRole.Lead).Select(u => (Dep: (int?)u.DepartmentId, Dis: (int?)null))
                    .Concat(t.Districts.Select(d => (Dep: (int?)null, Dis: (int?)d.DistrictId)));
                foreach (var (dep, dis) in units)
                    for (var i = 0; i < periods.Count; i++)
                    {
                        if (random.NextDouble() < 0.05) continue; // some reports never come
                        var p = periods[i];
                        var due = p.Due(SupervisionRules.DefaultDueDays);
                        var at = due.AddDays(random.Next(-6, 3)).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                        db.ProgressReports.Add(new ProgressReport
                        {
                            TaskId = t.Id,
                            Period = p.Key,
                            UnitKey = UnitRef.KeyOf(dep, dis),
                            DepartmentId = dep,
                            DistrictId = dis,
                            DueDate = due,
                            Percent = Math.Min(100, (i + 1) * 100m / (periods.Count + 2)),
                            Status = random.NextDouble() < 0.1 ? ReportStatus.Lagging : ReportStatus.OnPlan,
                            Done = "按计划推进",
                            State = ReportState.Approved,
                            FirstSubmittedAt = at,
                            SubmittedAt = at,
                            CreatedAt = at,
                            UpdatedAt = at,
                        });
                        reports++;
                    }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"Generated {roots.Count} programmes, {roots.Count * perLevel} work tasks, {leaves.Count:N0} annual tasks and " +
            $"{reports:N0} reports in {clock.Elapsed.TotalSeconds:0.0} s");

        var user =
            new ClaimsPrincipal(
                new ClaimsIdentity(
                    [new Claim(ClaimTypes.Role, Roles.Department),
                        new Claim(ScopeClaims.Department, departments[0].ToString(System.Globalization.CultureInfo.InvariantCulture))],
                        "bench"));
        async Task<double> Median(Func<Task> work)
        {
            await work(); // warm-up: JIT and first query compilation
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                await using var s = services.CreateAsyncScope();
                var c = Stopwatch.StartNew();
                await work();
                times.Add(c.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(2);
        }
        async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var s = services.CreateAsyncScope();
            return await work(s.ServiceProvider);
        }
        var baseline = await Median(() => In(sp => sp.GetRequiredService<FipDbContext>().ProgressReports.AsNoTracking()
            .Select(r => new { r.TaskId, r.UnitKey, r.Period, r.Percent, r.Status, r.State, r.FirstSubmittedAt, r.SubmittedAt })
            .ToListAsync()));
        // Not kept: what the first request after any task or report change pays (the kept tree dropped before each run).
        var cache =
            (Microsoft.Extensions.Caching.Memory.MemoryCache)services
                .GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        var cold = await Median(() => In(sp => { cache.Compact(1.0); return sp.GetRequiredService<SupervisionBoard>().LoadAsync(); }));
        var whole = await Median(() => In(sp => sp.GetRequiredService<SupervisionBoard>().LoadAsync()));
        var list =
            await Median(
                () =>
                    In(
                        async sp =>
                            (await sp.GetRequiredService<SupervisionBoard>().LoadAsync())!.All.Where(n => ReportService.CanSee(user, n))
                                .Count()));
        var scorecard =
            await Median(
                () =>
                    In(
                        sp => sp.GetRequiredService<Scorecards>()
                            .ComputeAsync(ReportingPeriod.Of(ReportingCycle.Monthly, today).Previous().Previous(),
                                CancellationToken.None)));
        await In(sp => sp.GetRequiredService<SupervisionAlertRules>().EvaluateAsync());
        var rules = await Median(() => In(sp => sp.GetRequiredService<SupervisionAlertRules>().EvaluateAsync()));
        var open = await In(sp => sp.GetRequiredService<FipDbContext>().Alerts.CountAsync());
        Console.WriteLine($"Report rows alone (baseline): {baseline:0} ms");
        Console.WriteLine($"Whole board, read + evaluated: {cold:0} ms = {cold / baseline:0.0} × baseline (the first request after a " +
            $"change)");
        Console.WriteLine($"Whole board, kept:            {whole:0.0} ms = {whole / baseline:0.00} × baseline");
        Console.WriteLine($"Department user's task list:  {list:0} ms = {list / baseline:0.0} × baseline");
        Console.WriteLine($"Scorecard of one month:       {scorecard:0} ms = {scorecard / baseline:0.0} × baseline");
        Console.WriteLine($"Alert rules, nothing new:     {rules:0} ms = {rules / baseline:0.0} × baseline ({open:N0} alerts open from " +
            $"the first pass)");
    }
}
