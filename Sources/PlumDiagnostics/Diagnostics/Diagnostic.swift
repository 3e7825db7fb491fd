/// A problem found in a policy, with a stable code, a message and the spans it concerns.
public struct Diagnostic: Hashable, Sendable {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Comparable {
    case note, warning, error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// A secondary span with a short label, such as "first declared here".
  public struct Label: Hashable, Sendable {
    /// The span the label points at.
    public var range: SourceRange
    /// The label's text.
    public var message: String

    /// Creates a label.
    public init(_ range: SourceRange, _ message: String) {
      self.range = range
      self.message = message
    }
  }

  /// A suggested edit: replace the text of `range` with `replacement`.
  public struct FixIt: Hashable, Sendable {
    /// The span to replace (empty for an insertion).
    public var range: SourceRange
    /// The new text.
    public var replacement: String
    /// What the edit does, such as "insert `participant.consent.profiling and`".
    public var message: String

    /// Creates a fix-it.
    public init(range: SourceRange, replacement: String, message: String) {
      self.range = range
      self.replacement = replacement
      self.message = message
    }
  }

  /// The severity.
  public var severity: Severity
  /// The stable code, such as `P0203`.
  public var code: DiagnosticCode
  /// One line, lowercase, no final period; user input in backticks.
  public var message: String
  /// The span the diagnostic is about.
  public var range: SourceRange
  /// Secondary spans with labels.
  public var labels: [Label]
  /// Free-text notes shown after the source excerpt.
  public var notes: [String]
  /// Suggested edits.
  public var fixIts: [FixIt]

  /// Creates a diagnostic; the severity defaults to the code's.
  public init(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, severity: Severity? = nil,
    labels: [Label] = [], notes: [String] = [], fixIts: [FixIt] = []
  ) {
    self.severity = severity ?? code.defaultSeverity
    self.code = code
    self.message = message
    self.range = range
    self.labels = labels
    self.notes = notes
    self.fixIts = fixIts
  }
}

/// A stable diagnostic identifier with its default severity and a one-line title for catalogs.
///
/// Codes are grouped by phase: `P00xx` lexical, `P01xx` syntax, `P02xx` names and declarations,
/// `P03xx` types, `P04xx` static guarantees, `P05xx` evaluation, `P06xx` records, `P07xx`
/// models, `P2xxx` lints.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
  /// The code, such as `P0203`.
  public let id: String
  /// The severity a diagnostic with this code has unless promoted.
  public let defaultSeverity: Diagnostic.Severity
  /// A one-line title used in catalogs and SARIF rules.
  public let title: String

  /// Creates a code.
  public init(_ id: String, _ defaultSeverity: Diagnostic.Severity, _ title: String) {
    self.id = id
    self.defaultSeverity = defaultSeverity
    self.title = title
  }

  public var description: String { id }

  public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Collects the diagnostics of one phase; recoverable problems go here, only unrecoverable ones throw.
public struct DiagnosticBag: Sendable {
  /// The diagnostics in the order they were reported.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Creates an empty bag.
  public init() {}

  /// Adds a diagnostic.
  public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  /// Adds a diagnostic built from its parts.
  public mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange,
    labels: [Diagnostic.Label] = [], notes: [String] = [], fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.append(
      Diagnostic(code, message, at: range, labels: labels, notes: notes, fixIts: fixIts))
  }

  /// Adds every diagnostic of another bag.
  public mutating func append(contentsOf other: DiagnosticBag) {
    diagnostics.append(contentsOf: other.diagnostics)
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Array where Element == Diagnostic {
  /// The diagnostics ordered by position, then code, so output is stable.
  public func sortedByPosition() -> [Diagnostic] {
    enumerated().sorted { a, b in
      if a.element.range.start != b.element.range.start {
        return a.element.range.start < b.element.range.start
      }
      return a.offset < b.offset
    }.map(\.element)
  }
}
