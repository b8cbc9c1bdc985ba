namespace Fip.Web.Features.Audit;

/// <summary>One line of the append-only audit log: a write, a sign-in, a sign-out or a failed sign-in.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>Create, Update, Delete, SignIn, SignInFailed, SignOut, …</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public bool Success { get; set; } = true;
    public string? IpAddress { get; set; }
    public string? Detail { get; set; }
}

public static class AuditActions
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignOut = "SignOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string Export = "Export";
    /// <summary>An import's new records, written in bulk: one line for the import (Detail: the file and the count); the
    /// records' own lines are in its <see cref="AuditBatch"/>es.</summary>
    public const string Import = "Import";
    /// <summary>A write refused for bad input (Success = false, Detail: the fields and reasons); nothing else was written.</summary>
    public const string Refused = "Refused";
    /// <summary>Personal data of a record shown unmasked (PIPL access log).</summary>
    public const string PersonalDataRead = "PersonalDataRead";
}
