using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Accounts;

/// <summary>What an admin (page, API or CLI) gives to create or change an account. Scope fields take a name or an id.</summary>
public sealed record AccountInput(string UserName, string? DisplayName, string Role, string? Department, string? District,
    string? EnterpriseUscc, string? Email)
{
    /// <summary>Binds an enterprise user to a code whether or not its record exists (the test fixtures' accounts, made before the
    /// rule); every page, the API and the CLI leave it false, so a code with no record is refused.</summary>
    public bool BindWithoutRecord { get; init; }
}

/// <summary>Whether an enterprise record exists for a 统一社会信用代码 (answered by Registries: the kernel does not know records).</summary>
public interface IEnterpriseRecords
{
    Task<bool> ExistsAsync(string creditCode, CancellationToken ct);
}

/// <summary>A temporary password set by an admin, and how many of the user's access tokens it revoked.</summary>
public sealed record PasswordReset(string Password, int RevokedTokens);

/// <summary>A problem with one field of the input, in the UI language.</summary>
public sealed record FieldError(string Field, string Message);

public sealed record AccountResult(AppUser? User, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public bool IsConflict { get; init; }
    /// <summary>Refused because the change would leave no active admin.</summary>
    public bool IsLastAdmin { get; init; }
}

/// <summary>Account administration shared by the admin pages, the API and `fip users`.</summary>
public sealed class AccountService(UserManager<AppUser> users, FipDbContext db, IStringLocalizer<SharedResource> l,
    IEnterpriseRecords? records = null)
{
    /// <summary>An enterprise signs itself up (no code yet: it claims its record, or submits one, once signed in). The contact phone is
    /// checked; the account is bound to its enterprise when the district approves the claim.</summary>
    public async Task<AccountResult> RegisterEnterpriseAsync(string userName, string? displayName, string password, string? phone,
        string? email, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (!ContactPhone.IsValid(phone)) errors.Add(new("Phone", l["Register.PhoneInvalid"]));
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email.Trim()))
            errors.Add(new("Email", l["Register.EmailInvalid"]));
        if (string.IsNullOrWhiteSpace(userName)) errors.Add(new("UserName", l["Validation.Required", l["User.UserName"]]));
        if (errors.Count > 0) return new(null, errors);
        var user = new AppUser
        {
            UserName = userName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            Email = email!.Trim(),
            PhoneNumber = ContactPhone.Normalize(phone),
            CreatedAt = DateTime.UtcNow,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return new(null, ToFieldErrors(result));
        var role = await users.AddToRoleAsync(user, Roles.Enterprise);
        if (!role.Succeeded) return new(null, ToFieldErrors(role));
        await transaction.CommitAsync(ct);
        return new(user, []);
    }

    public async Task<AccountResult> CreateAsync(AccountInput input, string? password, bool mustChangePassword, bool isDemo = false,
        CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var user = new AppUser
        { UserName = input.UserName?.Trim(), CreatedAt = DateTime.UtcNow, IsDemo = isDemo, MustChangePassword = mustChangePassword };
        await ApplyAsync(user, input, errors, ct, checkRecord: !input.BindWithoutRecord);
        if (string.IsNullOrWhiteSpace(input.UserName)) errors.Add(new("UserName", l["Validation.Required", l["User.UserName"]]));
        // The roles are seeded with the plan (`fip seed`, or the web app's first start): an account without its role is no account.
        if (errors.Count == 0 && !await db.Roles.AnyAsync(r => r.Name == input.Role, ct))
            errors.Add(new("Role", l["User.RoleNotSeeded", input.Role]));
        if (errors.Count > 0) return new(null, errors);

        // The user row and its role are written together or not at all (its own transaction, or the caller's).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded) return new(null, ToFieldErrors(result));
        var role = await users.AddToRoleAsync(user, input.Role);
        if (!role.Succeeded) return new(null, ToFieldErrors(role));
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new(user, []);
    }

    /// <summary>Changes name, role and scope. <paramref name="concurrencyStamp"/> is the version the editor saw: a stale one (or
    /// none) is refused.</summary>
    public async Task<AccountResult> UpdateAsync(AppUser user, AccountInput input, string? concurrencyStamp, CancellationToken ct = default)
    {
        if (!string.Equals(concurrencyStamp, user.ConcurrencyStamp, StringComparison.Ordinal))
            return new(user, [new("", l["Error.Stale"])]) { IsConflict = true };
        if (input.Role != Roles.Admin && await IsLastActiveAdminAsync(user))
            return new(user, [new("Role", l["User.LastAdmin"])]) { IsLastAdmin = true };
        var errors = new List<FieldError>();
        var boundBefore = user.EnterpriseUscc;
        await ApplyAsync(user, input, errors, ct, checkRecord: false);
        // A new binding needs the record; an account keeps the code it has while its other fields change.
        if (errors.Count == 0 && user.EnterpriseUscc is { } code && code != boundBefore) await CheckRecordAsync(code, errors, ct);
        if (errors.Count > 0) return new(user, errors);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
            return new(user, ToFieldErrors(result))
            { IsConflict = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)) };
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([input.Role]))
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, input.Role);
        }
        await users.UpdateSecurityStampAsync(user);
        return new(user, []);
    }

    /// <summary>Disables or enables an account; false (nothing changed) when it would disable the last active admin.</summary>
    public async Task<bool> SetDisabledAsync(AppUser user, bool disabled)
    {
        if (disabled && await IsLastActiveAdminAsync(user)) return false;
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp ends the user's open sessions at the next validation.
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    /// <summary>True when the user is an enabled admin and no other enabled admin exists: the platform would be left without one.</summary>
    public async Task<bool> IsLastActiveAdminAsync(AppUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, Roles.Admin)) return false;
        return !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    /// <summary>Sets a new temporary password that must be changed at the next sign-in, unlocks the account and revokes its personal
    /// access tokens, in one transaction; returns the password and how many tokens were revoked.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(AppUser user, CancellationToken ct = default)
    {
        var password = PasswordClassesValidator.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var revoked = await RevokeTokensAsync(user, ct);
        await users.UpdateAsync(user);
        await transaction.CommitAsync(ct);
        return new(password, revoked);
    }

    /// <summary>Marks the user's live personal access tokens revoked (saved, and audited, with the caller's next save of the user):
    /// a password changed or reset ends every credential made with the old one.</summary>
    public async Task<int> RevokeTokensAsync(AppUser user, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var live = await db.PersonalAccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct);
        foreach (var t in live) t.RevokedAt = now;
        return live.Count;
    }

    private async Task CheckRecordAsync(string code, List<FieldError> errors, CancellationToken ct)
    {
        if (records is not null && !await records.ExistsAsync(code, ct)) errors.Add(new("EnterpriseUscc", l["User.UsccNoRecord", code]));
    }

    private async Task ApplyAsync(AppUser user, AccountInput input, List<FieldError> errors, CancellationToken ct, bool checkRecord)
    {
        user.DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName?.Trim() ?? "" : input.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.DepartmentId = null;
        user.DistrictId = null;
        user.EnterpriseUscc = null;
        if (!Roles.IsKnown(input.Role))
        {
            errors.Add(new("Role", l["User.RoleUnknown", input.Role ?? ""]));
            return;
        }
        switch (input.Role)
        {
            case Roles.Department:
                var department = await FindDepartmentAsync(input.Department, ct);
                if (department is null)
                    errors.Add(
                        new("Department",
                            string.IsNullOrWhiteSpace(input.Department)
                                ? l["User.DepartmentRequired"]
                                : l["User.DepartmentUnknown", input.Department]));
                else user.DepartmentId = department.Id;
                break;
            case Roles.District:
                var district = await FindDistrictAsync(input.District, ct);
                if (district is null)
                    errors.Add(
                        new("District",
                            string.IsNullOrWhiteSpace(input.District)
                                ? l["User.DistrictRequired"]
                                : l["User.DistrictUnknown", input.District]));
                else user.DistrictId = district.Id;
                break;
            case Roles.Enterprise:
                var code = CreditCode.Normalize(input.EnterpriseUscc ?? "");
                switch (CreditCode.Validate(code))
                {
                    case CreditCode.Result.Valid:
                        user.EnterpriseUscc = code;
                        if (checkRecord) await CheckRecordAsync(code, errors, ct);
                        break;
                    case CreditCode.Result.CheckCharacterMismatch: errors.Add(new("EnterpriseUscc", l["Uscc.CheckMismatch", code])); break;
                    default: errors.Add(new("EnterpriseUscc", l["Uscc.Malformed"])); break;
                }
                break;
        }
    }

    private async Task<Organisation.Department?> FindDepartmentAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        key = key.Trim();
        if (int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            return await db.Departments.Where(Organisation.Department.Units).FirstOrDefaultAsync(d => d.Id == id, ct);
        // A group (专班成员单位 …) is not a unit: no user belongs to it.
        var all = await db.Departments.AsNoTracking().Where(Organisation.Department.Units).ToListAsync(ct);
        var match =
            all.FirstOrDefault(d => d.Name == key || d.FullName == key || d.Aliases.Split('|').Contains(key, StringComparer.Ordinal));
        return match;
    }

    private async Task<Organisation.District?> FindDistrictAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        key = key.Trim();
        if (key.Length != 6 && int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            return await db.Districts.FindAsync([id], ct);
        var all = await db.Districts.AsNoTracking().ToListAsync(ct);
        return all.FirstOrDefault(d => d.Code == key || d.AllNames().Contains(key, StringComparer.Ordinal));
    }

    private static List<FieldError> ToFieldErrors(IdentityResult result) =>
        [.. result.Errors.Select(
            e =>
                new FieldError(
                    e.Code.StartsWith("Password", StringComparison.Ordinal)
                        ? "Password"
                        : e.Code.Contains("UserName", StringComparison.Ordinal)
                        ? "UserName"
                        : "", e.Description))];
}

/// <summary>The departments a user may belong to: units, never the groups of the plan (专班成员单位, 有关县（市、区）人民政府 …).</summary>
public static class AssignableUnits
{
    public static async Task<List<(int Id, string Name)>> DepartmentsAsync(FipDbContext db, CancellationToken ct) =>
        [.. (await db.Departments.AsNoTracking().Where(Organisation.Department.Units).OrderBy(d => d.SortOrder)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name))];
}

/// <summary>A contact phone: a mainland mobile number (11 digits from 1[3-9]) or a landline with its area code (0514-8xxxxxxx).</summary>
public static partial class ContactPhone
{
    public static string Normalize(string? phone) => (phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);

    public static bool IsValid(string? phone) => Pattern().IsMatch(Normalize(phone));

    [System.Text.RegularExpressions.GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
