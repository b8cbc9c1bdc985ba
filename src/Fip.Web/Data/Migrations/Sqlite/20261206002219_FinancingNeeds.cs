using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FinancingNeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FinancingNeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    KeeperDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InvestmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    LoanId = table.Column<int>(type: "INTEGER", nullable: true),
                    OutcomeAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OutcomeBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_FinancingNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FinancingNeeds_Departments_KeeperDepartmentId",
                        column: x => x.KeeperDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FinancingNeeds_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FinancingNeeds_Investments_InvestmentId",
                        column: x => x.InvestmentId,
                        principalTable: "Investments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FinancingNeeds_Loans_LoanId",
                        column: x => x.LoanId,
                        principalTable: "Loans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FinancingNeeds_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_EnterpriseId",
                table: "FinancingNeeds",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_InvestmentId",
                table: "FinancingNeeds",
                column: "InvestmentId");

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_IsDeleted",
                table: "FinancingNeeds",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_KeeperDepartmentId",
                table: "FinancingNeeds",
                column: "KeeperDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_LoanId",
                table: "FinancingNeeds",
                column: "LoanId");

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_Name_EnterpriseId",
                table: "FinancingNeeds",
                columns: new[] { "Name", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_Status_PostedOn",
                table: "FinancingNeeds",
                columns: new[] { "Status", "PostedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FinancingNeeds_TrackId",
                table: "FinancingNeeds",
                column: "TrackId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FinancingNeeds");
        }
    }
}
