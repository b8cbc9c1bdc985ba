using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TalentDemand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TalentDemands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    Education = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SalaryMin = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    SalaryMax = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalentDemands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TalentDemands_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TalentDemands_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TalentSkills",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    KeeperDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalentSkills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TalentSkills_Departments_KeeperDepartmentId",
                        column: x => x.KeeperDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TalentSkills_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TalentDemands_EnterpriseId",
                table: "TalentDemands",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_TalentDemands_IsDeleted",
                table: "TalentDemands",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_TalentDemands_Name_EnterpriseId",
                table: "TalentDemands",
                columns: new[] { "Name", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_TalentDemands_TrackId",
                table: "TalentDemands",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_TalentSkills_IsDeleted",
                table: "TalentSkills",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_TalentSkills_KeeperDepartmentId",
                table: "TalentSkills",
                column: "KeeperDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TalentSkills_TrackId_Name",
                table: "TalentSkills",
                columns: new[] { "TrackId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TalentDemands");

            migrationBuilder.DropTable(
                name: "TalentSkills");
        }
    }
}
