import Foundation
import PlumAudit
import PlumData
import PlumDriver
import PlumReports
import PlumRuntime
import PlumStatistics

/// `plum audit POLICY DATA --by FIELD…`: selection rates, impact ratios and error rates by group.
enum AuditCommand: Command {
  static let name = "audit"
  static let abstract = "Audit a policy's decisions for fairness by protected fields."
  static let discussion: String? = """
    Decides every record of DATA with the policy (or, with --decisions, reads the decisions a past
    plum run wrote and joins them with DATA by key) and reports, for any reward given, each reward
    and each rule, per group of the --by fields and per intersection: n, selected, rate with a 95%
    Wilson interval, impact ratio to the top group, difference and the four-fifths flag; with
    --outcome, error rates per group; per model, score summaries by group (and AUC with --outcome).
    Groups under --min-group-size records or --min-group-share of all records are set apart.
    A pii field cannot be a --by field, and no pii value appears in any output.
    Exit status: 0 when nothing falls under four fifths, 1 when any reward (or rewarded) has a
    compared group with an impact ratio under 0.8, a record could not be audited or none was (the
    report is still written), 2 for usage or I/O errors or a policy with errors.
    """
  static let arguments = ArgumentSpec(
    options: [
      .init(
        name: "--by", valueName: "field", help: "A field to group by (repeat, or separate with commas).",
        repeating: true, required: true),
      .init(
        name: "--outcome", valueName: "column",
        help: "A yes/no column of DATA to measure error rates against."),
      .init(
        name: "--format", valueName: "format", help: "The report's form (default: text).",
        choices: ["text", "json", "html"]),
      .init(name: "--out", valueName: "file", help: "Write the report to a file instead of standard output."),
      .init(
        name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means in the decisions."
      ),
      .init(
        name: "--decisions", valueName: "file",
        help: "Audit the decisions plum run wrote (JSON Lines) instead of deciding now."),
      .init(
        name: "--min-group-size", valueName: "n", help: "Set apart groups with fewer records (default: 30)."),
      .init(
        name: "--min-group-share", valueName: "fraction",
        help: "Set apart groups under this share of all records (default: 0.02)."),
      .init(
        name: "--input-format", valueName: "format", help: "DATA's format when the extension does not say.",
        choices: ["csv", "jsonl"]),
    ],
    positionals: [
      .init(name: "policy", help: "The policy file."),
      .init(name: "data", help: "The records (CSV or JSON Lines)."),
    ])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard arguments.positionals.count == 2 else {
      throw UsageError(
        message: arguments.positionals.count < 2
          ? "missing expected argument '<\(arguments.positionals.isEmpty ? "policy" : "data")>'"
          : "unexpected argument '\(arguments.positionals[2])'")
    }
    let (policyPath, dataPath) = (arguments.positionals[0], arguments.positionals[1])
    try StandardInputOnce.check([policyPath, dataPath])
    let by = arguments.values("--by").flatMap { $0.split(separator: ",").map(String.init) }
    guard !by.isEmpty else { throw UsageError(message: "missing expected option '--by <field>'") }
    guard let format = InputFormat(path: dataPath, option: arguments.value("--input-format")) else {
      throw UsageError(
        message:
          "cannot tell the format of '\(dataPath)'; use a .csv, .jsonl or .ndjson name or --input-format")
    }
    let rule = SmallGroupRule(
      minimumCount: try integer("--min-group-size", arguments, default: 30),
      minimumShare: try fraction("--min-group-share", arguments, default: 0.02))
    // Without --as-of the date stays open: a decision file carries its own.
    let asOf: Int64? = try arguments.value("--as-of").map { text throws(UsageError) in
      try AsOfOption.parse(text)
    }
    if let out = arguments.value("--out") {
      do {
        try io.checkWritable(out)
      } catch {
        io.writeErr("error: cannot write '\(out)': \(error.reason)\n")
        return .usage
      }
    }
    let policy: AuditPolicy
    switch AuditPolicy.load(policyPath, by: by, outcome: arguments.value("--outcome"), format: format, io: io)
    {
    case .success(let loaded): policy = loaded
    case .failure(.unreadable(let error)):
      io.writeErr("error: \(error)\n")
      return .usage
    case .failure(.invalid(let errors)):
      io.writeErr("error: \(policyPath) has \(plural(errors, "error")); nothing was audited\n")
      return .usage
    case .failure(.usage(let message)): throw UsageError(message: message)
    }
    // The report must not replace the policy, the records, the decisions or a model it reads.
    if let out = arguments.value("--out") {
      let directory = Driver.modelDirectory(ofPolicyAt: policyPath)
      let models = policy.checked.models.map {
        $0.source.hasPrefix("/") || directory == "." ? $0.source : directory + "/" + $0.source
      }
      let conflicts = OutputConflicts(
        outputs: [.init(option: "--out", path: out)],
        inputs: [.init(role: "the policy", path: policyPath), .init(role: "the data file", path: dataPath)]
          + [arguments.value("--decisions")].compactMap { $0 }.map {
            .init(role: "the decisions file", path: $0)
          }
          + models.map { .init(role: "the model file", path: $0) })
      if let problem = conflicts.problem() {
        io.writeErr("error: \(problem)\n")
        return .usage
      }
    }
    let report: AuditReportOutcome
    do {
      report = try AuditReportOutcome.make(
        policy: policy, dataPath: dataPath, format: format, decisionsPath: arguments.value("--decisions"),
        asOf: asOf, rule: rule, io: io)
    } catch {
      io.writeErr("error: \(error.message)\n")
      return .usage
    }
    let text: String
    switch arguments.value("--format") ?? "text" {
    case "json": text = ReportJSON.encode(report.report)
    case "html": text = HTMLRenderer().render(report.report)
    default: text = TextRenderer().render(report.report)
    }
    if let out = arguments.value("--out") {
      do {
        try io.writeFile(out, Array(text.utf8))
      } catch {
        io.writeErr("error: \(error)\n")
        return .usage
      }
    } else {
      io.writeOut(text)
    }
    io.writeErr(report.summary + "\n")
    return report.failed ? .findings : .success
  }

  private static func integer(_ option: String, _ arguments: ParsedArguments, default value: Int)
    throws(UsageError)
    -> Int
  {
    guard let text = arguments.value(option) else { return value }
    guard let number = Int(text), number >= 0 else {
      throw UsageError(
        message: "the value '\(text)' is invalid for '\(option) <n>'; expected a whole number ≥ 0")
    }
    return number
  }

  private static func fraction(_ option: String, _ arguments: ParsedArguments, default value: Double)
    throws(UsageError) -> Double
  {
    guard let text = arguments.value(option) else { return value }
    guard let number = Double(text), number >= 0, number <= 1 else {
      throw UsageError(message: "the value '\(text)' is invalid for '\(option) <fraction>'; expected 0 to 1")
    }
    return number
  }
}
