import Synchronization

/// The policies being served, swapped whole on reload.
///
/// Workers read the generation (an atomic load) before each request and fetch the snapshots
/// only when it changed, so serving takes no lock. Reloads are serialized.
public final class PolicyStore: Sendable {
  private let loader: any PolicyLoader
  private let current: Mutex<[PolicySnapshot]>
  private let counter = Atomic(1)
  private let reloading = Mutex(())

  /// Loads the policies for the first time.
  /// - Throws: `PolicyLoadError` when they cannot be loaded.
  public init(loader: any PolicyLoader) throws(PolicyLoadError) {
    self.loader = loader
    switch loader.load() {
    case .success(let snapshots):
      try Self.checkNames(snapshots)
      current = Mutex(snapshots)
    case .failure(let error): throw error
    }
  }

  /// Bumped by every applied reload.
  public var generation: Int { counter.load(ordering: .acquiring) }

  /// The snapshots now served, with their generation.
  public func snapshots() -> (generation: Int, policies: [PolicySnapshot]) {
    current.withLock { (counter.load(ordering: .acquiring), $0) }
  }

  /// Re-reads every policy and model; on success the new snapshots replace the old ones at once,
  /// on failure the old ones keep serving and the error says why.
  public func reload() -> Result<Int, PolicyLoadError> {
    reloading.withLock { _ in
      switch loader.load() {
      case .failure(let error): return .failure(error)
      case .success(let snapshots):
        do throws(PolicyLoadError) {
          try Self.checkNames(snapshots)
        } catch {
          return .failure(error)
        }
        return .success(
          current.withLock { policies in
            policies = snapshots
            return counter.add(1, ordering: .releasing).newValue
          })
      }
    }
  }

  private static func checkNames(_ snapshots: [PolicySnapshot]) throws(PolicyLoadError) {
    var seen: Set<String> = []
    for snapshot in snapshots where !seen.insert(snapshot.name).inserted {
      throw PolicyLoadError(message: "two served policies are named `\(snapshot.name)`")
    }
  }
}
