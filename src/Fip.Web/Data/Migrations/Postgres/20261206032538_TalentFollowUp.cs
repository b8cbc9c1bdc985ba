using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TalentFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TalentPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TalentId = table.Column<int>(type: "integer", nullable: false),
                    UnitDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    UnitDistrictId = table.Column<int>(type: "integer", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlanGoals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanClosedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    KeeperDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalentPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TalentPlans_Departments_KeeperDepartmentId",
                        column: x => x.KeeperDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TalentPlans_Departments_UnitDepartmentId",
                        column: x => x.UnitDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TalentPlans_Districts_UnitDistrictId",
                        column: x => x.UnitDistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TalentPlans_Talents_TalentId",
                        column: x => x.TalentId,
                        principalTable: "Talents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TalentCheckIns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    PlanYear = table.Column<int>(type: "integer", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckInProgress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OutcomeProjects = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomePapers = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeTitles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OutcomeRecognitions = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EmployerChange = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalentCheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TalentCheckIns_TalentPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "TalentPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TalentCheckIns_PlanId_PlanYear",
                table: "TalentCheckIns",
                columns: new[] { "PlanId", "PlanYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TalentPlans_KeeperDepartmentId",
                table: "TalentPlans",
                column: "KeeperDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TalentPlans_TalentId",
                table: "TalentPlans",
                column: "TalentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TalentPlans_UnitDepartmentId",
                table: "TalentPlans",
                column: "UnitDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TalentPlans_UnitDistrictId",
                table: "TalentPlans",
                column: "UnitDistrictId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TalentCheckIns");

            migrationBuilder.DropTable(
                name: "TalentPlans");
        }
    }
}
