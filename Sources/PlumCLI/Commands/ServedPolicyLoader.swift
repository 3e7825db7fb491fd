import PlumChecker
import PlumDiagnostics
import PlumDriver
import PlumModels
import PlumRuntime
import PlumServer

/// Loads the policies `plum serve` serves, with the same front end and lowering as `plum run`:
/// a policy with errors, or a model file that does not load, refuses the whole load.
struct ServedPolicyLoader: PolicyLoader {
  /// The policy files, as given.
  var paths: [String]
  /// The `date` field whose value is a record's as-of date, if any.
  var asOfField: String?

  func load() -> Result<[PolicySnapshot], PolicyLoadError> {
    var snapshots: [PolicySnapshot] = []
    for path in paths {
      switch loadOne(path) {
      case .success(let snapshot): snapshots.append(snapshot)
      case .failure(let error): return .failure(error)
      }
    }
    return .success(snapshots)
  }

  private func loadOne(_ path: String) -> Result<PolicySnapshot, PolicyLoadError> {
    let io = ProcessIO()
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      return .failure(PolicyLoadError(message: error.description))
    }
    var programs: [Program] = []
    var checked: CheckedPolicy?
    var compilation: Compilation?
    for explain in [false, true] {
      let compiled = Driver.compile(path: path, bytes: bytes, options: CompileOptions(explain: explain))
      guard let program = compiled.program else {
        let errors = compiled.diagnostics.filter { $0.severity == .error }
        return .failure(
          PolicyLoadError(
            message: "\(path) has \(plural(errors.count, "error"))",
            diagnostics: compiled.rendered(compiled.diagnostics, colored: false)))
      }
      programs.append(program)
      checked = compiled.checked
      compilation = compiled
    }
    // The hash covers what decides: the policy's bytes and each model file it loaded.
    var hash = SHA256()
    hash.update(bytes)
    for model in programs[0].models {
      hash.update(model.source)
      if let modelBytes = try? io.readFile(compilation?.resolve(model.source) ?? model.source) {
        hash.update(modelBytes)
      }
    }
    do {
      let snapshot = try PolicySnapshot(
        name: programs[0].name, version: checked?.version,
        contentHash: "sha256:" + SHA256.hex(hash.finalize()),
        path: path, program: programs[0], explainProgram: programs[1], asOfField: asOfField)
      _ = try DecisionRunner(program: programs[0], asOf: 0)
      return .success(snapshot)
    } catch let error as PolicyLoadError {
      return .failure(error)
    } catch {
      return .failure(
        PolicyLoadError(message: "\(path): the input schema cannot be read from records: \(error)"))
    }
  }
}
