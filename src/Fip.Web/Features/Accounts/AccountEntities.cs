using Microsoft.AspNetCore.Identity;

namespace Fip.Web.Features.Accounts;

/// <summary>A person who signs in. Exactly one role; the scope fields bind department, district and enterprise users.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Organisation.Department? Department { get; set; }
    public int? DistrictId { get; set; }
    public Organisation.District? District { get; set; }
    /// <summary>统一社会信用代码 of the enterprise an enterprise user acts for.</summary>
    public string? EnterpriseUscc { get; set; }
    public bool MustChangePassword { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>Demo accounts are labelled 演示数据 wherever they show.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
}

/// <summary>A personal access token for scripts: only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser User { get; set; } = null!;
    public string Name { get; set; } = "";
    /// <summary>First characters of the token, shown so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>The roles of the platform (product.md, "Who uses it").</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Department = "department";
    public const string District = "district";
    public const string Enterprise = "enterprise";
    public const string Leader = "leader";
    /// <summary>容错 reviewer: reads and decides fault-tolerance cases, nothing else.</summary>
    public const string ToleranceReviewer = "reviewer";

    public static readonly IReadOnlyList<string> All = [Admin, Department, District, Enterprise, Leader, ToleranceReviewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
