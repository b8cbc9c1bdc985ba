using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupportWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PlanProgrammeId",
                table: "SupportPolicies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaidOn",
                table: "PolicyApplications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentVoucher",
                table: "PolicyApplications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PolicyApplicationEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyApplicationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyApplicationEvidence_PolicyApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "PolicyApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyInvitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    PushedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PushedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyInvitations_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PolicyInvitations_SupportPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "SupportPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyApplicationEvidence_ApplicationId",
                table: "PolicyApplicationEvidence",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyInvitations_EnterpriseId",
                table: "PolicyInvitations",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyInvitations_PolicyId_EnterpriseId",
                table: "PolicyInvitations",
                columns: new[] { "PolicyId", "EnterpriseId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicyApplicationEvidence");

            migrationBuilder.DropTable(
                name: "PolicyInvitations");

            migrationBuilder.DropColumn(
                name: "PlanProgrammeId",
                table: "SupportPolicies");

            migrationBuilder.DropColumn(
                name: "PaidOn",
                table: "PolicyApplications");

            migrationBuilder.DropColumn(
                name: "PaymentVoucher",
                table: "PolicyApplications");
        }
    }
}
