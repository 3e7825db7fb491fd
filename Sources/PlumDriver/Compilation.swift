import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumModels
import PlumRuntime
import PlumSyntax

/// How far to take a policy and with what.
public struct CompileOptions: Sendable {
  /// Whether the lints run (they run only on a policy without errors anyway).
  public var lints: Bool
  /// When to lower a clean policy and load its model files.
  public var lowering: Lowering
  /// When a clean policy is lowered.
  public enum Lowering: Sendable {
    /// Always: the policy is to be run.
    case always
    /// Only when it declares models, to find problems with their files (`plum check`).
    case whenModels
    /// Never: checking is all that is wanted.
    case never
  }
  /// Whether the program records explanation traces (`plum run --explain`).
  public var explain: Bool
  /// Models by their path as written, used instead of reading files (benchmarks and tests).
  public var runtimeModels: [String: RuntimeModel]

  /// Creates options; by default a policy is checked with lints, lowered and its models loaded.
  public init(
    lints: Bool = true, lowering: Lowering = .always, explain: Bool = false,
    runtimeModels: [String: RuntimeModel] = [:]
  ) {
    self.lints = lints
    self.lowering = lowering
    self.explain = explain
    self.runtimeModels = runtimeModels
  }
}

/// A policy taken through the pipeline: read, checked, analysed, lowered, its models loaded.
///
/// Every command gets its policy from `Driver.compile`, so the sequence (and the order its
/// diagnostics are shown in) is written once.
public struct Compilation: Sendable {
  /// The path as given.
  public let path: String
  /// The front end's result: source, syntax tree, checked policy and diagnostics.
  public let frontend: FrontendResult
  /// The problems found while lowering (model files, unsupported forms).
  public let loweringDiagnostics: [Diagnostic]
  /// The program, when the policy is clean and lowering succeeded.
  public let program: Program?
  /// The schema records are read with, when there is a program whose input records can carry.
  public let schema: RecordSchema?
  /// Why records cannot carry the input, when they cannot.
  public let schemaError: SchemaError?
  /// The directory model files and test fixtures are relative to (the policy file's).
  public let directory: String
  /// The options the program was lowered with, to lower it again with probes or traces.
  public let loweringOptions: LoweringOptions

  /// The source.
  public var source: SourceFile { frontend.source }
  /// The syntax tree.
  public var ast: PolicyFile { frontend.ast }
  /// The checked policy, when the checker could build one.
  public var checked: CheckedPolicy? { frontend.checked }
  /// The front end's diagnostics followed by lowering's.
  public var diagnostics: [Diagnostic] { frontend.diagnostics + loweringDiagnostics }
  /// Whether the front end found errors.
  public var hasFrontEndErrors: Bool { frontend.hasErrors }
  /// The number of errors among `diagnostics`.
  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

  /// The diagnostics rendered as `plum check` shows them.
  public func rendered(_ diagnostics: [Diagnostic], colored: Bool) -> String {
    DiagnosticRenderer(colored: colored).render(diagnostics, in: source, format: .text)
  }

  /// The path of a file named in the policy, relative to the policy's directory.
  public func resolve(_ relative: String) -> String {
    relative.hasPrefix("/") || directory == "." ? relative : directory + "/" + relative
  }
}

/// The pipeline as a library: one call from a policy's bytes to a program ready to run.
public enum Driver {
  /// Checks, analyses and (when clean and asked) lowers the policy read from `path`.
  public static func compile(path: String, bytes: [UInt8], options: CompileOptions = CompileOptions())
    -> Compilation
  {
    // Standard input is named as `plum fmt` names it.
    let frontend = Frontend.check(name: path == "-" ? "<stdin>" : path, bytes: bytes, lints: options.lints)
    let directory = modelDirectory(ofPolicyAt: path)
    let loweringOptions = LoweringOptions(
      explain: options.explain, modelDirectory: directory, runtimeModels: options.runtimeModels)
    let lowers: Bool
    switch options.lowering {
    case .always: lowers = true
    case .whenModels: lowers = !(frontend.checked?.models.isEmpty ?? true)
    case .never: lowers = false
    }
    guard lowers, !frontend.hasErrors, let checked = frontend.checked else {
      return Compilation(
        path: path, frontend: frontend, loweringDiagnostics: [], program: nil, schema: nil, schemaError: nil,
        directory: directory, loweringOptions: loweringOptions)
    }
    let lowered = Lowering.lower(checked, source: frontend.source, options: loweringOptions)
    var schema: RecordSchema?
    var schemaError: SchemaError?
    if let program = lowered.program {
      do {
        schema = try DecisionRunner.schema(for: program.inputs)
      } catch {
        schemaError = error
      }
    }
    return Compilation(
      path: path, frontend: frontend, loweringDiagnostics: lowered.diagnostics, program: lowered.program,
      schema: schema, schemaError: schemaError, directory: directory, loweringOptions: loweringOptions)
  }

  /// The directory a policy's relative paths start from: the policy file's, `.` (the working
  /// directory) for a bare name and for `-`, the policy read from standard input.
  ///
  /// Plain string work on `/`: Foundation's `deletingLastPathComponent` traps on `"-"` on Linux.
  public static func modelDirectory(ofPolicyAt path: String) -> String {
    if path == "-" { return "." }
    var name = Substring(path)
    while name.count > 1, name.hasSuffix("/") { name = name.dropLast() }
    guard let slash = name.lastIndex(of: "/") else { return "." }
    var directory = name[..<slash]
    while directory.count > 1, directory.hasSuffix("/") { directory = directory.dropLast() }
    return directory.isEmpty ? "/" : String(directory)
  }
}
