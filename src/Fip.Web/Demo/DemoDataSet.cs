namespace Fip.Web.Demo;

/// <summary>A district (板块) demo records are placed in.</summary>
/// <param name="Name">Display name, e.g. 邗江区 or 扬州经开区.</param>
/// <param name="DivisionCode">GB/T 2260 code (e.g. 321003); null for a functional zone, whose enterprises get the city code 321000.</param>
public sealed record DemoDistrict(string Name, string? DivisionCode);

/// <summary>A future-industry track (赛道) demo records are assigned to.</summary>
/// <param name="Code">Track code, e.g. low-altitude.</param>
/// <param name="Name">Chinese name, e.g. 低空经济.</param>
/// <param name="Keywords">Technology and product keywords; used for business scopes, product, scenario and project names. When empty,
/// built-in keywords for the track's field are used.</param>
public sealed record DemoTrack(string Code, string Name, IReadOnlyList<string> Keywords);

/// <summary>What to generate.</summary>
/// <param name="Enterprises">Number of enterprises; the other registries are sized in proportion.</param>
/// <param name="Seed">Seed of the pseudo-random generator: the same spec always yields the same data.</param>
/// <param name="Districts">Districts to place records in (at least one).</param>
/// <param name="Tracks">Tracks to assign (at least one).</param>
/// <param name="FirstYear">First year of the yearly indicators.</param>
/// <param name="LastYear">Last year of the yearly indicators; also the latest qualification year.</param>
/// <param name="ActivityUntil">Latest date of recognitions, approvals and scenario starts (the demo's "today"); the end of LastYear when
/// null.</param>
public sealed record DemoDataSpec(int Enterprises, int Seed, IReadOnlyList<DemoDistrict> Districts, IReadOnlyList<DemoTrack> Tracks,
    int FirstYear = 2022, int LastYear = 2024, DateOnly? ActivityUntil = null);

/// <summary>A demo enterprise (企业). Amounts in 万元.</summary>
/// <param name="CreditCode">统一社会信用代码, valid under GB 32100 and GB 11714.</param>
/// <param name="Name">Registered name, unique within a data set, ending with 有限公司.</param>
/// <param name="ShortName">Brand plus a short industry word, e.g. 星辰航空.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="Address">Street address, e.g. 扬州市邗江区文昌西路88号.</param>
/// <param name="FoundedOn">Date of establishment.</param>
/// <param name="RegisteredCapital">注册资本, 万元, two decimals.</param>
/// <param name="Employees">Head count (that of the latest indicator year).</param>
/// <param name="TrackCodes">One or two track codes.</param>
/// <param name="Qualifications">Qualifications held: a QualificationKind member name and the year it was granted.</param>
/// <param name="BusinessScope">经营范围.</param>
/// <param name="ContactPerson">Contact person's name.</param>
/// <param name="ContactPhone">11-digit mobile number.</param>
/// <param name="Indicators">Yearly figures, from the later of FirstYear and the founding year up to LastYear.</param>
public sealed record DemoEnterprise(string CreditCode, string Name, string ShortName, string District, string Address, DateOnly FoundedOn,
    decimal RegisteredCapital, int Employees,
    IReadOnlyList<string> TrackCodes, IReadOnlyList<(string Kind, int Year)> Qualifications, string BusinessScope, string ContactPerson,
    string ContactPhone, IReadOnlyList<DemoIndicator> Indicators);

/// <summary>Yearly figures of a demo enterprise; amounts in 万元 with two decimals.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Revenue">营业收入.</param>
/// <param name="RdExpense">研发投入 (2–12% of revenue).</param>
/// <param name="OutputValue">产值 (0.9–1.3 × revenue).</param>
/// <param name="Tax">税收 (2–8% of revenue).</param>
/// <param name="Employees">Head count.</param>
/// <param name="InventionPatents">Invention patents held.</param>
public sealed record DemoIndicator(int Year, decimal Revenue, decimal RdExpense, decimal OutputValue, decimal Tax, int Employees,
    int InventionPatents);

