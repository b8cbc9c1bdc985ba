using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>Marker type for the one shared set of UI strings (Resources/zh-CN.json, Resources/en.json).</summary>
public sealed class SharedResource;

/// <summary>
/// UI strings from flat JSON files embedded in the assembly, one per language. zh-CN is the default;
/// a key missing in English falls back to Chinese, and a key missing everywhere shows as itself.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public const string DefaultCulture = "zh-CN";
    public static readonly IReadOnlyList<string> SupportedCultures = ["zh-CN", "en"];
    private static readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> Tables = new(StringComparer.Ordinal);

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer();
    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer();

    public static FrozenDictionary<string, string> Table(string culture) => Tables.GetOrAdd(culture, Load);

    /// <summary>The language file a culture uses: zh-* → zh-CN, everything else → en.</summary>
    public static string LanguageOf(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || culture.Name.Length == 0 ? "zh-CN" : "en";

    private static FrozenDictionary<string, string> Load(string culture)
    {
        var name = $"Fip.Web.Resources.{culture}.json";
        using var stream = typeof(JsonStringLocalizerFactory).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing language resource {name}");
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return values.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

public sealed class JsonStringLocalizer : IStringLocalizer, IStringLocalizer<SharedResource>
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = Find(name, out var found);
            return new LocalizedString(name, value, resourceNotFound: !found);
        }
    }

    /// <summary>The suffix of a key's singular form ("1 enterprise"), used when the first argument is 1; Chinese has none.</summary>
    public const string OneSuffix = "#one";

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var language = JsonStringLocalizerFactory.LanguageOf(CultureInfo.CurrentUICulture);
            var format = arguments.Length > 0 && IsOne(arguments[0])
                && JsonStringLocalizerFactory.Table(language).TryGetValue(name + OneSuffix, out var one)
                ? one
                : Find(name, out _);
            var found = format != name;
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format, arguments), resourceNotFound: !found);
        }
    }

    private static bool IsOne(object? value) => value switch
    {
        int i => i == 1,
        long l => l == 1,
        decimal m => m == 1,
        double d => d == 1,
        string s => s == "1",
        _ => false,
    };

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        JsonStringLocalizerFactory.Table(JsonStringLocalizerFactory.LanguageOf(CultureInfo.CurrentUICulture))
            .Select(kv => new LocalizedString(kv.Key, kv.Value));

    private static string Find(string name, out bool found)
    {
        var language = JsonStringLocalizerFactory.LanguageOf(CultureInfo.CurrentUICulture);
        if (JsonStringLocalizerFactory.Table(language).TryGetValue(name, out var value)) { found = true; return value; }
        if (JsonStringLocalizerFactory.Table(JsonStringLocalizerFactory.DefaultCulture).TryGetValue(name, out value))
        {
            found = true; return value;
        }
        found = false;
        return name;
    }
}
