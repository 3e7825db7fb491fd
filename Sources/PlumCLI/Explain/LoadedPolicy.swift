import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumRuntime
import PlumSyntax

/// A policy read, checked and lowered, with what tests and explanations need to run it.
struct LoadedPolicy {
  /// The path as given.
  let path: String
  /// The source.
  let source: SourceFile
  /// The checked policy.
  let policy: CheckedPolicy
  /// The lowered program, which makes the decisions.
  let program: Program
  /// The schema records are read with.
  let schema: RecordSchema
  /// The directory relative paths in the policy start from.
  let directory: String
  /// The options the program was lowered with.
  let loweringOptions: LoweringOptions

  /// Why a policy cannot be used.
  enum Failure: Error {
    /// The file could not be read (exit status 2).
    case unreadable(FileError)
    /// The policy has errors; the text already shows them as `plum check` does.
    case invalid(errors: Int)
    /// The policy has no `test` blocks (only when they are required).
    case noTests
  }

  /// Reads, checks and lowers the policy at `path`, writing its diagnostics to standard error.
  /// - Parameters:
  ///   - requiringTests: stop with `noTests`, after checking, when the policy has no tests.
  ///   - quiet: write the errors only, not the warnings (`--quiet`).
  static func load(_ path: String, io: CommandIO, requiringTests: Bool = false, quiet: Bool = false)
    -> Result<
      LoadedPolicy, Failure
    >
  {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      return .failure(.unreadable(error))
    }
    let compiled = Driver.compile(path: path, bytes: bytes)
    // A broken policy is reported even when it has no tests, so a test run never passes over it.
    guard !compiled.hasFrontEndErrors, let checked = compiled.checked else {
      io.writeErr(compiled.rendered(compiled.frontend.diagnostics.shown(quiet: quiet), colored: io.colorsErr))
      return .failure(.invalid(errors: max(1, compiled.errorCount)))
    }
    // A clean policy without tests has nothing for `plum test` to run.
    if requiringTests
      && !compiled.ast.declarations.contains(where: { if case .test = $0 { true } else { false } })
    {
      return .failure(.noTests)
    }
    let diagnostics = compiled.diagnostics.shown(quiet: quiet)
    if !diagnostics.isEmpty { io.writeErr(compiled.rendered(diagnostics, colored: io.colorsErr)) }
    guard let program = compiled.program, let schema = compiled.schema else {
      return .failure(
        .invalid(errors: max(1, compiled.loweringDiagnostics.filter { $0.severity == .error }.count)))
    }
    return .success(
      LoadedPolicy(
        path: path, source: compiled.source, policy: checked, program: program, schema: schema,
        directory: compiled.directory, loweringOptions: compiled.loweringOptions))
  }

  /// The path of a file named in the policy, relative to the policy's directory.
  func resolve(_ relative: String) -> String {
    relative.hasPrefix("/") || directory == "." ? relative : directory + "/" + relative
  }

  /// The policy lowered with traces and probes for `expressions` (and what explanations ask).
  func inspection(asOf: Int64, expressions: [TypedExpression] = []) throws(Inspection.Failure) -> Inspection {
    try Inspection(
      policy: policy, source: source, options: loweringOptions, asOf: asOf,
      expressions: InspectionQueries.explaining(policy) + expressions)
  }
}
