using Fip.Web.Data;
using Fip.Web.Data.Saving;

namespace Fip.Web.Features.Organisation;

public enum DistrictKind
{
    /// <summary>County-level division with a GB/T 2260 code (区、县、县级市).</summary>
    Division,
    /// <summary>Functional zone (经开区, 新城, 风景区) without a GB/T 2260 code.</summary>
    FunctionalZone,
}

/// <summary>板块: a county-level division or a functional zone of the city.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class District
{
    public int Id { get; set; }
    /// <summary>GB/T 2260 code; null for functional zones.</summary>
    public string? Code { get; set; }
    /// <summary>The statistics bureau's own code, where a functional zone has one (扬州经开区: 321071).</summary>
    public string? StatsCode { get; set; }
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public DistrictKind Kind { get; set; }
    /// <summary>Other names the documents use, separated by '|'.</summary>
    public string Aliases { get; set; } = "";
    public int SortOrder { get; set; }

    public IEnumerable<string> AllNames()
    {
        yield return Name;
        yield return ShortName;
        foreach (var a in Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries)) yield return a;
    }
}

public enum DepartmentKind
{
    CityDepartment,
    PartyOrgan,
    CentralAgencyBranch,
    StateOwnedEnterprise,
    Organisation,
    /// <summary>A group phrase: 有关县（市、区）人民政府, 功能区管委会 (expanded to districts).</summary>
    DistrictGovernments,
    /// <summary>A group phrase: 专班成员单位, 有关产业链工作专班 (expanded to member departments).</summary>
    TaskForce,
}

/// <summary>部门/责任单位: a unit that can own work, with the aliases documents use for it.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Department
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? FullName { get; set; }
    public DepartmentKind Kind { get; set; }
    /// <summary>Other names the documents use, separated by '|'.</summary>
    public string Aliases { get; set; } = "";
    public int SortOrder { get; set; }

    /// <summary>
    /// For a group (a collective phrase of the policy such as 专班成员单位 or 有关县（市、区）人民政府): the names of the real
    /// departments and districts it stands for, separated by '|'. Set from the plan's overlay and editable; empty for a unit.
    /// </summary>
    public string Members { get; set; } = "";

    /// <summary>A collective phrase, never a unit of its own: it is expanded to its members, never ranked nor offered in pickers.</summary>
    public bool IsGroup => IsGroupKind(Kind);

    public static bool IsGroupKind(DepartmentKind kind) => kind is DepartmentKind.DistrictGovernments or DepartmentKind.TaskForce;

    /// <summary>The departments that are units (not groups), for queries: pickers and scopes offer these only.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Department, bool>> Units =
        d => d.Kind != DepartmentKind.DistrictGovernments && d.Kind != DepartmentKind.TaskForce;
}
