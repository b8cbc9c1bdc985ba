using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>How a command ended. Pages and the API turn it into a response in one place each (<see cref="ApiHttp"/> for the API).</summary>
public enum OutcomeKind
{
    Ok,
    NotFound,
    /// <summary>The caller may see the thing but not change it.</summary>
    Forbidden,
    /// <summary>The version sent is stale, or the thing's state forbids the change (e.g. a submitted report): nothing changed.</summary>
    Conflict,
    /// <summary>Field errors: nothing changed.</summary>
    Invalid,
}

/// <summary>
/// Text for the user as a resource key and its arguments, put into the reader's language where it is shown
/// (so a service needs no request culture). Services that already localize while they validate pass their text as it is.
/// </summary>
public sealed record UserMessage(string Key, object?[] Args, bool IsText = false)
{
    public static UserMessage Of(string key, params object?[] args) => new(key, args);

    /// <summary>Text already in the reader's language.</summary>
    public static UserMessage Text(string text) => new(text, [], IsText: true);

    public string In(IStringLocalizer l) => IsText ? Key : Args.Length == 0 ? l[Key].Value : l[Key, Args!].Value;
}

/// <summary>
/// The result of a command that returns nothing on success: ok, not found, forbidden, conflict (stale version or state)
/// or invalid (field errors). <see cref="Outcome{T}"/> carries a value on success; every failure converts to it implicitly.
/// </summary>
public sealed record Outcome
{
    private Outcome(OutcomeKind kind, UserMessage? reason = null, IReadOnlyDictionary<string, UserMessage[]>? errors = null)
    {
        Kind = kind;
        Reason = reason;
        Errors = errors ?? new Dictionary<string, UserMessage[]>();
    }

    public OutcomeKind Kind { get; }
    public bool IsOk => Kind == OutcomeKind.Ok;
    /// <summary>Why a conflict happened (a stale version unless the state forbids the change).</summary>
    public UserMessage? Reason { get; }
    /// <summary>Field key (the API's camelCase name; "" for the whole input) → messages.</summary>
    public IReadOnlyDictionary<string, UserMessage[]> Errors { get; }

    public static Outcome Success { get; } = new(OutcomeKind.Ok);
    public static Outcome NotFound { get; } = new(OutcomeKind.NotFound);
    public static Outcome Forbidden { get; } = new(OutcomeKind.Forbidden);
    /// <summary>The version sent is not the stored one: someone changed the thing since it was read.</summary>
    public static Outcome Stale { get; } = new(OutcomeKind.Conflict, UserMessage.Of(StaleKey));
    public const string StaleKey = "Error.Stale";

    /// <summary>The thing's state forbids the change (resource key of the reason).</summary>
    public static Outcome Conflict(string key, params object?[] args) => new(OutcomeKind.Conflict, UserMessage.Of(key, args));

    /// <summary>One field error as a resource key.</summary>
    public static Outcome Invalid(string field, string key, params object?[] args) =>
        new(OutcomeKind.Invalid,
            errors: new Dictionary<string, UserMessage[]>(StringComparer.Ordinal) { [field] = [UserMessage.Of(key, args)] });

    /// <summary>Field errors as resource keys, one per field.</summary>
    public static Outcome Invalid(IReadOnlyDictionary<string, string> fieldKeys) =>
        new(OutcomeKind.Invalid,
            errors: fieldKeys.ToDictionary(e => e.Key, e => new[] { UserMessage.Of(e.Value) }, StringComparer.Ordinal));

    /// <summary>Field errors as messages (keys with arguments), one per field.</summary>
    public static Outcome Invalid(IReadOnlyDictionary<string, UserMessage> fieldMessages) =>
        new(OutcomeKind.Invalid, errors: fieldMessages.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));

    /// <summary>Field errors already in the reader's language.</summary>
    public static Outcome InvalidText(Dictionary<string, string[]> fieldTexts) =>
        new(OutcomeKind.Invalid,
            errors: fieldTexts.ToDictionary(e => e.Key, e => e.Value.Select(UserMessage.Text).ToArray(), StringComparer.Ordinal));

    public static Outcome<T> Ok<T>(T value) => new(Success, value);

    /// <summary>The field errors in the reader's language (for a ValidationProblem or a page's error list).</summary>
    public Dictionary<string, string[]> Messages(IStringLocalizer l) =>
        Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(l)).ToArray(), StringComparer.Ordinal);

    /// <summary>Everything that went wrong in one line: the conflict's reason or the field errors.</summary>
    public string Summary(IStringLocalizer l) =>
        Reason is { } reason ? reason.In(l) : string.Join(" ", Errors.Values.SelectMany(m => m).Select(m => m.In(l)));
}

/// <summary>An <see cref="Outcome"/> with the value a successful command produced.</summary>
public sealed record Outcome<T>(Outcome Status, T? Value)
{
    public OutcomeKind Kind => Status.Kind;
    public bool IsOk => Status.IsOk;
    public UserMessage? Reason => Status.Reason;
    public IReadOnlyDictionary<string, UserMessage[]> Errors => Status.Errors;
    public Dictionary<string, string[]> Messages(IStringLocalizer l) => Status.Messages(l);
    public string Summary(IStringLocalizer l) => Status.Summary(l);

    /// <summary>A failure carries no value.</summary>
    public static implicit operator Outcome<T>(Outcome failure) => new(failure, default);
}
