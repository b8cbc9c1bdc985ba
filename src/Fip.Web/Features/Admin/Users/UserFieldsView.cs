namespace Fip.Web.Features.Admin.Users;

/// <summary>Model of the shared form fields partial.</summary>
public sealed record UserFieldsView(UserForm Form, ScopeChoices Choices, bool IsEdit);
