using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Fip.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>Creates, checks and revokes personal access tokens. Tokens are random, shown once, stored as SHA-256.</summary>
public sealed class AccessTokenService(FipDbContext db)
{
    public const string TokenPrefix = "fip_";

    public sealed record CreatedToken(PersonalAccessToken Token, string PlainText);

    public async Task<CreatedToken> CreateAsync(AppUser user, string name, DateTime? expiresAt, CancellationToken ct = default)
    {
        var plain = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            UserId = user.Id,
            Name = name.Trim(),
            Prefix = plain[..12],
            TokenHash = Hash(plain),
            CreatedAt = DateTime.UtcNow,
            ExpiresAt = expiresAt,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(token, plain);
    }

    public static string Hash(string plain) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates `Authorization: Bearer fip_…` with a personal access token; same roles and scopes as the owner.</summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FipDbContext db,
    IUserClaimsPrincipalFactory<AppUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var plain = header["Bearer ".Length..].Trim();
        if (!plain.StartsWith(AccessTokenService.TokenPrefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Malformed token.");
        var hash = AccessTokenService.Hash(plain);
        var token = await db.PersonalAccessTokens
            .Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = DateTime.UtcNow;
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } exp && exp <= now))
            return AuthenticateResult.Fail("Unknown, revoked or expired token.");
        if (token.User.IsDisabled) return AuthenticateResult.Fail("The account is disabled.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            // Coarse usage stamp, written without an audit row (it is not a user's change).
            await db.PersonalAccessTokens
                .Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = await claims.CreateAsync(token.User);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
