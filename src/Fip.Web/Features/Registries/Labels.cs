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
    /// <remarks>
    /// Answered from a table made once per enum (an import parses a label per qualification, where a walk over the choices
    /// compared each form in turn, copying each choice as it went). The table gives what the walk gave: the first choice
    /// (in the enum's order) any of whose forms matches, the Chinese label and its form without 级 exactly, the English
    /// label and the code in any case.
    /// </remarks>
    public static object? ParseEnum(Type enumType, string text)
    {
        var t = text.Trim();
        var forms = Forms.GetOrAdd(enumType, static type => new ChoiceForms(Of(type)));
        var exact = forms.Exact.TryGetValue(t, out var e) ? e : int.MaxValue;
        var anyCase = forms.AnyCase.TryGetValue(t, out var a) ? a : int.MaxValue;
        var first = Math.Min(exact, anyCase);
        return first == int.MaxValue ? null : forms.Choices[first].Value;
    }

    private static readonly ConcurrentDictionary<Type, ChoiceForms> Forms = new();

    /// <summary>Each form of an enum's choices, to the position of the first choice that has it.</summary>
    private sealed class ChoiceForms
    {
        public readonly IReadOnlyList<(object Value, string Zh, string En, string Name)> Choices;
        public readonly Dictionary<string, int> Exact = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> AnyCase = new(StringComparer.OrdinalIgnoreCase);

        public ChoiceForms(IReadOnlyList<(object Value, string Zh, string En, string Name)> choices)
        {
            Choices = choices;
            for (var i = 0; i < choices.Count; i++)
            {
                var (_, zh, en, name) = choices[i];
                Exact.TryAdd(zh, i);
                if (zh.EndsWith('级')) Exact.TryAdd(zh[..^1], i);
                AnyCase.TryAdd(en, i);
                AnyCase.TryAdd(name, i);
            }
        }
    }
}
