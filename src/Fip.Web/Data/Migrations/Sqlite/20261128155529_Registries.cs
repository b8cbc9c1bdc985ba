using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Enterprises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    CreditCodeCheckOverridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RegisteredCapital = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    BusinessScope = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enterprises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enterprises_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InnovationPlatforms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    TrackCodes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InnovationPlatforms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InnovationPlatforms_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PilotParks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackCodes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Area = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovalLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PilotParks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PilotParks_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Scenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Scenarios_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Scenarios_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseIndicators",
                columns: table => new
                {
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    RdExpense = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    OutputValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Tax = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    InventionPatents = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseIndicators", x => new { x.EnterpriseId, x.Year });
                    table.ForeignKey(
                        name: "FK_EnterpriseIndicators_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseQualifications",
                columns: table => new
                {
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseQualifications", x => new { x.EnterpriseId, x.Kind });
                    table.ForeignKey(
                        name: "FK_EnterpriseQualifications_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseTracks",
                columns: table => new
                {
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseTracks", x => new { x.EnterpriseId, x.TrackId });
                    table.ForeignKey(
                        name: "FK_EnterpriseTracks_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EnterpriseTracks_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyProducts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FirstOfItsKind = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecognitionLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RecognizedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyProducts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyProducts_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyProducts_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalInvestment = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    CompletedInvestment = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyProjects_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyProjects_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyProjects_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseQualifications_Kind_EnterpriseId",
                table: "EnterpriseQualifications",
                columns: new[] { "Kind", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CreditCode",
                table: "Enterprises",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_DistrictId_IsDeleted",
                table: "Enterprises",
                columns: new[] { "DistrictId", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_IsDeleted",
                table: "Enterprises",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ListSearch",
                table: "Enterprises",
                columns: new[] { "DistrictId", "IsDeleted", "Name", "ShortName", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name",
                table: "Enterprises",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseTracks_TrackId_EnterpriseId",
                table: "EnterpriseTracks",
                columns: new[] { "TrackId", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_InnovationPlatforms_DistrictId",
                table: "InnovationPlatforms",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_InnovationPlatforms_IsDeleted",
                table: "InnovationPlatforms",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_InnovationPlatforms_Name_Host",
                table: "InnovationPlatforms",
                columns: new[] { "Name", "Host" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyProducts_EnterpriseId",
                table: "KeyProducts",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProducts_IsDeleted",
                table: "KeyProducts",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProducts_Name_EnterpriseId",
                table: "KeyProducts",
                columns: new[] { "Name", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyProducts_TrackId",
                table: "KeyProducts",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_DistrictId",
                table: "KeyProjects",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_EnterpriseId",
                table: "KeyProjects",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_IsDeleted",
                table: "KeyProjects",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_Name_EnterpriseId",
                table: "KeyProjects",
                columns: new[] { "Name", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_TrackId",
                table: "KeyProjects",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_PilotParks_DistrictId",
                table: "PilotParks",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_PilotParks_IsDeleted",
                table: "PilotParks",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_PilotParks_Name_DistrictId",
                table: "PilotParks",
                columns: new[] { "Name", "DistrictId" });

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_DistrictId",
                table: "Scenarios",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_IsDeleted",
                table: "Scenarios",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_Name_Owner",
                table: "Scenarios",
                columns: new[] { "Name", "Owner" });

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_TrackId",
                table: "Scenarios",
                column: "TrackId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseIndicators");

            migrationBuilder.DropTable(
                name: "EnterpriseQualifications");

            migrationBuilder.DropTable(
                name: "EnterpriseTracks");

            migrationBuilder.DropTable(
                name: "InnovationPlatforms");

            migrationBuilder.DropTable(
                name: "KeyProducts");

            migrationBuilder.DropTable(
                name: "KeyProjects");

            migrationBuilder.DropTable(
                name: "PilotParks");

            migrationBuilder.DropTable(
                name: "Scenarios");

            migrationBuilder.DropTable(
                name: "Enterprises");
        }
    }
}
