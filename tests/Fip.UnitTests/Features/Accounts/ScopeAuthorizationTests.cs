using System.Security.Claims;
using Fip.Web.Features.Accounts;

namespace Fip.UnitTests.Features.Accounts;

public class ScopeAuthorizationTests
{
    private sealed record Resource(int? OwnerDepartmentId = null, int? OwnerDistrictId = null, string? OwnerEnterpriseUscc = null,
        string? OwnerUserId = null) : IScopedResource
    {
        int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
        int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
        string? IScopedResource.OwnerEnterpriseUscc => OwnerEnterpriseUscc;
        string? IScopedResource.OwnerUserId => OwnerUserId;
    }

    private static ClaimsPrincipal User(string role, string id = "u1", int? department = null, int? district = null, string? uscc = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Role, role) };
        if (department is { } d) claims.Add(new(ScopeClaims.Department, d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (district is { } s) claims.Add(new(ScopeClaims.District, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (uscc is not null) claims.Add(new(ScopeClaims.Enterprise, uscc));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static bool Write(ClaimsPrincipal u, Resource r) => ScopeAuthorizationHandler.Allows(u, ScopeRequirement.Write, r);
    private static bool Read(ClaimsPrincipal u, Resource r) => ScopeAuthorizationHandler.Allows(u, ScopeRequirement.Read, r);

    [Fact]
    public void Admin_WritesAnything() => Assert.True(Write(User(Roles.Admin), new Resource(OwnerDistrictId: 9, OwnerUserId: "other")));

    [Fact]
    public void DistrictUser_WritesOwnDistrictOnly()
    {
        var user = User(Roles.District, district: 3);
        Assert.True(Write(user, new Resource(OwnerDistrictId: 3)));
        Assert.False(Write(user, new Resource(OwnerDistrictId: 4)));
        Assert.False(Write(user, new Resource(OwnerDepartmentId: 3)));
        Assert.True(Read(user, new Resource(OwnerDistrictId: 4)));
    }

    [Fact]
    public void DepartmentUser_WritesOwnDepartmentOnly()
    {
        var user = User(Roles.Department, department: 7);
        Assert.True(Write(user, new Resource(OwnerDepartmentId: 7)));
        Assert.False(Write(user, new Resource(OwnerDepartmentId: 8)));
        Assert.False(Write(user, new Resource(OwnerDistrictId: 7)));
    }

    [Fact]
    public void EnterpriseUser_ReachesOwnEnterpriseOnly()
    {
        var user = User(Roles.Enterprise, uscc: "91310115MA1K3BTP2B");
        Assert.True(Write(user, new Resource(OwnerEnterpriseUscc: "91310115MA1K3BTP2B")));
        Assert.False(Read(user, new Resource(OwnerEnterpriseUscc: "91110000600037341L")));
        Assert.False(Read(user, new Resource(OwnerDistrictId: 1)));
    }

    [Fact]
    public void Leader_ReadsButNeverWrites()
    {
        var user = User(Roles.Leader);
        Assert.True(Read(user, new Resource(OwnerDistrictId: 1)));
        Assert.False(Write(user, new Resource(OwnerDistrictId: 1)));
    }

    [Fact]
    public void UserOwnedThings_BelongToTheirUserOnly()
    {
        Assert.True(Write(User(Roles.Leader, id: "me"), new Resource(OwnerUserId: "me")));
        Assert.False(Read(User(Roles.Department, id: "me", department: 1), new Resource(OwnerUserId: "you")));
        Assert.False(Read(User(Roles.Leader, id: "me"), new Resource(OwnerUserId: "you")));
    }

    [Fact]
    public void Anonymous_ReachesNothing() =>
        Assert.False(Read(new ClaimsPrincipal(new ClaimsIdentity()), new Resource(OwnerDistrictId: 1)));

    [Fact]
    public void EveryPolicy_NamesOnlyKnownRoles()
    {
        foreach (var (_, roles) in Policies.AllowedRoles) Assert.All(roles, r => Assert.True(Roles.IsKnown(r)));
        Assert.Equal([Roles.Admin], Policies.AllowedRoles[Policies.Admin]);
    }
}
