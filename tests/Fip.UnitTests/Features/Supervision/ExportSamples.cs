using Fip.Web.Features.Supervision.Exports;

namespace Fip.UnitTests.Features.Supervision;

/// <summary>Sample 任务分解表 and 督办通报 data shaped like the Yangzhou plan's, sized by the caller.</summary>
internal static class ExportSamples
{
    public const string SheetTitle = "《关于加快培育发展未来产业的指导意见》任务分解表";
    public const string Issuer = "扬州市制造强市建设工作专班";
    public const string DocumentNumber = "扬制强办〔2026〕3号";
    public const string BulletinTitle = "关于2026年11月未来产业重点任务推进情况的通报";

    private static readonly string[] Programmes = ["未来产业创新平台建设工程", "未来产业应用场景开放工程", "未来产业企业梯度培育工程"];
    private static readonly string[] Departments = ["市科技局", "市工信局", "市发改委", "市商务局", "市财政局", "市数据局"];
    private static readonly string[] Districts = ["邗江区", "广陵区", "江都区", "仪征市", "高邮市", "宝应县"];

    /// <summary>A sheet with <paramref name="groups"/> programmes of <paramref name="rowsPerGroup"/> tasks at depths 0, 1, 2, 1, 2…,
    /// cycling through the lights.</summary>
    public static BreakdownSheet Sheet(int groups = 2, int rowsPerGroup = 4)
    {
        var lights = Enum.GetValues<TaskLight>();
        var statuses = new Dictionary<TaskLight, string>
        { [TaskLight.Green] = "按计划", [TaskLight.Yellow] = "滞后", [TaskLight.Red] = "逾期", [TaskLight.Done] = "已完成" };
        var list = new List<BreakdownGroup>();
        for (var g = 0; g < groups; g++)
        {
            var rows = new List<BreakdownRow>();
            for (var r = 0; r < rowsPerGroup; r++)
            {
                var light = lights[(g + r) % lights.Length];
                rows.Add(new BreakdownRow(
                    Number: r == 0 ? $"{g + 1}" : $"{g + 1}.{r}",
                    Depth: r == 0 ? 0 : 2 - r % 2,
                    Task: $"任务{g + 1}-{r + 1}：推动{Programmes[g % Programmes.Length][2..6]}相关企业开展关键技术攻关，形成一批标志性成果",
                    LeadUnits: Departments[(g + r) % Departments.Length],
                    CoUnits: $"{Departments[(g + r + 1) % Departments.Length]}、{Departments[(g + r + 2) % Departments.Length]}",
                    Districts: Districts[r % Districts.Length],
                    Deadline: r % 5 == 4 ? null : new DateOnly(2027, 1 + r % 12, 1 + r % 28),
                    Progress: 10m * (r % 11),
                    Light: light,
                    Status: statuses[light]));
            }
            list.Add(
                new BreakdownGroup($"{g + 1}", Programmes[g % Programmes.Length] + (g >= Programmes.Length ? $"（{g + 1}）" : ""), rows));
        }
        return new BreakdownSheet(SheetTitle, new DateOnly(2026, 11, 30), list);
    }

    /// <summary>A bulletin with the given numbers of red and yellow items and scorecard rows.</summary>
    public static BulletinData Bulletin(int red = 2, int yellow = 2, int departments = 3, int districts = 3, bool overview = true) => new(
        Issuer,
        DocumentNumber,
        BulletinTitle,
        "2026年11月",
        new DateOnly(2026, 11, 30),
        overview
            ? ["11月，各责任单位围绕未来产业重点任务扎实推进，总体进展符合预期。", "截至11月30日，纳入督办的任务共48项，按计划推进40项，滞后5项，逾期3项。"]
            : [],
        Enumerable.Range(1, red)
            .Select(i => new BulletinItem($"红色任务{i}：氢能产业园基础设施建设", Departments[i % Departments.Length], $"已逾期{i}天", 30m + i))
            .ToList(),
        Enumerable.Range(1, yellow)
            .Select(
                i =>
                    new BulletinItem($"黄色任务{i}：低空经济应用场景开放", $"{Departments[i % Departments.Length]}、{Districts[i % Districts.Length]}",
                        "进度滞后于计划", 50.5m))
            .ToList(),
        Scores(departments, Departments, "部门"),
        Scores(districts, Districts, "板块"));

    private static List<BulletinScore> Scores(int count, string[] names, string suffix) =>
        // Given out of order on purpose: the writer ranks them.
        Enumerable.Range(1, count).Reverse()
            .Select(
                rank =>
                    new BulletinScore(rank, rank <= names.Length ? names[rank - 1] : $"{suffix}{rank}", 4, 4 - rank % 2, rank % 2, 0,
                        rank % 3 == 0 ? 1 : 0, 30m - rank, 100m - rank * 1.5m))
            .ToList();
}
