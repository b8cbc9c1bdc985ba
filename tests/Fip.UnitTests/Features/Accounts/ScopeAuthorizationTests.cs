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

    /// <summary>Who sees an enterprise's personal data (contacts) unmasked (issue 16, hole 11): the enterprise is in district 3 and
    /// has the credit code below; department users own none of it.</summary>
    [Theory]
    [InlineData(Roles.Admin, null, null, null, true)]
    [InlineData(Roles.District, null, 3, null, true)] // their own district's enterprise: they serve it
    [InlineData(Roles.District, null, 4, null, false)] // another district's
    [InlineData(Roles.District, null, null, null, false)] // a district account without its district
    [InlineData(Roles.Department, 3, null, null, false)] // department 3 is not district 3
    [InlineData(Roles.Department, 7, null, null, false)]
    [InlineData(Roles.Leader, null, null, null, false)]
    [InlineData(Roles.Enterprise, null, null, "91321003MA1MDEMA0J", true)] // its own
    [InlineData(Roles.Enterprise, null, null, "91110000600037341L", false)]
    public void PersonalData_IsUnmaskedOnlyForThoseWhoServeTheEnterprise(string role, int? department, int? district, string? uscc,
        bool unmasked)
    {
        var enterprise = new Resource(OwnerDistrictId: 3, OwnerEnterpriseUscc: "91321003MA1MDEMA0J");
        var user = User(role, department: department, district: district, uscc: uscc);
        Assert.Equal(unmasked, ScopeAuthorizationHandler.Allows(user, ScopeRequirement.PersonalData, enterprise));
    }

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
