using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Fip.Web.Features.Accounts;

/// <summary>Claim types that carry a user's scope; the same claims are issued for cookies and access tokens.</summary>
public static class ScopeClaims
{
    public const string Department = "fip:department";
    public const string District = "fip:district";
    public const string Enterprise = "fip:enterprise";
    public const string MustChangePassword = "fip:must-change-password";
    public const string Demo = "fip:demo";
    public const string DisplayName = "fip:display-name";

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
    public static int? DepartmentId(this ClaimsPrincipal user) => ParseInt(user.FindFirstValue(Department));
    public static int? DistrictId(this ClaimsPrincipal user) => ParseInt(user.FindFirstValue(District));
    public static string? EnterpriseUscc(this ClaimsPrincipal user) => user.FindFirstValue(Enterprise);
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Whether the user may choose this district for a record they write: a district user only their own, others any
    /// (the dropdowns of every form that chooses a district list only these).</summary>
    public static bool MayChooseDistrict(this ClaimsPrincipal user, int districtId) =>
        user.Role() != Roles.District || user.DistrictId() == districtId;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
}

/// <summary>
/// The named access rules. Every page and every API endpoint names one of these (the scope-matrix test checks it),
/// so who may reach what is decided here and nowhere else.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in, active user of any role.</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>专班管理员 only.</summary>
    public const string Admin = "Admin";
    /// <summary>Roles that may see everything but personal data: admin, department, district, leader.</summary>
    public const string Staff = "Staff";
    /// <summary>Roles that may change enterprise-bound registry records (within their scope): admin, district, enterprise.</summary>
    public const string RecordWrite = "RecordWrite";
    /// <summary>Roles that may change district-bound registry records (within their scope) and import files: admin, district.</summary>
    public const string DistrictWrite = "DistrictWrite";
    /// <summary>Roles that answer for work owned by a department or a district (alerts, tasks, reports): admin, department,
    /// district.</summary>
    public const string Responsible = "Responsible";
    /// <summary>Roles that may change records a department keeps (talent pool, finance), within their scope: admin, department.</summary>
    public const string DepartmentWrite = "DepartmentWrite";
    /// <summary>Regulating departments (观察期, 包容期, 提示, 行政指导): admin, department.</summary>
    public const string Regulator = "Regulator";
    /// <summary>容错 cases, confidential: admin (the task force) and the 容错 reviewers.</summary>
    public const string Tolerance = "Tolerance";
    /// <summary>Roles that post to the scenario marketplace (场景) and answer matches, within their scope: admin, department, district,
    /// enterprise.</summary>
    public const string ScenarioWrite = "ScenarioWrite";
    /// <summary>Who applies to a 揭榜挂帅 call: an enterprise, for itself.</summary>
    public const string CallApply = "CallApply";
    /// <summary>Who applies for a support policy: an enterprise for itself, its district, the issuing department, admins.</summary>
    public const string SupportApply = "SupportApply";
    /// <summary>Who reviews and pays support applications (the issuing department, admins).</summary>
    public const string SupportReview = "SupportReview";
    /// <summary>Who reads the 政策计算器 verdicts: staff (any enterprise in scope) and an enterprise (its own); not the 容错 reviewers.</summary>
    public const string SupportMatch = "SupportMatch";
    /// <summary>Who has a 待办 inbox: staff, and enterprises (the 提示 and 行政指导 awaiting their reply).</summary>
    public const string Todo = "Todo";
    /// <summary>Who reads financing needs and their matches: staff (all), an enterprise (its own).</summary>
    public const string FinancingNeeds = "FinancingNeeds";
    /// <summary>An enterprise user for itself (我的企业: claim, submit its record).</summary>
    public const string EnterpriseSelf = "EnterpriseSelf";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedRoles =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [SignedIn] = Roles.All,
            [Admin] = [Roles.Admin],
            [Staff] = [Roles.Admin, Roles.Department, Roles.District, Roles.Leader],
            [RecordWrite] = [Roles.Admin, Roles.District, Roles.Enterprise],
            [DistrictWrite] = [Roles.Admin, Roles.District],
            [Responsible] = [Roles.Admin, Roles.Department, Roles.District],
            [DepartmentWrite] = [Roles.Admin, Roles.Department],
            [Regulator] = [Roles.Admin, Roles.Department],
            [Tolerance] = [Roles.Admin, Roles.ToleranceReviewer],
            [ScenarioWrite] = [Roles.Admin, Roles.Department, Roles.District, Roles.Enterprise],
            [CallApply] = [Roles.Enterprise],
            [SupportApply] = [Roles.Admin, Roles.Department, Roles.District, Roles.Enterprise],
            [SupportReview] = [Roles.Admin, Roles.Department],
            [SupportMatch] = [Roles.Admin, Roles.Department, Roles.District, Roles.Leader, Roles.Enterprise],
            [Todo] = [Roles.Admin, Roles.Department, Roles.District, Roles.Leader, Roles.Enterprise],
            [FinancingNeeds] = [Roles.Admin, Roles.Department, Roles.District, Roles.Leader, Roles.Enterprise],
            [EnterpriseSelf] = [Roles.Enterprise],
        };

    /// <summary>Whether a user passes a named rule (every rule is a set of roles), for links and buttons that name a rule.</summary>
    public static bool Allows(ClaimsPrincipal user, string policy) =>
        user.Identity?.IsAuthenticated == true && AllowedRoles.TryGetValue(policy, out var roles) && roles.Any(user.IsInRole);

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var (name, roles) in AllowedRoles)
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // Anything that names no rule still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}

