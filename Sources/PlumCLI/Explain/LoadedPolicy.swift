import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
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
  /// - Parameter requiringTests: stop with `noTests`, after checking, when the policy has no tests.
  static func load(_ path: String, io: CommandIO, requiringTests: Bool = false) -> Result<
    LoadedPolicy, Failure
  > {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      return .failure(.unreadable(error))
    }
    let result = Frontend.check(name: path, bytes: bytes)
    let renderer = DiagnosticRenderer(colored: io.colorsErr)
    // A broken policy is reported even when it has no tests, so a test run never passes over it.
    guard !result.hasErrors, let checked = result.checked else {
      io.writeErr(renderer.render(result.diagnostics, in: result.source, format: .text))
      return .failure(.invalid(errors: max(1, result.diagnostics.filter { $0.severity == .error }.count)))
    }
    // A clean policy without tests has nothing for `plum test` to run.
    if requiringTests
      && !result.ast.declarations.contains(where: { if case .test = $0 { true } else { false } })
    {
      return .failure(.noTests)
    }
    let directory = (path as NSString).deletingLastPathComponent
    let base = directory.isEmpty ? "." : directory
    let lowered = Lowering.lower(
      checked, source: result.source, options: LoweringOptions(explain: false, modelDirectory: base))
    let diagnostics = result.diagnostics + lowered.diagnostics
    if !diagnostics.isEmpty { io.writeErr(renderer.render(diagnostics, in: result.source, format: .text)) }
    guard let program = lowered.program, let schema = try? DecisionRunner.schema(for: program.inputs) else {
      return .failure(.invalid(errors: max(1, lowered.diagnostics.filter { $0.severity == .error }.count)))
    }
    return .success(
      LoadedPolicy(
        path: path, source: result.source, policy: checked, program: program, schema: schema,
        directory: base))
  }

  /// The path of a file named in the policy, relative to the policy's directory.
  func resolve(_ relative: String) -> String {
    relative.hasPrefix("/") || directory == "." ? relative : directory + "/" + relative
  }

  /// The policy lowered with traces and probes for `expressions` (and what explanations ask).
  func inspection(asOf: Int64, expressions: [TypedExpression] = []) throws(Inspection.Failure) -> Inspection {
    try Inspection(
      policy: policy, source: source, options: LoweringOptions(modelDirectory: directory), asOf: asOf,
      expressions: InspectionQueries.explaining(policy) + expressions)
  }
}
