using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Organisation;

/// <summary>What a group stands for: the real departments and districts named in its <see cref="Department.Members"/>.</summary>
public sealed record GroupMembers(IReadOnlyList<Department> Departments, IReadOnlyList<District> Districts);

/// <summary>
/// The collective phrases of a plan (市制造强市建设工作专班成员单位, 有关县（市、区）人民政府, 功能区管委会 …) and the real units they
/// expand to. A group is never a unit: it is not scored, not offered in pickers, and wherever a task names it, its members answer.
/// Membership is data (the plan's overlay seeds it, <c>members</c> of a department entry), resolved by the members' names and aliases.
/// </summary>
public sealed class UnitDirectory
{
    private readonly Dictionary<int, GroupMembers> _groups = [];

    public UnitDirectory(IReadOnlyList<Department> departments, IReadOnlyList<District> districts)
    {
        var byName = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var d in departments.Where(d => !d.IsGroup))
            foreach (var n in new[] { d.Name, d.FullName ?? "" }.Concat(d.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries)))
                if (n.Length > 0) byName.TryAdd(n, d);
        var districtByName = new Dictionary<string, District>(StringComparer.Ordinal);
        foreach (var d in districts)
            foreach (var n in d.AllNames())
                if (n.Length > 0) districtByName.TryAdd(n, d);
        foreach (var g in departments.Where(d => d.IsGroup))
        {
            var names = g.Members.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _groups[g.Id] = new GroupMembers(
                [.. names.Select(n => byName.GetValueOrDefault(n)).OfType<Department>().Distinct()],
                [.. names.Select(n => districtByName.GetValueOrDefault(n)).OfType<District>().Distinct().OrderBy(d => d.SortOrder)]);
        }
    }

    public static async Task<UnitDirectory> LoadAsync(FipDbContext db, CancellationToken ct) =>
        new(await db.Departments.AsNoTracking().ToListAsync(ct), await db.Districts.AsNoTracking().ToListAsync(ct));

    public bool IsGroup(int departmentId) => _groups.ContainsKey(departmentId);

    /// <summary>The members of a group, or null when the department is a unit.</summary>
    public GroupMembers? MembersOf(int departmentId) => _groups.GetValueOrDefault(departmentId);

    /// <summary>Departments as named on a task, each group replaced by its member departments (in order, without repeats).</summary>
    public IReadOnlyList<int> ExpandDepartments(IEnumerable<int> departmentIds) =>
        [.. departmentIds.SelectMany(id => MembersOf(id) is { } m ? m.Departments.Select(d => d.Id) : [id]).Distinct()];

    /// <summary>The districts the groups among <paramref name="departmentIds"/> stand for.</summary>
    public IReadOnlyList<int> DistrictsOf(IEnumerable<int> departmentIds) =>
        [.. departmentIds.SelectMany(id => MembersOf(id)?.Districts.Select(d => d.Id) ?? []).Distinct()];
}
