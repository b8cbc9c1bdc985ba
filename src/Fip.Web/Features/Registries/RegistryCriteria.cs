using System.Linq.Expressions;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Registries;

// What the goals' indicators may count in a registry: each registry declares its criteria fields and the date that
// places a record in time (see Registry<T>.Criteria); the goals feature combines them into condition groups.

/// <summary>One choice of a criteria field: its code and its labels.</summary>
public sealed record CriteriaOption(string Value, string Zh, string En)
{
    public string Label => Display.IsEnglish ? En : Zh;
}

/// <summary>A field of a registry that indicator criteria may test.</summary>
public interface ICriteriaField
{
    string Key { get; }
    string LabelKey { get; }
    string Label { get; }
    IReadOnlyList<CriteriaOption> Options { get; }
}

public interface ICriteriaCatalogue
{
    string Registry { get; }
    IReadOnlyList<ICriteriaField> Fields { get; }
    ICriteriaField? Field(string key);
    /// <summary>UI string key naming the date that places a record in the reconstructed history.</summary>
    string DatedByKey { get; }
    /// <summary>Whether records carry a date, so that an indicator may count only those dated within a period.</summary>
    bool IsDated { get; }
    /// <summary>The numeric fields an indicator may sum or average instead of counting records (amounts, rates).</summary>
    IReadOnlyList<IRegistryMeasure> Measures { get; }
    IRegistryMeasure? Measure(string key);
    /// <summary>UI string key of the unit a count of these records is given in (家, 笔, 个).</summary>
    string CountUnitKey { get; }
}

/// <summary>How an indicator over a measure combines the records' values.</summary>
public enum MeasureAggregate
{
    /// <summary>The total of the values (records without one add nothing).</summary>
    Sum,
    /// <summary>The mean of the values that are set; no such record: no figure (无数据), never 0.</summary>
    Average,
}

/// <summary>A numeric field of a registry that indicators may sum or average.</summary>
public interface IRegistryMeasure
{
    string Key { get; }
    string LabelKey { get; }
    /// <summary>UI string key of the unit the figure is given in (万元, %, 天).</summary>
    string UnitKey { get; }
    MeasureAggregate Aggregate { get; }
    string Label { get; }
}

/// <summary>A numeric field over records of type <typeparamref name="T"/>, read in the database (null: the record has none).</summary>
public sealed record RegistryMeasure<T>(string Key, string LabelKey, string UnitKey, MeasureAggregate Aggregate,
    Expression<Func<T, decimal?>> Value) : IRegistryMeasure
{
    public string Label => Display.IsEnglish ? Labels.EnglishHeader(LabelKey) : Labels.Header(LabelKey);
}

/// <summary>A criteria field that becomes a database predicate over records of type <typeparamref name="T"/>.</summary>
public sealed class CriteriaField<T>(string key, string labelKey, IReadOnlyList<CriteriaOption> options,
    Func<string[], Expression<Func<T, bool>>> predicate) : ICriteriaField
{
    public string Key { get; } = key;
    public string LabelKey { get; } = labelKey;
    public string Label => Display.IsEnglish ? Labels.EnglishHeader(LabelKey) : Labels.Header(LabelKey);
    public IReadOnlyList<CriteriaOption> Options { get; } = options;
    public Expression<Func<T, bool>> Predicate(string[] values) => predicate(values);
}

