import PlumDiagnostics

extension ArgumentSpec.Flag {
  /// `--quiet` of `run`, `test` and `check`: standard error carries errors only.
  static let quiet = ArgumentSpec.Flag(
    name: "--quiet", help: "Print only errors on standard error: no warnings, progress or summary line.")
}

extension Array where Element == Diagnostic {
  /// The diagnostics to print: all of them, or only the errors under `--quiet`.
  func shown(quiet: Bool) -> [Diagnostic] {
    quiet ? filter { $0.severity == .error } : self
  }
}
