using System.Collections.Concurrent;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Registries;

/// <summary>Field headers and choice labels from the UI strings: "Field.{registry}.{key}" and "Enum.{Type}.{Member}".</summary>
public static class Labels
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(object Value, string Zh, string En, string Name)>> Choices = new();

    /// <summary>The spreadsheet header of a field: its Chinese label, whatever the UI language.</summary>
    public static string Header(string labelKey) =>
        JsonStringLocalizerFactory.Table("zh-CN").TryGetValue(labelKey, out var zh) ? zh : labelKey;

    public static string EnglishHeader(string labelKey) =>
        JsonStringLocalizerFactory.Table("en").TryGetValue(labelKey, out var en) ? en : labelKey;

    public static IReadOnlyList<(object Value, string Zh, string En, string Name)> Of(Type enumType) => Choices.GetOrAdd(enumType, t =>
    {
        var zh = JsonStringLocalizerFactory.Table("zh-CN");
        var en = JsonStringLocalizerFactory.Table("en");
        return [.. System.Enum.GetValues(t).Cast<object>().Select(v =>
        {
            var name = System.Enum.GetName(t, v)!;
            var key = $"Enum.{t.Name}.{name}";
            return (v, zh.GetValueOrDefault(key, name), en.GetValueOrDefault(key, name), name);
        })];
    });

    /// <summary>A choice's label in the UI language.</summary>
    public static string Enum(Type enumType, object value)
    {
        var choice = Of(enumType).FirstOrDefault(c => c.Value.Equals(value));
        return choice.Name is null ? value.ToString() ?? "" : Display.IsEnglish ? choice.En : choice.Zh;
    }

    /// <summary>A choice from its Chinese or English label or its code; 省级 and 省 both mean Provincial.</summary>
    public static object? ParseEnum(Type enumType, string text)
    {
        var t = text.Trim();
        foreach (var c in Of(enumType))
        {
            if (string.Equals(t, c.Zh, StringComparison.Ordinal)
                || string.Equals(t, c.En, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t, c.Name, StringComparison.OrdinalIgnoreCase))
                return c.Value;
            if (c.Zh.EndsWith('级') && string.Equals(t, c.Zh[..^1], StringComparison.Ordinal)) return c.Value;
        }
        return null;
    }
}