/// <summary>The criteria fields of one registry, and how its records are dated for the reconstructed history.</summary>
public sealed class CriteriaCatalogue<T>(string registry, IReadOnlyList<CriteriaField<T>> fields, Expression<Func<T, DateOnly?>>? datedBy,
    string datedByKey) : ICriteriaCatalogue
{
    public string Registry { get; } = registry;
    public IReadOnlyList<CriteriaField<T>> TypedFields { get; } = fields;
    public IReadOnlyList<ICriteriaField> Fields => TypedFields;
    public ICriteriaField? Field(string key) => TypedFields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
    /// <summary>The date from which a record counts (approval, recognition, start); records without one count from the beginning. Null:
    /// records carry no such date.</summary>
    public Expression<Func<T, DateOnly?>>? DatedBy { get; } = datedBy;
    /// <summary>UI string key naming the date field.</summary>
    public string DatedByKey { get; } = datedByKey;
    public bool IsDated => DatedBy is not null;
    /// <summary>The fields an indicator may sum or average (none by default: records are counted).</summary>
    public IReadOnlyList<RegistryMeasure<T>> TypedMeasures { get; init; } = [];
    public IReadOnlyList<IRegistryMeasure> Measures => TypedMeasures;
    public IRegistryMeasure? Measure(string key) => TypedMeasures.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.Ordinal));
    public string CountUnitKey { get; init; } = "Goals.UnitItems";

    /// <summary>
    /// Records dated within [<paramref name="from"/>, <paramref name="to"/>] (either bound may be open); null when neither is set.
    /// With a bound, undated records are left out: they cannot be placed inside the period.
    /// </summary>
    public Expression<Func<T, bool>>? DatedWithin(DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null) return null;
        if (DatedBy is null) return _ => false;
        var date = DatedBy.Body;
        Expression body = Expression.NotEqual(date, Expression.Constant(null, typeof(DateOnly?)));
        if (from is { } f) body = Expression.AndAlso(body, Expression.GreaterThanOrEqual(date, Expression.Constant(f, typeof(DateOnly?))));
        if (to is { } t) body = Expression.AndAlso(body, Expression.LessThanOrEqual(date, Expression.Constant(t, typeof(DateOnly?))));
        return Expression.Lambda<Func<T, bool>>(body, DatedBy.Parameters);
    }

    /// <summary>The predicate of condition groups (OR of ANDs); null when there are no groups.</summary>
    public Expression<Func<T, bool>>? Predicate(IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups)
    {
        Expression? any = null;
        var p = Expression.Parameter(typeof(T), "r");
        foreach (var group in groups.Where(g => g.Count > 0))
        {
            Expression? all = null;
            foreach (var (key, values) in group)
            {
                var field = TypedFields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"Unknown criteria field {key} for {Registry}.");
                var body = new Rebind(field.Predicate(values), p).Body();
                all = all is null ? body : Expression.AndAlso(all, body);
            }
            if (all is not null) any = any is null ? all : Expression.OrElse(any, all);
        }
        return any is null ? null : Expression.Lambda<Func<T, bool>>(any, p);
    }

    private sealed class Rebind(LambdaExpression lambda, ParameterExpression target) : ExpressionVisitor
    {
        public Expression Body() => Visit(lambda.Body);
        protected override Expression VisitParameter(ParameterExpression node) => node == lambda.Parameters[0]
            ? target
            : base.VisitParameter(node);
    }
}

/// <summary>Builders for criteria fields over enum, nullable enum and boolean properties.</summary>
public static class CriteriaFields
{
    /// <summary>The value that accepts any value that is set.</summary>
    public const string AnyValue = "*";

    public static IReadOnlyList<CriteriaOption> OptionsOf<TEnum>(bool anyValue = false) where TEnum : struct, Enum
    {
        var options = Labels.Of(typeof(TEnum)).Select(c => new CriteriaOption(c.Name, c.Zh, c.En)).ToList();
        if (anyValue) options.Insert(0, new CriteriaOption(AnyValue, "任意（已填写）", "Any (set)"));
        return options;
    }

    public static CriteriaField<T> Enum<T, TEnum>(string key, string labelKey, Expression<Func<T, TEnum>> property) where TEnum : struct,
        Enum =>
        new(key, labelKey, OptionsOf<TEnum>(), values =>
        {
            var accepted = values.Select(v => System.Enum.Parse<TEnum>(v)).ToList();
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TEnum)], Expression.Constant(accepted),
                property.Body);
            return Expression.Lambda<Func<T, bool>>(contains, property.Parameters);
        });

    public static CriteriaField<T> NullableEnum<T, TEnum>(string key, string labelKey, Expression<Func<T, TEnum?>> property) where TEnum
        : struct, Enum =>
        new(key, labelKey, OptionsOf<TEnum>(anyValue: true), values =>
        {
            if (values.Contains(AnyValue))
                return Expression.Lambda<Func<T, bool>>(Expression.NotEqual(property.Body, Expression.Constant(null, typeof(TEnum?))),
                    property.Parameters);
            var accepted = values.Select(v => (TEnum?)System.Enum.Parse<TEnum>(v)).ToList();
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TEnum?)], Expression.Constant(accepted),
                property.Body);
            return Expression.Lambda<Func<T, bool>>(contains, property.Parameters);
        });

    public static CriteriaField<T> Flag<T>(string key, string labelKey, Expression<Func<T, bool>> property) =>
        new(key, labelKey, [new("true", "是", "Yes"), new("false", "否", "No")], values =>
        {
            var yes = values.Contains("true"); var no = values.Contains("false");
            if (yes && no) return Expression.Lambda<Func<T, bool>>(Expression.Constant(true), property.Parameters);
            return yes ? property : Expression.Lambda<Func<T, bool>>(Expression.Not(property.Body), property.Parameters);
        });
}
