using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: true),
                    ChainLinkId = table.Column<int>(type: "INTEGER", nullable: true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Timeline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    References = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerDistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerEnterpriseUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    CapabilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
