using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

public sealed record ScopeMatrixTestsCaller(FipApp App, AppUser User, HttpClient Client);

/// <summary>
/// For every API endpoint and every role: an allowed call succeeds, a forbidden one gets 403, an anonymous one 401.
/// The endpoint list comes from the running app, so a new endpoint without an access rule or a sample here fails.
/// </summary>
public class ScopeMatrixTests
{

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One request per endpoint that must succeed for a caller the rule allows.</summary>
    private static readonly Dictionary<string, Func<ScopeMatrixTestsCaller, Task<HttpRequestMessage>>> Samples = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/plans"] = _ => Get("/api/v1/plans"),
        ["GET /api/v1/scenario-posts"] = _ => Get("/api/v1/scenario-posts?kind=need&q=无人机"),
        ["POST /api/v1/scenario-posts"] = c => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenario-posts")
        { Content = JsonContent.Create(ScenarioSamples.NeedBody(c.App, "矩阵·需求")) }),
        ["GET /api/v1/scenario-posts/{id:int}"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/scenario-posts/{Id(await ScenarioSamples.PublishedNeedAsync(c.App))}"),
        ["POST /api/v1/scenario-posts/{id:int}/move"] = async c =>
        {
            var draft = await ScenarioSamples.PostAsync(c.App, ScenarioSamples.Reload(c.App, c.User),
                Fip.Web.Features.Scenarios.PostKind.Need,
                Fip.Web.Features.Scenarios.PostState.Draft, "矩阵·草稿", "无人机巡检");
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/scenario-posts/{Id(draft)}/move")
            { Content = JsonContent.Create(new { action = "submit" }) };
        },
        ["GET /api/v1/scenario-posts/{id:int}/matches"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/scenario-posts/{Id(await ScenarioSamples.PublishedNeedAsync(c.App))}/matches"),
        ["POST /api/v1/scenario-posts/{id:int}/matches/{otherId:int}/answer"] = async c =>
        {
            var mine = await ScenarioSamples.PublishedNeedAsync(c.App, ScenarioSamples.Reload(c.App, c.User));
            var other = await ScenarioSamples.PublishedCapabilityAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/scenario-posts/{Id(mine)}/matches/{Id(other)}/answer")
            { Content = JsonContent.Create(new { accept = true }) };
        },
        ["POST /api/v1/scenario-posts/{id:int}/calls"] = async c =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/scenario-posts/{Id(await ScenarioSamples.PublishedNeedAsync(c.App,
                ScenarioSamples.Reload(c.App, c.User)))}/calls")
            {
                Content = JsonContent.Create(new
                {
                    title = "矩阵·揭榜",
                    deadline = DateTime.UtcNow.AddDays(30),
                    criteria = new[] { new { name = "技术方案", weight = 100 } },
                }),
            },
        ["GET /api/v1/scenario-calls"] = _ => Get("/api/v1/scenario-calls"),
        ["GET /api/v1/scenario-calls/{id:int}"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/scenario-calls/{Id((await CallSamples.CallAsync(c.App, null)).Id)}"),
        ["POST /api/v1/scenario-calls/{id:int}/applications"] = async c =>
            new HttpRequestMessage(HttpMethod.Post,
                $"/api/v1/scenario-calls/{Id((await CallSamples.CallAsync(c.App, null)).Id)}/applications")
            { Content = new FormUrlEncodedContent([new("proposal", "矩阵·揭榜方案")]) },
        ["GET /api/v1/scenario-calls/{id:int}/applications/{applicationId:int}/file"] = async c =>
        {
            var call = await CallSamples.CallAsync(c.App, ScenarioSamples.Reload(c.App, c.User));
            var application = await CallSamples.ApplicationAsync(c.App, call.Id);
            await c.App.WithAsync<Fip.Web.Features.Supervision.AttachmentStore, int>(async store =>
            {
                using var pdf = new MemoryStream("%PDF-1.4 matrix"u8.ToArray());
                var (key, sha) = await store.SaveAsync(pdf, CancellationToken.None);
                await c.App.WithAsync<FipDbContext, int>(async db =>
                {
                    var row = db.Set<Fip.Web.Features.Scenarios.CallApplication>().Single(a => a.Id == application.Id);
                    (row.FileKey, row.FileSha256, row.FileName, row.FileType) = (key, sha, "方案.pdf", "application/pdf");
                    return await db.SaveChangesAsync();
                });
                return 0;
            });
            return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/scenario-calls/{Id(call.Id)}/applications/{Id(application.Id)}/file");
        },
        ["POST /api/v1/scenario-calls/{id:int}/applications/{applicationId:int}/scores"] = async c =>
        {
            var call = await CallSamples.CallAsync(c.App, ScenarioSamples.Reload(c.App, c.User));
            var application = await CallSamples.ApplicationAsync(c.App, call.Id);
            var expert = await CallSamples.ExpertAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Post,
                $"/api/v1/scenario-calls/{Id(call.Id)}/applications/{Id(application.Id)}/scores")
            { Content = JsonContent.Create(new { expertId = expert.Id, scores = new[] { 80, 90 } }) };
        },
        ["POST /api/v1/scenario-calls/{id:int}/award"] = async c =>
        {
            var (call, application) = await CallSamples.ScoredCallAsync(c.App, ScenarioSamples.Reload(c.App, c.User));
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/scenario-calls/{Id(call.Id)}/award")
            { Content = JsonContent.Create(new { applicationId = application.Id }) };
        },
        ["GET /api/v1/scenario-projects"] = _ => Get("/api/v1/scenario-projects"),
        ["GET /api/v1/scenario-projects/{id:int}"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/scenario-projects/{Id((await CallSamples.ProjectAsync(c.App, null)).Id)}"),
        ["POST /api/v1/scenario-projects"] = async c =>
        {
            var (call, _) = await CallSamples.ScoredCallAsync(c.App, ScenarioSamples.Reload(c.App, c.User), awarded: true);
            return new HttpRequestMessage(HttpMethod.Post,
                "/api/v1/scenario-projects")
            { Content = JsonContent.Create(new { callId = call.Id }) };
        },
        ["POST /api/v1/scenario-projects/{id:int}/updates"] = async c =>
        {
            var project = await CallSamples.ProjectAsync(c.App, ScenarioSamples.Reload(c.App, c.User));
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/scenario-projects/{Id(project.Id)}/updates")
            { Content = JsonContent.Create(new { stage = "IntegrationTrial", evidence = "矩阵·试验报告" }) };
        },
        ["GET /api/v1/scenario-experts"] = _ => Get("/api/v1/scenario-experts"),
        ["POST /api/v1/scenario-experts"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenario-experts")
        {
            Content = JsonContent.Create(new
            {
                name = "矩阵专家" + Guid.NewGuid().ToString("N")[..6],
                organisation = "扬州大学",
                fields = new[] { "低空经济" },
            }),
        }),
        ["PUT /api/v1/scenario-experts/{id:int}"] = async c =>
        {
            var expert = await CallSamples.ExpertAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Put, $"/api/v1/scenario-experts/{Id(expert.Id)}")
            {
                Content = JsonContent.Create(new
                {
                    name = "矩阵专家" + Guid.NewGuid().ToString("N")[..6],
                    organisation = "扬州大学",
                    fields = new[] { "人工智能" },
                    version = expert.Version,
                }),
            };
        },
        ["POST /api/v1/scenario-experts/{id:int}/active"] = async c => new HttpRequestMessage(HttpMethod.Post,
            $"/api/v1/scenario-experts/{Id((await CallSamples.ExpertAsync(c.App)).Id)}/active")
        { Content = JsonContent.Create(new { active = false }) },
        ["GET /api/v1/scenario-institutions"] = _ => Get("/api/v1/scenario-institutions"),
        ["POST /api/v1/scenario-institutions"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post,
            "/api/v1/scenario-institutions")
        { Content = JsonContent.Create(new { name = "矩阵机构" + Guid.NewGuid().ToString("N")[..6], description = "场景促进" }) }),
        ["GET /api/v1/scenario-events"] = _ => Get("/api/v1/scenario-events"),
        ["POST /api/v1/scenario-events"] = async c => new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenario-events")
        {
            Content = JsonContent.Create(new
            {
                title = "矩阵·对接会",
                heldOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
                postIds = new[] { await ScenarioSamples.PublishedNeedAsync(c.App) },
                attendees = new[] { "测试企业" },
                followUp = "约定现场考察",
            }),
        },
        ["GET /api/v1/scenario-funnel"] = _ => Get("/api/v1/scenario-funnel"),
        ["GET /api/v1/plans/current"] = _ => Get("/api/v1/plans/current"),
        ["GET /api/v1/plans/{id:int}"] = c => Get($"/api/v1/plans/{Id(c.App.Use(d => d.Plans.First().Id))}"),
        ["GET /api/v1/plans/{id:int}/document"] = c => Get($"/api/v1/plans/{Id(c.App.Use(d => d.Plans.First().Id))}/document"),
        ["GET /api/v1/tracks/{id:int}"] = c => Get($"/api/v1/tracks/{Id(c.App.Use(d => d.Tracks.First().Id))}"),
        ["GET /api/v1/programmes/{id:int}"] = c => Get($"/api/v1/programmes/{Id(c.App.Use(d => d.Programmes.First().Id))}"),
        ["GET /api/v1/districts"] = _ => Get("/api/v1/districts"),
        ["GET /api/v1/departments"] = _ => Get("/api/v1/departments"),
        ["GET /api/v1/me"] = _ => Get("/api/v1/me"),
        ["GET /api/v1/me/tokens"] = _ => Get("/api/v1/me/tokens"),
        ["POST /api/v1/me/tokens"] = _ =>
            Task.FromResult(
                new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "matrix" }) }),
        ["DELETE /api/v1/tokens/{id:int}"] = async c =>
        {
            await c.App.CreateTokenAsync(c.User);
            var id = c.App.Use(d => d.PersonalAccessTokens.Where(t => t.UserId == c.User.Id).Max(t => t.Id));
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/tokens/{Id(id)}");
        },
        ["GET /api/v1/users"] = _ => Get("/api/v1/users?q=a&page=1"),
        ["GET /api/v1/users/{id}"] = c => Get($"/api/v1/users/{c.User.Id}"),
        ["POST /api/v1/users"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { userName = $"m-{Guid.NewGuid():N}"[..14], role = "leader" }),
        }),
        ["PUT /api/v1/users/{id}"] = async c =>
        {
            var target = await c.App.CreateUserAsync(Roles.Leader);
            var stamp = c.App.Use(d => d.Users.Single(u => u.Id == target.Id).ConcurrencyStamp);
            return new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{target.Id}")
            { Content = JsonContent.Create(new { displayName = "矩阵", role = "leader", concurrencyStamp = stamp }) };
        },
        ["POST /api/v1/users/{id}/disable"] = async c =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{(await c.App.CreateUserAsync(Roles.Leader)).Id}/disable"),
        ["POST /api/v1/users/{id}/enable"] = async c =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{(await c.App.CreateUserAsync(Roles.Leader)).Id}/enable"),
        ["POST /api/v1/users/{id}/reset-password"] = async c =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{(await c.App.CreateUserAsync(Roles.Leader)).Id}/reset-password"),
        ["GET /api/v1/goals"] = _ => Get("/api/v1/goals"),
        ["GET /api/v1/goals/{targetId:int}"] = c => Get($"/api/v1/goals/{Id(c.App.Use(d => d.Targets.First().Id))}"),
        ["GET /api/v1/goals/{targetId:int}/series"] = c => Get($"/api/v1/goals/{Id(c.App.Use(d => d.Targets.First().Id))}/series"),
        ["GET /api/v1/goals/{targetId:int}/breakdown"] = c =>
            Get($"/api/v1/goals/{Id(c.App.Use(d => d.Targets.First(t => t.IndicatorId != null).Id))}/breakdown"),
        ["GET /api/v1/indicators"] = _ => Get("/api/v1/indicators"),
        ["GET /api/v1/indicators/{id:int}/snapshots"] = c =>
            Get($"/api/v1/indicators/{Id(c.App.Use(d => d.Indicators.First().Id))}/snapshots"),
        ["GET /api/v1/indicators/{id:int}/value"] = c =>
            Get($"/api/v1/indicators/{Id(c.App.Use(d => d.Indicators.First().Id))}/value"),
        ["PUT /api/v1/indicators/{id:int}"] = c =>
        {
            // Sends the definition unchanged (other tests count with it).
            var i = c.App.Use(d => d.Indicators.Single(x => x.Code == "application-scenarios"));
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/indicators/{Id(i.Id)}")
            {
                Content =
                    JsonContent.Create(
                        new
                        {
                            name = i.Name,
                            nameEn = i.NameEn,
                            note = i.Note,
                            ownerDepartmentId = i.OwnerDepartmentId,
                            criteria = Fip.Web.Features.Goals.IndicatorCriteria.Parse(i.Criteria)
                        }),
            });
        },
        ["POST /api/v1/indicators/snapshots"] = _ =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/indicators/snapshots")),
        ["GET /api/v1/alerts"] = _ => Get("/api/v1/alerts?status=Open"),
        ["GET /api/v1/messages"] = _ => Get("/api/v1/messages?unread=true&page=1"),
        ["POST /api/v1/messages/{id:long}/read"] = c =>
        {
            // A message of the caller's own (another's is 404 for everyone).
            var message = new Fip.Web.Features.Messaging.Message
            {
                EventKey = "matrix:" + Guid.NewGuid().ToString("N"),
                UserId = c.User.Id,
                Title = "矩阵",
                Body = "矩阵",
                CreatedAt = DateTime.UtcNow,
            };
            c.App.Use(d => { d.Add(message); return d.Save(); });
            return Task.FromResult(
                new HttpRequestMessage(HttpMethod.Post, $"/api/v1/messages/{message.Id.ToString(CultureInfo.InvariantCulture)}/read"));
        },
        ["POST /api/v1/messages/read-all"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages/read-all")),
        ["GET /api/v1/inbox"] = _ => Get("/api/v1/inbox"),
        ["GET /api/v1/regulation/measures"] = _ => Get("/api/v1/regulation/measures"),
        ["POST /api/v1/regulation/measures"] = c => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/regulation/measures")
        {
            Content = JsonContent.Create(RegulationTests.Measure(RegulationTests.NewEnterprise(c.App).Code, "2026-01-01", "2026-12-31",
                c.App.Use(d => d.Departments.Single(x => x.Name == "市科技局").Id))),
        }),
        ["GET /api/v1/regulation/notices"] = _ => Get("/api/v1/regulation/notices"),
        ["GET /api/v1/investment/leads"] = _ => Get("/api/v1/investment/leads?stage=Contact"),
        ["GET /api/v1/investment/funnel"] = _ => Get("/api/v1/investment/funnel"),
        ["GET /api/v1/investment/leads/export"] = _ => Get("/api/v1/investment/leads/export"),
        ["GET /api/v1/investment/leads/{id:long}"] = c => Get($"/api/v1/investment/leads/{LeadTests.Stored(c.App, c.User).Id}"),
        ["POST /api/v1/investment/leads"] = c => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/investment/leads")
        {
            Content = JsonContent.Create(LeadTests.Body(ChainSamples.LeafId(c.App), "矩阵·新线索",
                departmentId: LeadTests.UnitlessOwner(c.App, c.User))),
        }),
        ["PUT /api/v1/investment/leads/{id:long}"] = c =>
        {
            var (id, version) = LeadTests.Stored(c.App, c.User);
            return Task.FromResult(LeadTests.Versioned(HttpMethod.Put, $"/api/v1/investment/leads/{id}", LeadTests.Body(
                ChainSamples.LeafId(c.App), "矩阵·改名", departmentId: LeadTests.UnitlessOwner(c.App, c.User)),
                version));
        },
        ["POST /api/v1/investment/leads/{id:long}/contacts"] = c =>
        {
            var (id, version) = LeadTests.Stored(c.App, c.User);
            return Task.FromResult(LeadTests.Versioned(HttpMethod.Post, $"/api/v1/investment/leads/{id}/contacts",
                new { on = "2026-02-01", who = "矩阵", method = "Phone", summary = "矩阵联系" }, version));
        },
        ["POST /api/v1/investment/leads/{id:long}/stage"] = c =>
        {
            var (id, version) = LeadTests.Stored(c.App, c.User);
            return Task.FromResult(LeadTests.Versioned(HttpMethod.Post, $"/api/v1/investment/leads/{id}/stage", new { to = "Negotiation" },
                version));
        },
        ["GET /api/v1/tolerance/cases"] = _ => Get("/api/v1/tolerance/cases"),
        ["GET /api/v1/tolerance/cases/{id:long}"] = c => Get($"/api/v1/tolerance/cases/{c.App.Use(d =>
        {
            var tc = new Fip.Web.Features.Tolerance.ToleranceCase
            {
                Unit = "矩阵",
                People = "某",
                Project = "矩阵",
                AppliedOn = new(2026, 1, 1),
            };
            d.Add(tc);
            d.Save();
            return tc.Id;
        })}"),
        ["GET /api/v1/talent/map"] = _ => Get("/api/v1/talent/map"),
        ["GET /api/v1/needs/{id:int}/matches"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/needs/{Id(await RegistrySamples.InScopeAsync(c.App, c.User, "needs"))}/matches"),
        ["POST /api/v1/needs/{id:int}/outcome"] = async c =>
        {
            var id = await RegistrySamples.InScopeAsync(c.App, c.User, "needs");
            var version = c.App.Use(d => RegistrySamples.VersionOf(d, "needs", id));
            // The finance office records outcomes: a department caller acts as a user of it.
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/needs/{Id(id)}/outcome")
            { Content = JsonContent.Create(new { status = "unmet", reason = "矩阵", version }) };
            return await RegistrySamples.AsKeeperAsync(c, "funds", request);
        },
        ["GET /api/v1/talent/map/catalogue"] = _ => Get("/api/v1/talent/map/catalogue?format=docx"),
        ["GET /api/v1/talent/people/{talentId:int}/plan"] = async c => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/talent/people/{Id((await TalentPlanSamples.PlanAsync(c.App, null)).TalentId)}/plan"),
        ["PUT /api/v1/talent/people/{talentId:int}/plan"] = async c => await RegistrySamples.AsKeeperAsync(c, "talents",
            TalentPlanSamples.Put(await RegistrySamples.InScopeAsync(c.App, c.User, "talents"),
                TalentPlanSamples.PlanBody(c.App.Use(d => d.Departments.First().Id)))),
        ["POST /api/v1/talent/plans/{planId:int}/checkins"] = async c =>
        {
            // The following unit files: the plan names the caller's own department or district (admins file for any).
            var (_, planId, version) = await TalentPlanSamples.PlanAsync(c.App, c.User);
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/talent/plans/{Id(planId)}/checkins")
            { Content = JsonContent.Create(TalentPlanSamples.CheckInBody(version)) };
        },
        ["POST /api/v1/alerts/{id:long}/acknowledge"] = async c =>
            new HttpRequestMessage(HttpMethod.Post,
                $"/api/v1/alerts/{(await c.App.RaiseAlertAsync(c.User)).Id.ToString(CultureInfo.InvariantCulture)}/acknowledge")
            {
                Content = JsonContent.Create(new { })
            },
        ["POST /api/v1/alerts/{id:long}/resolve"] = async c =>
            new HttpRequestMessage(HttpMethod.Post,
                $"/api/v1/alerts/{(await c.App.RaiseAlertAsync(c.User)).Id.ToString(CultureInfo.InvariantCulture)}/resolve")
            {
                Content = JsonContent.Create(new { note = "矩阵测试" })
            },
        ["POST /api/v1/alerts/evaluate"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/evaluate")),
        ["GET /api/v1/audit"] = _ => Get("/api/v1/audit?page=1&pageSize=5"),
        ["GET /api/v1/audit/export"] = _ => Get("/api/v1/audit/export?action=SignIn"),
        ["GET /api/v1/chains"] = _ => Get("/api/v1/chains"),
        ["GET /api/v1/chains/tracks/{trackId:int}"] = c => Get($"/api/v1/chains/tracks/{Id(ChainSamples.TrackId(c.App))}"),
        ["GET /api/v1/chains/tracks/{trackId:int}/gaps"] = c => Get($"/api/v1/chains/tracks/{Id(ChainSamples.TrackId(c.App))}/gaps"),
        ["POST /api/v1/chains/tracks/{trackId:int}/links"] = c =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chains/tracks/{Id(ChainSamples.TrackId(c.App))}/links")
            {
                Content = JsonContent.Create(new { name = "矩阵环节" + Guid.NewGuid().ToString("N")[..6], position = "Upstream" }),
            }),
        ["GET /api/v1/chains/links/{id:int}"] = c => Get($"/api/v1/chains/links/{Id(ChainSamples.LeafId(c.App))}"),
        ["PUT /api/v1/chains/links/{id:int}"] = async c =>
        {
            var id = await ChainSamples.NewLinkAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Put, $"/api/v1/chains/links/{Id(id)}")
            { Content = JsonContent.Create(new { name = "矩阵改名" + Guid.NewGuid().ToString("N")[..6] }) };
        },
        ["POST /api/v1/chains/links/{id:int}/merge"] = async c =>
        {
            var (from, into) = (await ChainSamples.NewLinkAsync(c.App), await ChainSamples.NewLinkAsync(c.App));
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chains/links/{Id(from)}/merge")
            { Content = JsonContent.Create(new { into }) };
        },
        ["POST /api/v1/chains/links/{id:int}/enterprises"] = async c =>
        {
            var enterprise = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chains/links/{Id(ChainSamples.LeafId(c.App))}/enterprises")
            { Content = JsonContent.Create(new { enterpriseId = enterprise }) };
        },
        ["DELETE /api/v1/chains/links/{id:int}/enterprises/{enterpriseId:int}"] = async c =>
        {
            var enterprise = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            var link = ChainSamples.LeafId(c.App);
            c.App.Use(d =>
            {
                if (!d.EnterpriseChainLinks.Any(x => x.EnterpriseId == enterprise && x.ChainLinkId == link))
                    d.EnterpriseChainLinks.Add(
                        new Fip.Web.Features.Chains.EnterpriseChainLink
                        { EnterpriseId = enterprise, ChainLinkId = link, LinkedAt = DateTime.UtcNow });
                return d.Save();
            });
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/chains/links/{Id(link)}/enterprises/{Id(enterprise)}");
        },
        ["GET /api/v1/chains/suggestions"] = c => Get($"/api/v1/chains/suggestions?link={Id(ChainSamples.LeafId(c.App))}"),
        ["POST /api/v1/chains/suggestions/decide"] = async c =>
        {
            var enterprise = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            var id = ChainSamples.PendingSuggestion(c.App, enterprise);
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/chains/suggestions/decide")
            { Content = JsonContent.Create(new { ids = new[] { id }, accept = false }) };
        },
        ["POST /api/v1/chains/suggestions/run"] = async c =>
        {
            var enterprise = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/chains/suggestions/run")
            { Content = JsonContent.Create(new { enterpriseId = enterprise }) };
        },
        ["GET /api/v1/enterprises/{id:int}/indicators"] = async c =>
            new HttpRequestMessage(HttpMethod.Get,
                $"/api/v1/enterprises/{Id(await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises"))}/indicators"),
        ["PUT /api/v1/enterprises/{id:int}/indicators/{year:int}"] = async c =>
        {
            var id = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            var version = c.App.Use(d => RegistrySamples.VersionOf(d, "enterprises", id));
            // Last year: the one an enterprise may still file (its filing window; the fixture's deadline is 31 December).
            return new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{Id(id)}/indicators/{DateTime.UtcNow.Year - 1}")
            { Content = JsonContent.Create(new { revenue = 1200.5m, employees = 30, version }) };
        },
        ["DELETE /api/v1/enterprises/{id:int}/indicators/{year:int}"] = async c =>
        {
            var id = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            var version = c.App.Use(d => RegistrySamples.VersionOf(d, "enterprises", id));
            await RegistrySamples.AdminAsync(c.App,
                a => a.PutAsJsonAsync($"/api/v1/enterprises/{Id(id)}/indicators/{DateTime.UtcNow.Year - 1}", new { tax = 10m, version }));
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/enterprises/{Id(id)}/indicators/{DateTime.UtcNow.Year - 1}");
        },
        ["GET /api/v1/enterprises/indicators/template"] = _ => Get("/api/v1/enterprises/indicators/template"),
        ["POST /api/v1/enterprises/indicators/import"] = async c =>
        {
            var id = await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises");
            var code = c.App.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
            var csv = $"统一社会信用代码,年份,营业收入（万元）\r\n{code},2022,88.5\r\n";
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/enterprises/indicators/import?commit=false")
            {
                Content = new MultipartFormDataContent
                    { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "indicators.csv" } },
            };
        },
    };

    static ScopeMatrixTests()
    {
        SupervisionMatrix.Add(Samples);
        SupportMatrix.Add(Samples);
        MyEnterpriseMatrix.Add(Samples);
        foreach (var registry in Fip.Web.Features.Registries.RegistryCatalogue.Names)
        {
            var r = registry;
            Samples[$"GET /api/v1/{r}"] = _ => Get($"/api/v1/{r}?q=扬州&page=1");
            Samples[$"GET /api/v1/{r}/{{id:int}}"] = async c =>
                new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{r}/{Id(await RegistrySamples.InScopeAsync(c.App, c.User, r))}");
            Samples[$"POST /api/v1/{r}"] = async c =>
                await RegistrySamples.AsOwnerAsync(c, r, HttpMethod.Post, $"/api/v1/{r}", u => RegistrySamples.BodyAsync(c.App, u, r));
            Samples[$"PUT /api/v1/{r}/{{id:int}}"] = async c => await RegistrySamples.AsOwnerAsync(c, r, HttpMethod.Put, null, async u =>
            {
                var id = await RegistrySamples.InScopeAsync(c.App, u, r);
                var version = c.App.Use(d => RegistrySamples.VersionOf(d, r, id));
                return (new Dictionary<string, object?> { ["version"] = version }, $"/api/v1/{r}/{Id(id)}");
            });
            Samples[$"DELETE /api/v1/{r}/{{id:int}}"] = async c =>
                await RegistrySamples.AsOwnerAsync(c, r, HttpMethod.Delete, null, async u =>
                ((Dictionary<string, object?>?)null, $"/api/v1/{r}/{Id(await RegistrySamples.InScopeAsync(c.App, u, r))}"));
            Samples[$"POST /api/v1/{r}/{{id:int}}/restore"] = async c =>
            {
                // A record of a district user's, so deleting it never touches the matrix caller's own enterprise.
                var id = await RegistrySamples.InScopeAsync(c.App, await c.App.CreateUserAsync(Roles.District), r);
                await RegistrySamples.AdminAsync(c.App, a => a.DeleteAsync($"/api/v1/{r}/{Id(id)}"));
                return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{r}/{Id(id)}/restore");
            };
            Samples[$"GET /api/v1/{r}/export"] = _ => Get($"/api/v1/{r}/export?format=csv&q=扬州");
            Samples[$"GET /api/v1/{r}/template"] = _ => Get($"/api/v1/{r}/template");
            Samples[$"POST /api/v1/{r}/import"] = async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{r}/import?commit=false")
            { Content = await RegistrySamples.ImportFileAsync(c.App, c.User, r) };
            if (RegistrySamples.KeeperOf(r) is null) continue;
            // A registry a department keeps (talent, finance): department users call as a user of the keeping department.
            foreach (var key in Samples.Keys.Where(k => k.Contains($" /api/v1/{r}", StringComparison.Ordinal)).ToList())
            {
                var inner = Samples[key];
                Samples[key] = async c => await RegistrySamples.AsKeeperAsync(c, r, await inner(c));
            }
        }
    }

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static List<(string Key, string Policy)> ApiEndpoints(FipApp app)
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var list = new List<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && pattern != "/api/v1") continue;
            var policies = endpoint.Metadata
                .GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy)
                .Where(p => p is not null)
                .Distinct()
                .ToList();
            Assert.True(policies.Count == 1,
                $"{pattern} must name exactly one access rule (Policies.*), found: {string.Join(", ", policies)}");
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                list.Add(($"{method} {pattern}", policies[0]!));
        }
        return list;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EveryEndpoint_HasARuleAndASample(DatabaseProvider db)
    {
        var endpoints = ApiEndpoints(FipApp.For(db));
        Assert.True(endpoints.Count >= 20);
        Assert.All(endpoints, e => Assert.True(Policies.AllowedRoles.ContainsKey(e.Policy), $"{e.Key}: unknown rule {e.Policy}"));
        var withoutSample = endpoints.Select(e => e.Key).Where(k => !Samples.ContainsKey(k)).ToList();
        Assert.True(withoutSample.Count == 0, "Endpoints without a sample: " + string.Join(", ", withoutSample));
        Assert.Empty(Samples.Keys.Except(endpoints.Select(e => e.Key)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EveryRole_OnEveryEndpoint_GetsWhatItsRuleSays(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var callers = new Dictionary<string, ScopeMatrixTestsCaller>(StringComparer.Ordinal);
        foreach (var role in Roles.All)
        {
            var (client, user) = await app.ApiClientAsync(role);
            callers[role] = new ScopeMatrixTestsCaller(app, user, client);
        }
        var anonymous = app.CreateClient();
        var failures = new List<string>();
        foreach (var (key, policy) in ApiEndpoints(app))
        {
            var allowed = Policies.AllowedRoles[policy];
            foreach (var role in Roles.All)
            {
                var caller = callers[role];
                using var request = await Samples[key](caller);
                var response = await caller.Client.SendAsync(request);
                var ok = allowed.Contains(role)
                    ? response.IsSuccessStatusCode
                    : response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
                if (!ok) failures.Add($"{key} as {role}: {(int)response.StatusCode} (rule {policy})");
            }
            using var anonymousRequest = await Samples[key](callers[Roles.Admin]);
            anonymousRequest.Headers.Authorization = null;
            var anonymousResponse = await anonymous.SendAsync(anonymousRequest);
            if (anonymousResponse.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{key} anonymous: {(int)anonymousResponse.StatusCode}");
        }
        Assert.Empty(failures);
    }
}