/// <summary>Something owned by a department, a district, an enterprise or a user; checked by <see
/// cref="ScopeAuthorizationHandler"/>.</summary>
public interface IScopedResource
{
    int? OwnerDepartmentId => null;
    int? OwnerDistrictId => null;
    string? OwnerEnterpriseUscc => null;
    string? OwnerUserId => null;
}

/// <summary>
/// Work shared by several departments and districts (a supervision task): those named on it see it, admins and leaders see all,
/// nobody else does. Acting on it is decided per unit (a report is an <see cref="IScopedResource"/> of its unit).
/// </summary>
public interface IJointlyOwned
{
    IReadOnlySet<int> DepartmentIds { get; }
    IReadOnlySet<int> DistrictIds { get; }
}

/// <summary>What a user wants to do with a scoped resource.</summary>
public sealed class ScopeRequirement(string operation) : IAuthorizationRequirement
{
    public string Operation { get; } = operation;
    public static readonly ScopeRequirement Read = new("Read");
    public static readonly ScopeRequirement Write = new("Write");
    /// <summary>See the record's personal data (an enterprise's contact person and phone) unmasked.</summary>
    public static readonly ScopeRequirement PersonalData = new("PersonalData");
    /// <summary>Read a record confined to those it names (a regulatory measure): its owners as for writing, and leaders.</summary>
    public static readonly ScopeRequirement ReadConfined = new("ReadConfined");
}

/// <summary>
/// The one place where record scope is decided (product.md, "Who uses it"): admins everything; leaders read all;
/// department, district and enterprise users write only what their department, district or enterprise owns;
/// a user always reaches what is their own. Personal data (contacts) is seen unmasked by those who serve the record, the same
/// users who may change it: admins all, a district user only records of their district, an enterprise user only its own, a
/// department user only records their department owns (enterprises have none), leaders none; masked for everyone else.
/// </summary>
public sealed class ScopeAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.OfType<ScopeRequirement>().ToList())
        {
            var allowed = context.Resource switch
            {
                IScopedResource r => Allows(context.User, requirement, r),
                IJointlyOwned j => Allows(context.User, requirement, j),
                _ => false,
            };
            if (allowed) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>Jointly owned work: read by admins, leaders and the units named on it; changed (as a whole) only by admins.</summary>
    public static bool Allows(ClaimsPrincipal user, ScopeRequirement requirement, IJointlyOwned resource)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        var read = requirement.Operation == ScopeRequirement.Read.Operation;
        return user.Role() switch
        {
            Roles.Admin => true,
            Roles.Leader => read,
            Roles.Department => read && user.DepartmentId() is { } d && resource.DepartmentIds.Contains(d),
            Roles.District => read && user.DistrictId() is { } d && resource.DistrictIds.Contains(d),
            _ => false,
        };
    }

    public static bool Allows(ClaimsPrincipal user, ScopeRequirement requirement, IScopedResource resource)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (requirement.Operation == ScopeRequirement.ReadConfined.Operation)
            return user.Role() == Roles.Leader || Allows(user, ScopeRequirement.Write, resource);
        var userId = user.UserId();
        if (resource.OwnerUserId is not null && resource.OwnerUserId == userId) return true;
        var role = user.Role();
        // Reading personal data unmasked needs what writing needs: the record is in the user's own scope.
        var read = requirement.Operation == ScopeRequirement.Read.Operation;
        return role switch
        {
            Roles.Admin => true,
            Roles.Leader => read && resource.OwnerUserId is null,
            Roles.Department => (read && resource.OwnerUserId is null)
                || (resource.OwnerDepartmentId is not null && resource.OwnerDepartmentId == user.DepartmentId()),
            Roles.District => (read && resource.OwnerUserId is null)
                || (resource.OwnerDistrictId is not null && resource.OwnerDistrictId == user.DistrictId()),
            Roles.Enterprise => resource.OwnerEnterpriseUscc is not null
                && string.Equals(resource.OwnerEnterpriseUscc, user.EnterpriseUscc(), StringComparison.Ordinal),
            _ => false,
        };
    }
}
