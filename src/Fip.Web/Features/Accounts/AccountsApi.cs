using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Accounts;

public sealed record MeDto(string Id, string UserName, string DisplayName, string? Role, int? DepartmentId, int? DistrictId,
    string? EnterpriseUscc, bool IsDemo);
public sealed record UserDto(string Id, string UserName, string DisplayName, string? Role, int? DepartmentId, string? DepartmentName,
    int? DistrictId, string? DistrictName,
    string? EnterpriseUscc, string? Email, bool IsDisabled, bool IsDemo, bool MustChangePassword, DateTime CreatedAt,
    DateTime? LastSignInAt, DateTimeOffset? LockoutEnd, string ConcurrencyStamp)
{
    public bool LockedOut => LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
}
public sealed record UserPage(IReadOnlyList<UserDto> Items, int Page, int PageSize, int Total);
public sealed record CreateUserRequest(string UserName, string? DisplayName, string Role, string? Department, string? District,
    string? EnterpriseUscc, string? Email, string? Password);
/// <summary>A change of an account: fields left out (or null) keep their value, "" clears an optional one; the concurrencyStamp (or
/// If-Match) is required.</summary>
public sealed record UpdateUserRequest(string? DisplayName, string? Role, string? Department, string? District, string? EnterpriseUscc,
    string? Email, string? ConcurrencyStamp);
public sealed record CreatedUserDto(UserDto User, string? TemporaryPassword);
public sealed record PasswordResetDto(string TemporaryPassword, int RevokedTokens);
public sealed record TokenDto(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt,
    DateTime? RevokedAt);
public sealed record CreateTokenRequest(string Name, int? ExpiresInDays);
public sealed record CreatedTokenDto(TokenDto Token, string Secret);
/// <summary>Filters of the account list: q (user or display name substring), role, page (from 1), pageSize (1-200, default 50).</summary>
public sealed record UserFilter(string? Q, string? Role, string? Page, string? PageSize);

/// <summary>A token as a scoped resource: it belongs to its user.</summary>
internal sealed record OwnedByUser(string UserId) : IScopedResource
{
    public string? OwnerUserId => UserId;
}

