import PlumDiagnostics

/// A diagnostic with the source it points into: the policy file or the expression (`<expr>`).
struct Finding: Sendable {
  /// The diagnostic, its spans relative to `file`.
  var diagnostic: Diagnostic
  /// The source the spans point into.
  var file: SourceFile

  /// Whether the diagnostic is an error.
  var isError: Bool { diagnostic.severity == .error }
}

extension Array where Element == Finding {
  /// Renders every finding as `plum check` does, in order.
  func rendered(colored: Bool) -> String {
    let renderer = DiagnosticRenderer(colored: colored)
    return map { renderer.renderText($0.diagnostic, in: $0.file) }.joined()
  }

  /// Whether any finding is an error.
  var hasErrors: Bool { contains(where: \.isError) }
}
