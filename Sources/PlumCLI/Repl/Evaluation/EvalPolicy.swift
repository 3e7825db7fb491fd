import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumRuntime

/// A policy that expressions are evaluated against: its source, its own check and its record schema.
///
/// Without a policy file, an empty one stands in, so expressions over literals and the standard
/// library still work.
struct EvalPolicy: Sendable {
  /// The path as given, or nil for the stand-in policy.
  let path: String?
  /// The policy's bytes, as read.
  let bytes: [UInt8]
  /// The front end's result for the policy alone.
  let frontend: FrontendResult
  /// The checked policy.
  let checked: CheckedPolicy
  /// The policy lowered alone, which fixes the record layout.
  let program: Program
  /// The schema records must be read with.
  let schema: RecordSchema
  /// The options the policy was lowered with, which probes are lowered with too.
  let loweringOptions: LoweringOptions

  /// The directory model paths are relative to.
  var modelDirectory: String {
    guard let path else { return "." }
    return Driver.modelDirectory(ofPolicyAt: path)
  }

  /// The name diagnostics show for the policy.
  var name: String { path ?? "<policy>" }

  /// The stand-in used when no policy file is given: an input with no fields.
  static func standIn() -> Result<EvalPolicy, PolicyLoadFailure> {
    load(path: nil, bytes: Array("input record {}\n".utf8))
  }

  /// Checks and lowers a policy's bytes; the failure carries the findings to show.
  static func load(path: String?, bytes: [UInt8]) -> Result<EvalPolicy, PolicyLoadFailure> {
    load(path: path, compiled: Driver.compile(path: path ?? "<policy>", bytes: bytes))
  }

  /// A policy the driver compiled; the failure carries the findings to show.
  static func load(path: String?, compiled: Compilation) -> Result<EvalPolicy, PolicyLoadFailure> {
    let bytes = compiled.source.bytes
    let all = compiled.diagnostics.map { Finding(diagnostic: $0, file: compiled.source) }
    guard !compiled.hasFrontEndErrors, let checked = compiled.checked, let program = compiled.program else {
      return .failure(PolicyLoadFailure(findings: all, reason: nil))
    }
    guard let schema = compiled.schema else {
      let error = compiled.schemaError.map { "\($0)" } ?? "unknown"
      return .failure(
        PolicyLoadFailure(findings: all, reason: "the input schema cannot be read from records: \(error)"))
    }
    return .success(
      EvalPolicy(
        path: path, bytes: bytes,
        frontend: FrontendResult(
          source: compiled.source, ast: compiled.ast, checked: checked, diagnostics: compiled.diagnostics),
        checked: checked, program: program, schema: schema, loweringOptions: compiled.loweringOptions))
  }

  /// The warnings (and notes) found while loading, to show once.
  var findings: [Finding] {
    frontend.diagnostics.map { Finding(diagnostic: $0, file: frontend.source) }
  }
}

/// Why a policy could not be loaded: its error findings, or another reason.
struct PolicyLoadFailure: Error, Sendable {
  /// Every diagnostic found, errors and warnings.
  var findings: [Finding]
  /// A reason that is not a diagnostic, if any.
  var reason: String?
}
