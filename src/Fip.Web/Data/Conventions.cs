using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fip.Web.Data;

/// <summary>Who is making the current change, for the audit log.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string UserName { get; }
    string? IpAddress { get; }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
