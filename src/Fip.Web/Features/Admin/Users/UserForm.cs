using System.ComponentModel.DataAnnotations;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Admin.Users;

/// <summary>The fields of the create and edit forms.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(64, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "User.UserNameChars")]
    [Display(Name = "User.UserName")]
    public string UserName { get; set; } = "";

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "User.DisplayName")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "User.Role")]
    public string Role { get; set; } = Roles.Department;

    [Display(Name = "User.Department")]
    public int? DepartmentId { get; set; }

    [Display(Name = "User.District")]
    public int? DistrictId { get; set; }

    [StringLength(18, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "User.Enterprise")]
    public string? EnterpriseUscc { get; set; }

    [EmailAddress(ErrorMessage = "Validation.Email")]
    [Display(Name = "User.Email")]
    public string? Email { get; set; }

    public AccountInput ToInput() => new(UserName, DisplayName, Role,
        DepartmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DistrictId?.ToString(System.Globalization.CultureInfo.InvariantCulture), EnterpriseUscc, Email);

    public static void AddErrors(ModelStateDictionary state, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            var field = e.Field switch
            {
                "Department" => "Form.DepartmentId",
                "District" => "Form.DistrictId",
                "" or "Password" => "",
                _ => "Form." + e.Field,
            };
            state.AddModelError(field, e.Message);
        }
    }
}

/// <summary>Choices for the scope drop-downs.</summary>
public sealed record ScopeChoices(IReadOnlyList<(int Id, string Name)> Departments, IReadOnlyList<(int Id, string Name)> Districts)
{
    public static async Task<ScopeChoices> LoadAsync(FipDbContext db, CancellationToken ct)
    {
        // Groups (专班成员单位, 有关县（市、区）人民政府 …) are not units a user can belong to.
        var departments = await AssignableUnits.DepartmentsAsync(db, ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.ShortName }).ToListAsync(ct);
        return new([.. departments.Select(d => (d.Id, d.Name))], [.. districts.Select(d => (d.Id, d.ShortName))]);
    }
}
