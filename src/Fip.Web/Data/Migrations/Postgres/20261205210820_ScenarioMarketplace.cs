using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScenarioMarketplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScenarioPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TrackId = table.Column<int>(type: "integer", nullable: true),
                    ChainLinkId = table.Column<int>(type: "integer", nullable: true),
                    DistrictId = table.Column<int>(type: "integer", nullable: true),
                    Budget = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Timeline = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Requirements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    References = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    OwnerDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    OwnerDistrictId = table.Column<int>(type: "integer", nullable: true),
                    OwnerEnterpriseUscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioPosts_ChainLinks_ChainLinkId",
                        column: x => x.ChainLinkId,
                        principalTable: "ChainLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioPosts_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioPosts_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioMatchAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NeedId = table.Column<int>(type: "integer", nullable: false),
                    CapabilityId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioMatchAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioMatchAnswers_ScenarioPosts_CapabilityId",
                        column: x => x.CapabilityId,
                        principalTable: "ScenarioPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScenarioMatchAnswers_ScenarioPosts_NeedId",
                        column: x => x.NeedId,
                        principalTable: "ScenarioPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ChangeStamps",
                columns: new[] { "Name", "Value" },
                values: new object[] { "scenarios", 1L });

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioMatchAnswers_CapabilityId",
                table: "ScenarioMatchAnswers",
                column: "CapabilityId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioMatchAnswers_NeedId_CapabilityId_PostId",
                table: "ScenarioMatchAnswers",
                columns: new[] { "NeedId", "CapabilityId", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioPosts_ChainLinkId",
                table: "ScenarioPosts",
                column: "ChainLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioPosts_DistrictId",
                table: "ScenarioPosts",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioPosts_Kind_State",
                table: "ScenarioPosts",
                columns: new[] { "Kind", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioPosts_TrackId",
                table: "ScenarioPosts",
                column: "TrackId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScenarioMatchAnswers");

            migrationBuilder.DropTable(
                name: "ScenarioPosts");

            migrationBuilder.DeleteData(
                table: "ChangeStamps",
                keyColumn: "Name",
                keyValue: "scenarios");
        }
    }
}
