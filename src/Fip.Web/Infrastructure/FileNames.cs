using System.Globalization;

namespace Fip.Web.Infrastructure;

/// <summary>Uploaded file names as they may be stored and shown to others.</summary>
public static class FileNames
{
    /// <summary>
    /// The name without its folder, with invalid path characters replaced, and without control characters and the
    /// Unicode bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F and
    /// U+061C marks) that make "证明\u202Egnp.pdf" display as "证明fdp.png". At most 200 characters (the end kept).
    /// </summary>
    public static string Safe(string? name, string fallback = "file")
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var kept = new System.Text.StringBuilder(file.Length);
        foreach (var c in file)
            if (!IsHidden(c)) kept.Append(c);
        file = kept.ToString();
        foreach (var c in Path.GetInvalidFileNameChars()) file = file.Replace(c, '_');
        file = file.Trim();
        if (file.Length == 0 || file.All(c => c == '.')) file = fallback;
        return file.Length > 200 ? file[^200..] : file;
    }

    /// <summary>A download's name: the content's name in the reader's language and the Beijing date, e.g. 企业名单-20261205.xlsx.</summary>
    public static string Dated(string name, TimeProvider clock, string extension) =>
        Safe($"{name}-{Display.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.{extension}");

    public static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Control
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
