using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScenarioExpertRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "ScenarioExperts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "ScenarioExperts",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "ScenarioExperts",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Tracks",
                table: "ScenarioExperts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Version",
                table: "ScenarioExperts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ScenarioExpertConflicts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExpertId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseUscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioExpertConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioExpertConflicts_ScenarioExperts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "ScenarioExperts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The conflicts declared before they had rows (credit codes separated by '|') move to the new table, then the column goes.
            migrationBuilder.Sql("""
                INSERT INTO "ScenarioExpertConflicts" ("ExpertId", "EnterpriseUscc", "Reason")
                SELECT DISTINCT e."Id", upper(trim(c)), '迁移前申报，未记录原因'
                FROM "ScenarioExperts" e, unnest(string_to_array(e."Conflicts", '|')) AS c WHERE trim(c) <> '';
                """);

            migrationBuilder.DropColumn(
                name: "Conflicts",
                table: "ScenarioExperts");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioExperts_Name",
                table: "ScenarioExperts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioExpertConflicts_ExpertId_EnterpriseUscc",
                table: "ScenarioExpertConflicts",
                columns: new[] { "ExpertId", "EnterpriseUscc" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScenarioExpertConflicts");

            migrationBuilder.DropIndex(
                name: "IX_ScenarioExperts_Name",
                table: "ScenarioExperts");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "ScenarioExperts");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "ScenarioExperts");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "ScenarioExperts");

            migrationBuilder.DropColumn(
                name: "Tracks",
                table: "ScenarioExperts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ScenarioExperts");

            migrationBuilder.AddColumn<string>(
                name: "Conflicts",
                table: "ScenarioExperts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }
    }
}
