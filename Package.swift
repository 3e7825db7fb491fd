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
    .target(name: "PlumChecker", dependencies: ["PlumSyntax"]),
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
    .target(name: "PlumRuntime", dependencies: ["PlumChecker", "PlumData", "PlumModels"]),
    // System headers Swift's Glibc module leaves out (epoll).
    .target(name: "CPlumSystem"),
    // The HTTP/1.1 server behind `plum serve` and the decision service it runs.
    .target(
      name: "PlumServer",
      dependencies: [
        .target(name: "CPlumSystem", condition: .when(platforms: [.linux])), "PlumRuntime", "PlumData",
      ]),
    // A second back end: one SQL query per policy, for DuckDB, PostgreSQL and Spark SQL.
    .target(name: "PlumSQL", dependencies: ["PlumChecker", "PlumRuntime", "PlumModels", "PlumDiagnostics"]),
    // Argument parsing and one small file per command.
    .target(
      name: "PlumCLI",
      dependencies: [
        "PlumDiagnostics", "PlumSyntax", "PlumChecker", "PlumRuntime", "PlumData", "PlumModels",
        "PlumFormatter", "PlumStatistics", "PlumReports", "PlumAudit", "PlumSQL", "PlumServer",
      ]),
    .executableTarget(name: "plum", dependencies: ["PlumCLI"]),
    .executableTarget(
      name: "plum-bench", dependencies: ["PlumCLI", "PlumRuntime", "PlumData", "PlumChecker"]),

    .testTarget(name: "PlumDiagnosticsTests", dependencies: ["PlumDiagnostics"]),
    .testTarget(name: "PlumSyntaxTests", dependencies: ["PlumSyntax"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumFormatterTests", dependencies: ["PlumFormatter"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumCheckerTests", dependencies: ["PlumChecker"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumDataTests", dependencies: ["PlumData"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumModelsTests", dependencies: ["PlumModels"], exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumStatisticsTests", dependencies: ["PlumStatistics", "PlumModels"], exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumOptimizerTests", dependencies: ["PlumOptimizer", "PlumModels"], exclude: ["Fixtures"]),
    .testTarget(
      name: "PlumReportsTests", dependencies: ["PlumReports", "PlumModels"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumAuditTests", dependencies: ["PlumAudit", "PlumReports", "PlumStatistics"]),
    .testTarget(name: "PlumRuntimeTests", dependencies: ["PlumRuntime"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumCLITests", dependencies: ["PlumCLI"], exclude: ["Fixtures"]),
    .testTarget(name: "PlumServerTests", dependencies: ["PlumServer", "PlumModels"]),
    .testTarget(
      name: "PlumSQLTests", dependencies: ["PlumSQL", "PlumCLI", "PlumModels"], exclude: ["Fixtures"]),
  ]
)
