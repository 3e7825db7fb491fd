import PlumData
import PlumRuntime

/// One policy as loaded for serving: its programs, what identifies it, and its as-of rule.
///
/// A snapshot never changes once made; a reload makes new ones and swaps them in whole, so a
/// request that started on one snapshot finishes on it.
public final class PolicySnapshot: Sendable {
  /// The policy's name (`policy winback`), which requests select it by.
  public let name: String
  /// The policy's version string, if it declares one.
  public let version: String?
  /// A hash of the policy source and the model files it loaded (`sha256:…`).
  public let contentHash: String
  /// The path the policy was read from.
  public let path: String
  /// The program decisions are made with.
  public let program: Program
  /// The same policy lowered with explanation traces, for `/v1/explain`.
  public let explainProgram: Program
  /// The `date` input field whose value, when a record has it, is that record's as-of date.
  public let asOfField: String?
  /// `asOfField`'s index in the input schema.
  let asOfFieldIndex: Int?

  /// Creates a snapshot.
  /// - Throws: `PolicyLoadError` when `asOfField` is not a `date` field of the policy's input.
  public init(
    name: String, version: String?, contentHash: String, path: String, program: Program,
    explainProgram: Program,
    asOfField: String? = nil
  ) throws(PolicyLoadError) {
    self.name = name
    self.version = version
    self.contentHash = contentHash
    self.path = path
    self.program = program
    self.explainProgram = explainProgram
    self.asOfField = asOfField
    if let asOfField {
      guard let index = program.inputs.fields.firstIndex(where: { $0.path == asOfField }) else {
        throw PolicyLoadError(message: "\(path): the input has no field `\(asOfField)` for --as-of-field")
      }
      guard program.inputs.fields[index].type == .date else {
        throw PolicyLoadError(message: "\(path): the --as-of-field `\(asOfField)` is not a `date` field")
      }
      asOfFieldIndex = index
    } else {
      asOfFieldIndex = nil
    }
  }

  /// The reward names, in declaration order.
  public var rewardNames: [String] { program.rewards.map(\.name) }
}

/// Why policies could not be loaded: the diagnostics to log, and a one-line summary.
public struct PolicyLoadError: Error, Sendable, CustomStringConvertible {
  /// Rendered diagnostics, for the server log (may be empty).
  public var diagnostics: String
  /// One lowercase line.
  public var message: String

  /// Creates a load error.
  public init(message: String, diagnostics: String = "") {
    self.message = message
    self.diagnostics = diagnostics
  }

  public var description: String { message }
}

/// Reads, checks, lowers and loads the served policies and their models, all or nothing.
///
/// The command line provides it (it owns the front end); the server calls it at start and on
/// every reload, from whichever thread asked for the reload.
public protocol PolicyLoader: Sendable {
  /// Loads every served policy afresh from its files.
  func load() -> Result<[PolicySnapshot], PolicyLoadError>
}
