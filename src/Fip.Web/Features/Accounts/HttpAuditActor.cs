using System.Security.Claims;
using Fip.Web.Data;

namespace Fip.Web.Features.Accounts;

/// <summary>The signed-in user of the current request, for the audit log.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    /// <summary>The user a background job (an import) works for, when there is no request.</summary>
    public ClaimsPrincipal? ActingFor { get; set; }

    private ClaimsPrincipal? User => ActingFor ?? accessor.HttpContext?.User;
    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string UserName => User?.Identity?.Name ?? "anonymous";
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

/// <summary>The actor for command-line and start-up work.</summary>
public sealed class SystemAuditActor(string name) : IAuditActor
{
    public string? UserId => null;
    public string UserName { get; } = name;
    public string? IpAddress => null;
}