/// <summary>The signed-in user and their tokens under /api/v1/me, accounts (admins) under /api/v1/users.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", GetMeAsync).WithName("GetMe").WithSummary("The signed-in user, role and scope.");
        me.MapGet("/tokens", ListMyTokensAsync).WithName("ListMyTokens");
        me.MapPost("/tokens", CreateMyTokenAsync).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("CreateMyToken").WithSummary("Creates a personal access token; the secret is returned once.");
        api.MapDelete("/tokens/{id:int}", RevokeTokenAsync)
            .RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Me").WithName("RevokeToken").WithSummary("Revokes a token: one's own, or any token for an admin.");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsersAsync).WithName("ListUsers");
        users.MapGet("/{id}", GetUserAsync)
            .ProducesNotFound()
            .WithName("GetUser")
            .WithSummary("An account, its concurrencyStamp also as ETag.");
        users.MapPost("/", CreateUserAsync).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("CreateUser").WithSummary("Creates an account; without a password a temporary one is generated and returned once.");
        users.MapPut("/{id}", UpdateUserAsync).ProducesOutcomeProblems()
            .WithName("UpdateUser")
            .WithSummary("Changes name, role and scope; fields left out keep their value. Send the concurrencyStamp you read (or " +
                "If-Match): a missing or stale one gets 409, and so does taking the admin role from the last active admin.");
        users.MapPost("/{id}/disable", DisableUserAsync).ProducesOutcomeProblems().WithName("DisableUser");
        users.MapPost("/{id}/enable", EnableUserAsync).ProducesOutcomeProblems().WithName("EnableUser");
        users.MapPost("/{id}/reset-password", ResetPasswordAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResetUserPassword")
            .WithSummary("Sets a temporary password that must be changed at the next sign-in; the user's access tokens are revoked.");
        return api;
    }

    public static async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> GetMeAsync(ClaimsPrincipal principal,
        UserManager<AppUser> users) =>
        await users.GetUserAsync(principal) is { } u
            ? TypedResults.Ok(
                new MeDto(u.Id, u.UserName!, u.DisplayName, principal.Role(), u.DepartmentId, u.DistrictId, u.EnterpriseUscc, u.IsDemo))
            : TypedResults.Unauthorized();

    public static async Task<Ok<List<TokenDto>>> ListMyTokensAsync(ClaimsPrincipal principal, FipDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == principal.UserId()).OrderByDescending(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToListAsync(ct));

    public static async Task<Results<Created<CreatedTokenDto>, ProblemHttpResult, UnauthorizedHttpResult>> CreateMyTokenAsync(
        CreateTokenRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, AccessTokenService tokens,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return TypedResults.Unauthorized();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) errors["name"] = [l["Token.NameRequired"]];
        if (request.ExpiresInDays is < 1 or > 3650) errors["expiresInDays"] = [l["Token.ExpiryRange"]];
        if (errors.Count > 0) return ApiHttp.Invalid(errors, l);
        var created = await tokens.CreateAsync(user, request.Name, request.ExpiresInDays is { } d ? DateTime.UtcNow.AddDays(d) : null, ct);
        var t = created.Token;
        return TypedResults.Created($"/api/v1/me/tokens/{t.Id}",
            new CreatedTokenDto(new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt),
                created.PlainText));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(int id, ClaimsPrincipal principal, FipDbContext db,
        IAuthorizationService authorization, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        // Someone else's token is reported as missing, not forbidden: its existence is not theirs to know.
        if (token is null
            || !(await authorization.AuthorizeAsync(principal, new OwnedByUser(token.UserId), ScopeRequirement.Write)).Succeeded)
            return ApiHttp.NotFound(l);
        token.RevokedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserPage>, ValidationProblem>> ListUsersAsync([AsParameters] UserFilter filter, FipDbContext db,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!Paging.TryRead(filter.Page, filter.PageSize, 50, l, out var p, out var size, out var problem)) return problem;
        var query = UserQuery(db, filter.Q, filter.Role);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new UserPage(items, p, size, total));
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetUserAsync(string id, FipDbContext db, HttpContext context,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await UserQuery(db, id: id).FirstOrDefaultAsync(ct) is not { } user) return ApiHttp.NotFound(l);
        context.SetETag(user.ConcurrencyStamp);
        return TypedResults.Ok(user);
    }

    public static async Task<Results<Created<CreatedUserDto>, ProblemHttpResult>> CreateUserAsync(CreateUserRequest request,
        AccountService accounts, FipDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var password = string.IsNullOrEmpty(request.Password) ? PasswordClassesValidator.Generate() : request.Password;
        var result =
            await accounts.CreateAsync(
                new AccountInput(request.UserName, request.DisplayName, request.Role, request.Department, request.District,
                    request.EnterpriseUscc, request.Email), password, mustChangePassword: true, ct: ct);
        if (!result.Succeeded) return ApiHttp.Invalid(ToDictionary(result.Errors), l);
        var dto = await UserQuery(db, id: result.User!.Id).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/users/{dto.Id}",
            new CreatedUserDto(dto, string.IsNullOrEmpty(request.Password) ? password : null));
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> UpdateUserAsync(string id, UpdateUserRequest request,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, UserManager<AppUser> userManager, AccountService accounts, FipDbContext db,
        HttpContext context, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null) return ApiHttp.NotFound(l);
        // Like every PUT of the API: no version, no write (a blind overwrite would undo someone else's change unseen).
        if (IfMatch.Version(ifMatch, request.ConcurrencyStamp) is not { } stamp) return Outcome.Stale.AsProblem(l);
        // Fields left out keep their stored value (as registry records' PUT does): a partial body never resets the rest.
        var role = request.Role ?? (await userManager.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var input = new AccountInput(user.UserName!, request.DisplayName ?? user.DisplayName, role,
            request.Department ?? user.DepartmentId?.ToString(CultureInfo.InvariantCulture),
            request.District ?? user.DistrictId?.ToString(CultureInfo.InvariantCulture), request.EnterpriseUscc ?? user.EnterpriseUscc,
            request.Email ?? user.Email);
        var result = await accounts.UpdateAsync(user, input, stamp, ct);
        if (result.IsConflict) return Outcome.Stale.AsProblem(l);
        if (result.IsLastAdmin) return ApiHttp.Problem(StatusCodes.Status409Conflict, l["User.LastAdmin"]);
        if (!result.Succeeded) return ApiHttp.Invalid(ToDictionary(result.Errors), l);
        var dto = await UserQuery(db, id: id).FirstAsync(ct);
        context.SetETag(dto.ConcurrencyStamp);
        return TypedResults.Ok(dto);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DisableUserAsync(string id, UserManager<AppUser> userManager,
        AccountService accounts, ClaimsPrincipal principal, IStringLocalizer<SharedResource> l) =>
        SetDisabledAsync(id, true, userManager, accounts, principal, l);

    public static Task<Results<NoContent, ProblemHttpResult>> EnableUserAsync(string id, UserManager<AppUser> userManager,
        AccountService accounts, ClaimsPrincipal principal, IStringLocalizer<SharedResource> l) =>
        SetDisabledAsync(id, false, userManager, accounts, principal, l);

    public static async Task<Results<Ok<PasswordResetDto>, ProblemHttpResult>> ResetPasswordAsync(string id,
        UserManager<AppUser> userManager, AccountService accounts, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null) return ApiHttp.NotFound(l);
        var reset = await accounts.ResetPasswordAsync(user, ct);
        return TypedResults.Ok(new PasswordResetDto(reset.Password, reset.RevokedTokens));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(string id, bool disabled,
        UserManager<AppUser> userManager, AccountService accounts, ClaimsPrincipal principal, IStringLocalizer<SharedResource> l)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null) return ApiHttp.NotFound(l);
        if (disabled && user.Id == principal.UserId()) return Outcome.Conflict("User.CannotDisableSelf").AsProblem(l);
        if (!await accounts.SetDisabledAsync(user, disabled)) return ApiHttp.Problem(StatusCodes.Status409Conflict, l["User.LastAdmin"]);
        return TypedResults.NoContent();
    }

    /// <summary>Accounts with role and scope names, ordered by user name; filters apply before the projection so they translate to
    /// SQL.</summary>
    internal static IQueryable<UserDto> UserQuery(FipDbContext db, string? search = null, string? role = null, string? id = null)
    {
        var users = db.Users.AsNoTracking();
        if (id is not null) users = users.Where(u => u.Id == id);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Like.Contains(search);
            users = users.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(role))
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        return from u in users.OrderBy(u => u.UserName)
               let r =
                   (from ur in db.UserRoles
                    join ro in db.Roles on ur.RoleId equals ro.Id
                    where ur.UserId == u.Id
                    select ro.Name).FirstOrDefault()
               select new UserDto(u.Id, u.UserName!, u.DisplayName, r, u.DepartmentId, u.Department!.Name, u.DistrictId,
                   u.District!.ShortName, u.EnterpriseUscc, u.Email,
                   u.IsDisabled, u.IsDemo, u.MustChangePassword, u.CreatedAt, u.LastSignInAt, u.LockoutEnd, u.ConcurrencyStamp!);
    }

    private static Dictionary<string, string[]> ToDictionary(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => string.IsNullOrEmpty(e.Field) ? "" : char.ToLowerInvariant(e.Field[0]) + e.Field[1..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
