using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScenarioCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScenarioExperts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Conflicts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioExperts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioInstitutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioInstitutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioInstitutions_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioCalls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Criteria = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AwardedApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    AwardedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AwardNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerDistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerEnterpriseUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioCalls_ScenarioInstitutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "ScenarioInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioCalls_ScenarioPosts_NeedId",
                        column: x => x.NeedId,
                        principalTable: "ScenarioPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioMatchEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PostIds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioMatchEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioMatchEvents_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioMatchEvents_ScenarioInstitutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "ScenarioInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioCallApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnterpriseUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Proposal = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    FileType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioCallApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioCallApplications_ScenarioCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ScenarioCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    CapabilityId = table.Column<int>(type: "INTEGER", nullable: true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegistryScenarioId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StageSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastUpdateAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Contracts = table.Column<int>(type: "INTEGER", nullable: false),
                    ContractAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Users = table.Column<int>(type: "INTEGER", nullable: false),
                    Sites = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerDistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerEnterpriseUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioProjects_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioProjects_ScenarioCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ScenarioCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioProjects_ScenarioPosts_CapabilityId",
                        column: x => x.CapabilityId,
                        principalTable: "ScenarioPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioProjects_ScenarioPosts_NeedId",
                        column: x => x.NeedId,
                        principalTable: "ScenarioPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioProjects_Scenarios_RegistryScenarioId",
                        column: x => x.RegistryScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioExpertScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: false),
                    Criterion = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioExpertScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioExpertScores_ScenarioCallApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ScenarioCallApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioExpertScores_ScenarioExperts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "ScenarioExperts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioProjectUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioProjectUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioProjectUpdates_ScenarioProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "ScenarioProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioCallApplications_CallId_EnterpriseUscc",
                table: "ScenarioCallApplications",
                columns: new[] { "CallId", "EnterpriseUscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioCalls_InstitutionId",
                table: "ScenarioCalls",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioCalls_NeedId",
                table: "ScenarioCalls",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioExpertScores_ApplicationId_ExpertId_Criterion",
                table: "ScenarioExpertScores",
                columns: new[] { "ApplicationId", "ExpertId", "Criterion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioExpertScores_ExpertId",
                table: "ScenarioExpertScores",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioInstitutions_DistrictId",
                table: "ScenarioInstitutions",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioInstitutions_Name",
                table: "ScenarioInstitutions",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioMatchEvents_DistrictId",
                table: "ScenarioMatchEvents",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioMatchEvents_InstitutionId",
                table: "ScenarioMatchEvents",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjects_CallId",
                table: "ScenarioProjects",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjects_CapabilityId",
                table: "ScenarioProjects",
                column: "CapabilityId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjects_DistrictId",
                table: "ScenarioProjects",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjects_NeedId_CapabilityId",
                table: "ScenarioProjects",
                columns: new[] { "NeedId", "CapabilityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjects_RegistryScenarioId",
                table: "ScenarioProjects",
                column: "RegistryScenarioId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioProjectUpdates_ProjectId",
                table: "ScenarioProjectUpdates",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScenarioExpertScores");

            migrationBuilder.DropTable(
                name: "ScenarioMatchEvents");

            migrationBuilder.DropTable(
                name: "ScenarioProjectUpdates");

            migrationBuilder.DropTable(
                name: "ScenarioCallApplications");

            migrationBuilder.DropTable(
                name: "ScenarioExperts");

            migrationBuilder.DropTable(
                name: "ScenarioProjects");

            migrationBuilder.DropTable(
                name: "ScenarioCalls");

            migrationBuilder.DropTable(
                name: "ScenarioInstitutions");
        }
    }
}