/// <summary>A demo key product (关键产品).</summary>
/// <param name="Name">Product name, e.g. YZ-200型无人机飞控系统.</param>
/// <param name="EnterpriseCreditCode">Credit code of the producing enterprise.</param>
/// <param name="TrackCode">One of the enterprise's tracks.</param>
/// <param name="Stage">A ProductStage member name.</param>
/// <param name="FirstOfItsKind">首台(套).</param>
/// <param name="RecognitionLevel">A RecognitionLevel member name, or null when not recognised.</param>
/// <param name="RecognizedOn">Date of recognition; null when not recognised.</param>
public sealed record DemoProduct(string Name, string EnterpriseCreditCode, string TrackCode, string Stage, bool FirstOfItsKind,
    string? RecognitionLevel, DateOnly? RecognizedOn);

/// <summary>A demo application scenario (应用场景).</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="TrackCode">Track code.</param>
/// <param name="Owner">Owning body or enterprise.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="Kind">A ScenarioKind member name.</param>
/// <param name="Stage">A ScenarioStage member name.</param>
/// <param name="Status">A ScenarioStatus member name.</param>
/// <param name="StartOn">Start date.</param>
/// <param name="EndOn">End date (after StartOn), or null when open.</param>
/// <param name="Description">One-sentence description.</param>
public sealed record DemoScenario(string Name, string TrackCode, string Owner, string District, string Kind, string Stage, string Status,
    DateOnly StartOn, DateOnly? EndOn, string Description);

/// <summary>A demo pilot park (未来产业先导园区).</summary>
/// <param name="Name">Park name, unique within a data set.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="TrackCodes">One to three track codes.</param>
/// <param name="Status">A ParkStatus member name.</param>
/// <param name="Area">面积, 平方公里, two decimals.</param>
/// <param name="ApprovedOn">Approval date, or null when not (yet) approved.</param>
/// <param name="ApprovalLevel">A RecognitionLevel member name, or null when not (yet) approved.</param>
public sealed record DemoPark(string Name, string District, IReadOnlyList<string> TrackCodes, string Status, decimal Area,
    DateOnly? ApprovedOn, string? ApprovalLevel);

/// <summary>A demo innovation platform (创新平台).</summary>
/// <param name="Name">Platform name, unique within a data set, e.g. 星辰航空省级工程研究中心.</param>
/// <param name="Kind">A PlatformKind member name.</param>
/// <param name="Level">A RecognitionLevel member name.</param>
/// <param name="Host">Host enterprise or institution.</param>
/// <param name="District">Name of one of the spec's districts.</param>
/// <param name="TrackCodes">Track codes.</param>
/// <param name="ApprovedOn">Approval date.</param>
public sealed record DemoPlatform(string Name, string Kind, string Level, string Host, string District, IReadOnlyList<string> TrackCodes,
    DateOnly ApprovedOn);

/// <summary>A demo key project (重点项目). Investments in 万元 with two decimals.</summary>
/// <param name="Name">Project name, e.g. 年产500台工业无人机项目.</param>
/// <param name="EnterpriseCreditCode">Credit code of the investing enterprise.</param>
/// <param name="TrackCode">One of the enterprise's tracks.</param>
/// <param name="District">The enterprise's district.</param>
/// <param name="TotalInvestment">计划总投资.</param>
/// <param name="CompletedInvestment">已完成投资 (never more than the total).</param>
/// <param name="StartOn">Start date.</param>
/// <param name="EndOn">Planned end date, after StartOn.</param>
/// <param name="Status">A ProjectStatus member name.</param>
public sealed record DemoProject(string Name, string EnterpriseCreditCode, string TrackCode, string District, decimal TotalInvestment,
    decimal CompletedInvestment, DateOnly StartOn, DateOnly EndOn, string Status);

/// <summary>A complete demo data set.</summary>
/// <param name="Enterprises">Enterprises.</param>
/// <param name="Products">Key products (about 25 per 100 enterprises).</param>
/// <param name="Scenarios">Application scenarios (about 3 per 100 enterprises).</param>
/// <param name="Parks">Pilot parks (about 0.6 per 100 enterprises, at least 6).</param>
/// <param name="Platforms">Innovation platforms (about 2 per 100 enterprises).</param>
/// <param name="Projects">Key projects (about 4 per 100 enterprises).</param>
public sealed record DemoDataSet(IReadOnlyList<DemoEnterprise> Enterprises, IReadOnlyList<DemoProduct> Products,
    IReadOnlyList<DemoScenario> Scenarios, IReadOnlyList<DemoPark> Parks, IReadOnlyList<DemoPlatform> Platforms,
    IReadOnlyList<DemoProject> Projects);
