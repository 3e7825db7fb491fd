import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

/// Settings for compiling a policy to SQL.
public struct SQLOptions: Sendable {
  /// The engine the query is for.
  public var dialect: SQLDialect
  /// The table (or view) whose rows are the records.
  public var table: String
  /// The as-of date, in days since 1970-01-01: `today()` and `days_since` are relative to it.
  public var asOf: Int64
  /// The directory model file paths are relative to (the policy file's directory).
  public var modelDirectory: String

  /// Creates options.
  public init(dialect: SQLDialect, table: String = "participants", asOf: Int64, modelDirectory: String = ".")
  {
    self.dialect = dialect
    self.table = table
    self.asOf = asOf
    self.modelDirectory = modelDirectory
  }
}

/// The outcome of compiling to SQL: the query, or the diagnostics explaining why there is none.
public struct SQLResult: Sendable {
  /// The query; nil when any diagnostic is an error.
  public var query: String?
  /// Problems found (constructs the dialect cannot express, model files, lowering errors).
  public var diagnostics: [Diagnostic]
}

/// Compiles a checked policy to one SQL query that decides every row of a table as `plum run`
/// decides every record (docs/sql.md).
public enum SQLCompilation {
  /// Compiles `policy`, whose source is `source`, to a query.
  public static func compile(_ policy: CheckedPolicy, source: SourceFile, options: SQLOptions) -> SQLResult {
    // Lowering reports what the machine would refuse (model files, inexact money); SQL refuses it too.
    let lowered = Lowering.lower(
      policy, source: source, options: LoweringOptions(modelDirectory: options.modelDirectory))
    if lowered.program == nil { return SQLResult(query: nil, diagnostics: lowered.diagnostics) }
    let compiler = SQLCompiler(policy: policy, source: source, options: options)
    let query = compiler.compileQuery()
    let diagnostics = lowered.diagnostics + compiler.diagnostics.diagnostics
    return SQLResult(
      query: diagnostics.contains { $0.severity == .error } ? nil : query, diagnostics: diagnostics)
  }
}

/// Where an expression is evaluated: what must have happened for its code to run.
enum SQLRoot: Hashable {
  /// A let, rule or model body, run on first use.
  case declaration(DeclarationReference)
  /// A reward's `requires` and `when`, run for every record.
  case conditions(Int)
  /// A reward's `give`, `value` and `priority`, run when its conditions hold.
  case outcome(Int)
  /// A reward's `because`, run when the reward is given.
  case because(Int)
}

/// A value in the query: its SQL, and the SQL of why evaluating it stops (NULL when it does not).
///
/// A stop is a text: `P05xx|message` for a record error, or `C<model>` when a model's consent is
/// missing (the reward is abandoned, as the machine abandons it).
struct SQLTerm {
  /// The value; meaningful only when the stop is NULL. NULL is a missing optional.
  var value: SQLFragment
  /// The stop, or nil when evaluating the value can never stop.
  var stop: SQLFragment?
}

/// The state of compiling one policy: the projections built so far, declarations compiled, and
/// where each declaration is used (to know which rules were evaluated, for `reasons`).
final class SQLCompiler {
  let policy: CheckedPolicy
  let source: SourceFile
  let options: SQLOptions
  let spelling: any SQLSpelling
  let facts: LoweringFacts
  let personalData: PersonalDataFlow
  var diagnostics = DiagnosticBag()
  private var reported: Set<SourceRange> = []
  var builder = SQLQueryBuilder()

  /// The normalised input values, by field index.
  var fields: [SQLFragment] = []
  /// Compiled declarations.
  var declarations: [DeclarationReference: SQLTerm] = [:]
  /// Declarations that lowering turns into code blocks (not aliases), in the order lowering
  /// creates them: the order of `reasons`.
  var blocks: [DeclarationReference] = []
  var inProgress: Set<DeclarationReference> = []
  /// Every place a declaration is read: the root it is read in and the conditions on the way.
  var uses: [DeclarationReference: [(root: SQLRoot, path: [SQLFragment])]] = [:]
  /// Where the expression being compiled runs.
  var root: SQLRoot = .conditions(0)
  /// The conditions under which the expression being compiled runs, within its root.
  var path: [SQLFragment] = []
  /// Each k-means model's distance to its nearest centre, by model index.
  var segmentDistances: [Int: SQLFragment] = [:]
  /// Each reward's "conditions held" and "given" conditions, once compiled.
  var rewardStates: [Int: (holds: SQLFragment, selected: SQLFragment)] = [:]
  /// Record errors a value's display adds, collected by the interpolation that shows it.
  var pendingStops: [SQLFragment] = []
  /// Machine errors a value's display raises (a float percentage that overflows), in order.
  var segmentStops: [SQLFragment] = []
  /// The texts an engine cannot print exactly, of the `because` being compiled: reported only
  /// when the machine would have decided the record (they come after every machine error).
  var printStops: [SQLFragment?] = []
  /// The condition under which each declaration runs, once computed.
  var reachedCache: [DeclarationReference: SQLFragment] = [:]

  init(policy: CheckedPolicy, source: SourceFile, options: SQLOptions) {
    self.policy = policy
    self.source = source
    self.options = options
    spelling = options.dialect.spelling
    facts = LoweringFacts(policy: policy, source: source)
    personalData = PersonalDataFlow(policy: policy)
  }

  // MARK: Diagnostics

