namespace Fip.Web.Infrastructure;

/// <summary>SQL LIKE patterns from user text, with the wildcards in it escaped (escape character '\').</summary>
public static class Like
{
    public const string Escape = "\\";

    /// <summary>A pattern matching values that contain <paramref name="text"/> anywhere.</summary>
    public static string Contains(string text) =>
        "%" + text.Trim()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
