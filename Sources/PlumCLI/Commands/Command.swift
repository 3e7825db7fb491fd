/// Exit statuses shared by every command.
public enum ExitStatus: Int32, Sendable {
  /// Everything succeeded and nothing was found.
  case success = 0
  /// Findings (errors in a policy, failed records or tests).
  case findings = 1
  /// A usage or I/O error.
  case usage = 2
}

/// One `plum` subcommand: its arguments, help text and behaviour.
protocol Command {
  /// The name typed after `plum`.
  static var name: String { get }
  /// One line for `plum --help`.
  static var abstract: String { get }
  /// Longer help shown by `plum NAME --help`, if any.
  static var discussion: String? { get }
  /// The command's arguments (without `--help`, which every command gets).
  static var arguments: ArgumentSpec { get }
  /// Runs with parsed arguments.
  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus
}

extension Command {
  static var discussion: String? { nil }

  /// The spec with the `--help` flag every command accepts.
  static var fullArguments: ArgumentSpec {
    var spec = arguments
    spec.flags.append(.init(name: "--help", short: "h", help: "Show help information."))
    return spec
  }
}
