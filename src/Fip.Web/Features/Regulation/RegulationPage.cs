using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

/// <summary>What the measure and notice pages share: the outcome page (a command's outcome as a flash and a redirect back).</summary>
public abstract class RegulationPage(IStringLocalizer<SharedResource> l) : OutcomePage(l);
