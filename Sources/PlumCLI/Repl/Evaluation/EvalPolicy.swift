import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
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

  /// The directory model paths are relative to.
  var modelDirectory: String {
    guard let path else { return "." }
    let directory = (path as NSString).deletingLastPathComponent
    return directory.isEmpty ? "." : directory
  }

  /// The name diagnostics show for the policy.
  var name: String { path ?? "<policy>" }

  /// The stand-in used when no policy file is given: an input with no fields.
  static func standIn() -> Result<EvalPolicy, PolicyLoadFailure> {
    load(path: nil, bytes: Array("input record {}\n".utf8))
  }

  /// Checks and lowers a policy's bytes; the failure carries the findings to show.
  static func load(path: String?, bytes: [UInt8]) -> Result<EvalPolicy, PolicyLoadFailure> {
    let frontend = Frontend.check(name: path ?? "<policy>", bytes: bytes)
    let findings = frontend.diagnostics.map { Finding(diagnostic: $0, file: frontend.source) }
    guard !frontend.hasErrors, let checked = frontend.checked else {
      return .failure(PolicyLoadFailure(findings: findings, reason: nil))
    }
    let directory = path.map { ($0 as NSString).deletingLastPathComponent } ?? "."
    let lowered = Lowering.lower(
      checked, source: frontend.source,
      options: LoweringOptions(modelDirectory: directory.isEmpty ? "." : directory))
    let all = findings + lowered.diagnostics.map { Finding(diagnostic: $0, file: frontend.source) }
    guard let program = lowered.program else {
      return .failure(PolicyLoadFailure(findings: all, reason: nil))
    }
    let schema: RecordSchema
    do {
      schema = try DecisionRunner.schema(for: program.inputs)
    } catch {
      return .failure(
        PolicyLoadFailure(findings: all, reason: "the input schema cannot be read from records: \(error)"))
    }
    return .success(
      EvalPolicy(
        path: path, bytes: bytes,
        frontend: FrontendResult(
          source: frontend.source, ast: frontend.ast, checked: checked, diagnostics: all.map(\.diagnostic)),
        checked: checked, program: program, schema: schema))
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
