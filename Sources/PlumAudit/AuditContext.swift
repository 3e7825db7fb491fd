/// What an audit report says it is about: the policy, the files and the date, as plain text.
public struct AuditContext: Sendable, Hashable {
  /// The policy's name.
  public var policyName: String
  /// The policy's version, if it declares one.
  public var policyVersion: String?
  /// The policy file as given.
  public var policyFile: String
  /// The data file as given.
  public var dataFile: String
  /// The decision file as given, when the decisions were read rather than made.
  public var decisionsFile: String?
  /// The as-of date (`YYYY-MM-DD`) of the decisions, when known.
  public var asOf: String?

  /// Creates a context.
  public init(
    policyName: String, policyVersion: String?, policyFile: String, dataFile: String, decisionsFile: String?,
    asOf: String?
  ) {
    self.policyName = policyName
    self.policyVersion = policyVersion
    self.policyFile = policyFile
    self.dataFile = dataFile
    self.decisionsFile = decisionsFile
    self.asOf = asOf
  }

  /// `winback 2026.11`, or the name alone.
  var policyTitle: String {
    policyVersion.map { "\(policyName) \($0)" } ?? policyName
  }
}