  /// Reports a diagnostic once per span.
  func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange) {
    guard reported.insert(range).inserted else { return }
    diagnostics.report(Diagnostic(code, message, at: range))
  }

  /// The source text of a span on one line, whitespace runs collapsed, shortened past `limit`
  /// (as the machine's messages quote it).
  func sourceText(_ range: SourceRange, limit: Int = 60) -> String {
    let words = source.text(in: range).split(whereSeparator: {
      $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r"
    })
    let text = words.joined(separator: " ")
    return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }

  /// The stop text of a record error at an expression, as the machine words it.
  func fault(_ code: RuntimeErrorCode, at range: SourceRange) -> String {
    let location = source.location(of: range.start)
    return "\(code.rawValue)|\(code.summary) in `\(sourceText(range))` at \(location.line):\(location.column)"
  }

  /// `CASE WHEN condition THEN 'stop' END`: a stop when `condition` holds (NULL conditions do not).
  func stop(when condition: SQLFragment, _ text: String) -> SQLFragment {
    builder.bind(sql(condition) { "CASE WHEN \($0[0]) THEN \(spelling.string(text)) END" })
  }

  /// `CASE WHEN condition THEN 'code|…' END` for a machine error at `range`.
  func stop(when condition: SQLFragment, _ code: RuntimeErrorCode, at range: SourceRange) -> SQLFragment {
    stop(when: condition, fault(code, at: range))
  }

  /// The first of several stops, in evaluation order; nil when none can stop.
  func first(_ stops: [SQLFragment?]) -> SQLFragment? {
    let present = stops.compactMap { $0 }
    if present.isEmpty { return nil }
    if present.count == 1 { return present[0] }
    return builder.bind(sql(present) { "COALESCE(\($0.joined(separator: ", ")))" })
  }

  /// `stop` only when `condition` holds.
  func only(_ stop: SQLFragment?, when condition: SQLFragment) -> SQLFragment? {
    guard let stop else { return nil }
    return builder.bind(sql(condition, stop) { "CASE WHEN \($0[0]) THEN \($0[1]) END" })
  }

  /// Whether a stop is absent, as SQL.
  func isClear(_ stop: SQLFragment?) -> SQLFragment {
    guard let stop else { return .yes }
    return sql(stop) { "\($0[0]) IS NULL" }
  }

  /// Runs `body` with `condition` added to the path.
  func under<T>(_ conditions: [SQLFragment], _ body: () -> T) -> T {
    let saved = path
    path += conditions
    defer { path = saved }
    return body()
  }

  // MARK: The query

  /// The whole query.
  func compileQuery() -> String {
    checkColumns()
    if let budget = policy.budget {
      report(
        SQLDiagnostics.runLevelConstruct,
        "`budget` is a whole-run pass: the \(options.dialect.displayName) query decides each record alone, "
          + "as `plum run` does today", at: budget.period.range)
    }
    for constraint in policy.constraints {
      report(
        SQLDiagnostics.runLevelConstruct,
        "constraint `\(constraint.name.name)` is measured over a whole run; the "
          + "\(options.dialect.displayName) query does not measure it", at: constraint.name.range)
    }
    fields = policy.input.fields.indices.map(inputValue)
    let readError = readErrors()
    let outcome = compileRewards()
    let key = keyText()
    let stopColumn = outcome.error.map { builder.bind($0) }
    let (ctes, last) = builder.projections(over: "plum_input", fence: spelling.fence)
    var select: [String] = []
    if let key { select.append("\(key.text) AS \(spelling.identifier("key"))") }
    let error = stopColumn.map { "COALESCE(\(readError.text), \($0.text))" } ?? readError.text
    select.append(
      "CASE WHEN \(error) IS NULL THEN \(outcome.rewards.text) END AS \(spelling.identifier("rewards"))")
    select.append(
      "CASE WHEN \(error) IS NULL THEN \(outcome.reasons.text) END AS \(spelling.identifier("reasons"))")
    select.append("substr(\(error), 1, 5) AS \(spelling.identifier("error_code"))")
    select.append("substr(\(error), 7) AS \(spelling.identifier("error_message"))")
    let input = "plum_input AS (\n  SELECT * FROM \(tableName)\n)"
    let header =
      "-- Plum policy `\(policy.name?.name ?? "policy")`\(policy.version.map { " version \($0)" } ?? "")"
      + " compiled for \(options.dialect.displayName), as of \(CivilDate.format(options.asOf)).\n"
    return header + "WITH " + ([input] + ctes).joined(separator: ",\n") + "\nSELECT\n  "
      + select.joined(separator: ",\n  ") + "\nFROM \(last)\n"
  }

  /// The table name, quoted part by part (`schema.table` stays two names).
  var tableName: String {
    options.table.split(separator: ".").map { spelling.identifier(String($0)) }.joined(separator: ".")
  }
}

extension SQLCompilation {
  /// The table columns a policy's query reads, with each one's Plum type (`bool`, `int`, `float`,
  /// `string`, `date`, `duration`, `enum` or `money:DIGITS`), in schema order.
  public static func columns(of policy: CheckedPolicy) -> [(name: String, kind: String)] {
    policy.input.fields.map { field in
      let kind: String
      switch field.type.unwrapped {
      case .bool: kind = "bool"
      case .int: kind = "int"
      case .float: kind = "float"
      case .date: kind = "date"
      case .duration: kind = "duration"
      case .enumeration: kind = "enum"
      case .money(let currency): kind = "money:\(Money.minorDigits(of: currency))"
      default: kind = "string"
      }
      return (SQLCompiler.columnName(field.path), kind)
    }
  }
}
