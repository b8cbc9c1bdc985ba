using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TalentId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitDistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlanGoals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlanClosedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    KeeperDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanYear = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CheckInProgress = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OutcomeProjects = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutcomePapers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutcomeTitles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OutcomeRecognitions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    EmployerChange = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
