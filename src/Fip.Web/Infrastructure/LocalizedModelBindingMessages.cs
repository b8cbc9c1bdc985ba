using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Fip.Web.Infrastructure;

/// <summary>Model-binding messages ("the value is not valid") in the UI language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => l["Validation.Invalid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => l["Validation.InvalidFor", v, f]);
        m.SetMissingBindRequiredValueAccessor(f => l["Validation.Required", f]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.Required", ""]);
        m.SetValueMustNotBeNullAccessor(f => l["Validation.Required", f]);
        m.SetValueMustBeANumberAccessor(f => l["Validation.Number", f]);
        m.SetUnknownValueIsInvalidAccessor(f => l["Validation.Invalid", f]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.Invalid", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Invalid", ""]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number", ""]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required", ""]);
    }
}
