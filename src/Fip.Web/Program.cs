using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.MyEnterprise;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Regulation;
using Fip.Web.Features.Investment;
using Fip.Web.Features.Tolerance;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Messaging;
using Fip.Web.Features.Inbox;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Demand;
using Fip.Web.Features.Talent;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Scenarios;
using Fip.Web.Features.Supervision;
using Fip.Web.Features.Support;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Scalar.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((context, services, log) =>
{
    log.MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
        // Logging__SqlCommands=true logs every SQL statement with its time (diagnosing a slow page).
        .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command",
            context.Configuration.GetValue<bool>("Logging:SqlCommands")
                ? Serilog.Events.LogEventLevel.Information
                : Serilog.Events.LogEventLevel.Warning)
        .Enrich.FromLogContext()
        // Several nodes keep a write once by a unique key; EF Core's error lines for the refused insert are not errors.
        .Filter.ByExcluding(UniqueKeys.IsEfCoreUniqueViolationLine)
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    var folder = context.Configuration["Logging:File:Path"] ?? "logs";
    if (!string.Equals(context.Configuration["Logging:File:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        log.WriteTo.File(Path.Combine(folder, "fip-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31,
            formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    // Sinks registered as services (the tests' log capture) receive the events too.
    foreach (var sink in services.GetServices<Serilog.Core.ILogEventSink>()) log.WriteTo.Sink(sink);
    // This host's own logger, not the process's static one: without it, every host started in the process replaces the static
    // logger, a category's first log binds to whichever host set it last, and a host stopping closes it for all (several apps
    // run at once in the tests: an app's statements were sometimes logged to another's).
}, preserveStaticLogger: true);

// Chinese must reach the page as characters, not &#x...; entities (stack-notes).
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddFipCore(builder.Configuration).AddSignInManager();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<IAuditActor, HttpAuditActor>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<AuditSubjects>();
builder.Services.AddScoped<PlanQueries>();
builder.Services.AddJobHost();
builder.Services.AddFipMetrics(builder.Configuration);

builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = "Fip";
        o.DefaultChallengeScheme = "Fip";
    })
    .AddPolicyScheme("Fip", "Cookie or access token", o => o.ForwardDefaultSelector = context =>
        ApiAntiforgery.IsBearer(context.Request)
            ? AccessTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null)
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "fip.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // Secure whenever the request is HTTPS, directly or through a known proxy (ProxySettings).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.LoginPath = "/Accounts/Login";
    o.LogoutPath = "/Accounts/Logout";
    o.AccessDeniedPath = "/Accounts/AccessDenied";
    // 30 minutes idle timeout (等保 baseline); activity slides it.
    o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
    o.SlidingExpiration = true;
    o.Events.OnRedirectToLogin = context =>
    {
        if (context.Request.IsApi()) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
    o.Events.OnRedirectToAccessDenied = context =>
    {
        if (context.Request.IsApi()) context.Response.StatusCode = StatusCodes.Status403Forbidden;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
    // A changed security stamp (sign-out, password changed or reset, disabled account, new role) ends the session at once.
    o.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
});
// The sign-in cookie's ticket is kept decrypted per cookie value for a short while (registered after the cookie handler's own
// set-up, which it wraps).
builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, KeptTicketFormat.Setup>();
// The principal's claims are rebuilt from the account every minute (the stamp itself is compared on every request).
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddProxySettings(builder.Configuration);
builder.Services.AddSignInThrottling(builder.Configuration);
builder.Services.AddAuthorization(Policies.Configure);

builder.Services.AddRequestLocalization(o =>
{
    var cultures = JsonStringLocalizerFactory.SupportedCultures.Select(c => new System.Globalization.CultureInfo(c)).ToList();
    o.DefaultRequestCulture = new RequestCulture(JsonStringLocalizerFactory.DefaultCulture);
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.FallBackToParentCultures = true;
    o.FallBackToParentUICultures = true;
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(),
        new AcceptLanguageHeaderRequestCultureProvider()];
});
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        o.Conventions.AuthorizeFolder("/Plans/Import", Policies.Admin);
        o.Conventions.AuthorizeFolder("/Goals", Policies.Staff);
        o.Conventions.AuthorizeFolder("/Cockpit", Policies.Staff);
        o.Conventions.AuthorizeFolder("/Alerts", Policies.Staff);
        o.Conventions.AuthorizeFolder("/Supervision", Policies.Staff);
        o.Conventions.AllowAnonymousToPage("/Accounts/Login");
        o.Conventions.AllowAnonymousToPage("/Accounts/Register");
        o.Conventions.AllowAnonymousToPage("/Accounts/AccessDenied");
        o.Conventions.AllowAnonymousToPage("/Error");
        // The public portal (公众服务门户): published records only, never personal data.
        o.Conventions.AllowAnonymousToFolder("/Portal");
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.ConfigureOptions<LocalizedModelBindingMessages>();
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "fip.af";
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.HeaderName = ApiAntiforgery.HeaderName;
});

builder.Services.AddLocalizedProblemDetails();
builder.Services.ConfigureHttpJsonOptions(
    o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Future Industries Platform API";
    document.Info.Description = "未来产业培育监测平台 API. Authenticate with a personal access token: `Authorization: Bearer fip_…`.";
    return Task.CompletedTask;
}).AddOperationTransformer<Fip.Web.Features.Registries.RegistryBodySchemas>());
builder.Services.AddHealthChecks().AddDbContextCheck<FipDbContext>("database", tags: ["ready"]);

var app = builder.Build();

if (!string.Equals(app.Configuration["Startup:Migrate"], "false", StringComparison.OrdinalIgnoreCase))
{
    using var scope = app.Services.CreateScope();
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<FipDbContext>());
    DataProtectionKeys.EnsureKey(scope.ServiceProvider);
    var report = await scope.ServiceProvider.GetRequiredService<StartupSeeder>().SeedAsync();
    ConsoleBanner.PrintSeedReport(report);
}

// First: the client's address and scheme as a known proxy tells them (rate limits, Secure cookies, HSTS).
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders();
// Language first, so error pages and ProblemDetails are in the request's language too.
app.UseRequestLocalization();
app.UseFipErrorHandling();
app.UseStaticFiles();
// Before request logging: scrapes every few seconds would drown the log.
app.UseFipMetrics();
app.UseRateLimiter();
app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevels.For);
app.UseRouting();
app.UseAuthentication();
app.UseApiAntiforgery();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapApiDocs();
app.MapCultureSwitch();

var api = app.MapGroup("/api/v1").WithTags("v1");
api.MapPlansApi();
api.MapOrganisationApi();
api.MapAccountsApi();
api.MapAuditApi();
api.MapRegistriesApi();
api.MapGoalsApi();
api.MapAlertsApi();
api.MapChainsApi();
api.MapDemandApi();
api.MapFollowUpApi();
api.MapFinanceApi();
api.MapSupervisionApi();
api.MapMessagingApi();
api.MapInboxApi();
api.MapRegulationApi();
api.MapInvestmentApi();
api.MapToleranceApi();
api.MapScenariosApi();
api.MapScenarioCallsApi();
api.MapSupportApi();
api.MapMyEnterpriseApi();

app.MapRazorPages();

app.Lifetime.ApplicationStarted.Register(() => ConsoleBanner.PrintListening(app));
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
