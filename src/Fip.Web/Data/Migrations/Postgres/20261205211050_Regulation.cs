using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Regulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegulatoryMeasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseUscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    TrackId = table.Column<int>(type: "integer", nullable: true),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Scope = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Risks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OutcomeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PreviousEndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OutcomeBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegulatoryMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegulatoryMeasures_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegulatoryMeasures_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegulatoryMeasures_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegulatoryMeasures_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ToleranceCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    People = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Project = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Expected = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Actual = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Loss = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InvolvedReviewers = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecisionReasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Publish = table.Column<bool>(type: "boolean", nullable: false),
                    PublishUnit = table.Column<bool>(type: "boolean", nullable: false),
                    PublicSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToleranceCases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeasureComplaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeasureId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureComplaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureComplaints_RegulatoryMeasures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "RegulatoryMeasures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegulatoryNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MeasureId = table.Column<long>(type: "bigint", nullable: true),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseUscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Advice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReplyBy = table.Column<DateOnly>(type: "date", nullable: true),
                    SignalRule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SignalKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegulatoryNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegulatoryNotices_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegulatoryNotices_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegulatoryNotices_RegulatoryMeasures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "RegulatoryMeasures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ToleranceEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToleranceEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ToleranceEvents_ToleranceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ToleranceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ToleranceFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Condition = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Met = table.Column<bool>(type: "boolean", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FoundBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToleranceFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ToleranceFindings_ToleranceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ToleranceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoticeEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ByEnterprise = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeEvidence_RegulatoryNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "RegulatoryNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureComplaints_MeasureId",
                table: "MeasureComplaints",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeEvidence_NoticeId",
                table: "NoticeEvidence",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_DepartmentId",
                table: "RegulatoryMeasures",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_DistrictId",
                table: "RegulatoryMeasures",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_EndOn",
                table: "RegulatoryMeasures",
                column: "EndOn");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_EnterpriseId",
                table: "RegulatoryMeasures",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_EnterpriseUscc",
                table: "RegulatoryMeasures",
                column: "EnterpriseUscc");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryMeasures_TrackId",
                table: "RegulatoryMeasures",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryNotices_DepartmentId",
                table: "RegulatoryNotices",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryNotices_EnterpriseId",
                table: "RegulatoryNotices",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryNotices_EnterpriseUscc",
                table: "RegulatoryNotices",
                column: "EnterpriseUscc");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryNotices_MeasureId",
                table: "RegulatoryNotices",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_RegulatoryNotices_SignalKey",
                table: "RegulatoryNotices",
                column: "SignalKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ToleranceCases_Publish_Decision",
                table: "ToleranceCases",
                columns: new[] { "Publish", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_ToleranceEvents_CaseId",
                table: "ToleranceEvents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ToleranceFindings_CaseId_Condition",
                table: "ToleranceFindings",
                columns: new[] { "CaseId", "Condition" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeasureComplaints");

            migrationBuilder.DropTable(
                name: "NoticeEvidence");

            migrationBuilder.DropTable(
                name: "ToleranceEvents");

            migrationBuilder.DropTable(
                name: "ToleranceFindings");

            migrationBuilder.DropTable(
                name: "RegulatoryNotices");

            migrationBuilder.DropTable(
                name: "ToleranceCases");

            migrationBuilder.DropTable(
                name: "RegulatoryMeasures");
        }
    }
}
