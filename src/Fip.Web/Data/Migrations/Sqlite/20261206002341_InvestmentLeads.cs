using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvestmentLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvestmentLeads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    HomeCity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChainLinkId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerDistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PlannedInvestment = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    LandedEnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    LastContactOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestmentLeads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestmentLeads_ChainLinks_ChainLinkId",
                        column: x => x.ChainLinkId,
                        principalTable: "ChainLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestmentLeads_Departments_OwnerDepartmentId",
                        column: x => x.OwnerDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestmentLeads_Districts_OwnerDistrictId",
                        column: x => x.OwnerDistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestmentLeads_Enterprises_LandedEnterpriseId",
                        column: x => x.LandedEnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "LeadContacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadContacts_InvestmentLeads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "InvestmentLeads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeadStageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadStageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadStageChanges_InvestmentLeads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "InvestmentLeads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_ChainLinkId",
                table: "InvestmentLeads",
                column: "ChainLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_LandedEnterpriseId",
                table: "InvestmentLeads",
                column: "LandedEnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_LastContactOn",
                table: "InvestmentLeads",
                column: "LastContactOn");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_OwnerDepartmentId",
                table: "InvestmentLeads",
                column: "OwnerDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_OwnerDistrictId",
                table: "InvestmentLeads",
                column: "OwnerDistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_Stage",
                table: "InvestmentLeads",
                column: "Stage");

            migrationBuilder.CreateIndex(
                name: "IX_LeadContacts_LeadId",
                table: "LeadContacts",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadStageChanges_LeadId",
                table: "LeadStageChanges",
                column: "LeadId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeadContacts");

            migrationBuilder.DropTable(
                name: "LeadStageChanges");

            migrationBuilder.DropTable(
                name: "InvestmentLeads");
        }
    }
}
