// swift-tools-version: 6.0
import PackageDescription

/// Plum: a reward-policy language. One library target per compiler phase or concern,
/// a thin `plum` executable and a `plum-bench` benchmark executable.
let package = Package(
  name: "Plum",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "plum", targets: ["plum"]),
    .executable(name: "plum-bench", targets: ["plum-bench"]),
    .library(name: "PlumCLI", targets: ["PlumCLI"]),
  ],
  targets: [
    // Source files, spans and diagnostics shared by every phase.
    .target(name: "PlumDiagnostics"),
    // Tokens, lexer, AST and parser.
    .target(name: "PlumSyntax", dependencies: ["PlumDiagnostics"]),
    // Name resolution, types and the static guarantees.
    .target(name: "PlumChecker", dependencies: ["PlumDiagnostics", "PlumSyntax"]),
    // The canonical source formatter behind `plum fmt`.
    .target(name: "PlumFormatter", dependencies: ["PlumDiagnostics", "PlumSyntax"]),
    // CSV and JSON Lines readers and writers, on bytes.
    .target(name: "PlumData", dependencies: ["PlumDiagnostics"]),
    // Numeric model code with no Plum types.
    .target(name: "PlumModels"),
    // Statistics with no Plum types: distributions, hypothesis tests, intervals, fairness metrics,
    // off-policy estimators and the bootstrap.
    .target(name: "PlumStatistics", dependencies: ["PlumModels"]),
    // Budget allocation (multiple-choice knapsack) and fairness-constrained allocation.
    .target(name: "PlumOptimizer"),
    // Reports as documents of plain values (sections, tables, notes, charts), rendered to text, JSON
    // and self-contained HTML; no Plum types, so every measuring command can use it.
    .target(name: "PlumReports"),
    // The fairness audit as a whole-run pass over plain per-record facts: figures from PlumStatistics,
    // laid out as a PlumReports document.
    .target(name: "PlumAudit", dependencies: ["PlumStatistics", "PlumReports"]),
    // Typed IR, lowering and the evaluator.
    .target(
      name: "PlumRuntime",
      dependencies: [
        "PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumData", "PlumModels", "PlumOptimizer",
      ]),
    // System headers Swift's Glibc module leaves out (epoll).
    .target(name: "CPlumSystem"),
    // The HTTP/1.1 server behind `plum serve` and the decision service it runs.
    .target(
      name: "PlumServer",
      dependencies: [
        .target(name: "CPlumSystem", condition: .when(platforms: [.linux])), "PlumRuntime", "PlumData",
      ]),
    // A second back end: one SQL query per policy, for DuckDB, PostgreSQL and Spark SQL.
    .target(
      name: "PlumSQL",
      dependencies: ["PlumChecker", "PlumData", "PlumRuntime", "PlumModels", "PlumDiagnostics"]),
    // The pipeline once: read a policy, check, analyse, lower, load models; every diagnostic code.
    .target(
      name: "PlumDriver",
      dependencies: ["PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumRuntime", "PlumData", "PlumModels"]),
    // Argument parsing and one small file per command.
    .target(
      name: "PlumCLI",
      dependencies: [
        "PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumRuntime", "PlumData", "PlumModels",
        "PlumFormatter", "PlumStatistics", "PlumReports", "PlumAudit", "PlumSQL", "PlumDriver", "PlumServer",
      ]),
    .executableTarget(name: "plum", dependencies: ["PlumCLI"]),
    .executableTarget(
      name: "plum-bench",
      dependencies: [
        "PlumCLI", "PlumDriver", "PlumRuntime", "PlumData", "PlumChecker", "PlumModels", "PlumTestSupport",
      ]),

    // Golden files, seeded random data, policy generators, required tools and processes, for every
    // test target (and the policies plum-bench measures).
    .target(
      name: "PlumTestSupport", dependencies: ["PlumData", "PlumModels", "PlumRuntime"],
      path: "Tests/PlumTestSupport"),
    .testTarget(name: "PlumDiagnosticsTests", dependencies: ["PlumDiagnostics", "PlumTestSupport"]),
    .testTarget(
      name: "PlumSyntaxTests", dependencies: ["PlumDiagnostics", "PlumSyntax", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumFormatterTests",
      dependencies: ["PlumDiagnostics", "PlumSyntax", "PlumFormatter", "PlumModels", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumCheckerTests",
      dependencies: ["PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumTestSupport"], exclude: ["Fixtures"]
    ),
    .testTarget(name: "PlumServerTests", dependencies: ["PlumServer", "PlumModels"]),
    .testTarget(
      name: "PlumDataTests", dependencies: ["PlumData", "PlumModels", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumModelsTests", dependencies: ["PlumModels", "PlumTestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumStatisticsTests", dependencies: ["PlumStatistics", "PlumModels", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumOptimizerTests", dependencies: ["PlumOptimizer", "PlumModels", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumReportsTests", dependencies: ["PlumReports", "PlumModels", "PlumTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumAuditTests", dependencies: ["PlumAudit", "PlumReports", "PlumStatistics", "PlumTestSupport"]),
    .testTarget(
      name: "PlumSQLTests",
      dependencies: [
        "PlumDiagnostics", "PlumChecker", "PlumModels", "PlumRuntime", "PlumSQL", "PlumDriver", "PlumCLI",
        "PlumTestSupport",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumRuntimeTests",
      dependencies: [
        "PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumData", "PlumModels", "PlumRuntime",
        "PlumTestSupport",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumCLITests",
      dependencies: [
        "PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumData", "PlumModels", "PlumRuntime",
        "PlumFormatter", "PlumReports", "PlumServer", "PlumDriver", "PlumCLI", "PlumTestSupport",
      ],
      exclude: ["Fixtures"]),
  ]
)
