using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>Adds the scope claims (department, district, enterprise) and account flags to every principal.</summary>
public sealed class FipClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(
            new Claim(ScopeClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.DepartmentId is { } dep) identity.AddClaim(new Claim(ScopeClaims.Department, dep.ToString(CultureInfo.InvariantCulture)));
        if (user.DistrictId is { } dis) identity.AddClaim(new Claim(ScopeClaims.District, dis.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(user.EnterpriseUscc)) identity.AddClaim(new Claim(ScopeClaims.Enterprise, user.EnterpriseUscc));
        if (user.MustChangePassword) identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, "true"));
        if (user.IsDemo) identity.AddClaim(new Claim(ScopeClaims.Demo, "true"));
        return identity;
    }
}
