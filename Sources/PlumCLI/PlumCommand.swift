import Foundation
import PlumDiagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `plum` command line: parses arguments and hands off to one command.
public enum PlumCommand {
  /// The version printed by `plum --version`.
  public static let version = "0.1.0"

  static var commands: [any Command.Type] {
    [
      CheckCommand.self, CompileCommand.self, FmtCommand.self, RunCommand.self, TestCommand.self,
      ExplainCommand.self, EvalCommand.self, ReplCommand.self, TrainCommand.self, ModelCommand.self,
      AuditCommand.self,
    ]
  }

  /// Runs the command line with the process arguments and exits with its status.
  public static func main() -> Never {
    let status = run(Array(CommandLine.arguments.dropFirst()), io: ProcessIO())
    exit(status.rawValue)
  }

  /// The stack of the thread a command runs on. The passes after parsing recurse once per level of
  /// an expression tree, and a chain of `Parser.maxHeight` operands needs about 16 MiB of it in an
  /// unoptimized build, so commands never depend on the caller's stack (a secondary thread may have
  /// only 512 KiB). The memory is reserved, not committed, until a deep policy touches it.
  static let stackSize = 64 << 20

  /// Runs `plum` with arguments (without the program name) and returns the exit status.
  ///
  /// The command runs on a thread of its own with a `stackSize` stack; this call waits for it.
  public static func run(_ arguments: [String], io: CommandIO) -> ExitStatus {
    let outcome = Outcome(arguments: arguments, io: io)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      outcome.status = runHere(outcome.arguments, io: outcome.io)
      done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    return outcome.status
  }

  /// A command's inputs and exit status, handed to and from the thread it runs on; only one thread
  /// uses it at a time (the caller waits).
  private final class Outcome: @unchecked Sendable {
    let arguments: [String]
    let io: CommandIO
    var status = ExitStatus.usage

    init(arguments: [String], io: CommandIO) {
      self.arguments = arguments
      self.io = io
    }
  }

  /// Runs `plum` on the current thread.
  static func runHere(_ arguments: [String], io: CommandIO) -> ExitStatus {
    guard let first = arguments.first else {
      io.writeErr(overview)
      return .usage
    }
    switch first {
    case "--help", "-h", "help":
      if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
        io.writeOut(
          command.fullArguments.help(
            command: command.name, abstract: command.abstract, discussion: command.discussion))
      } else {
        io.writeOut(overview)
      }
      return .success
    case "--version":
      if arguments.count > 1 {
        io.writeErr(
          "error: unexpected argument '\(arguments[1])' after '--version'\n"
            + "Usage: plum --version\nSee 'plum --help'.\n")
        return .usage
      }
      io.writeOut("plum \(version)\n")
      return .success
    default:
      break
    }
    guard let command = command(named: first) else {
      var message = "error: unknown command '\(first)'\n"
      if let suggestion = closest(first, among: commands.map { $0.name }) {
        message += "help: did you mean '\(suggestion)'?\n"
      }
      io.writeErr(message + "Usage: plum <command> [options]\nSee 'plum --help'.\n")
      return .usage
    }
    let spec = command.fullArguments
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      io.writeOut(
        spec.help(command: command.name, abstract: command.abstract, discussion: command.discussion))
      return .success
    }
    do {
      let parsed = try spec.parse(rest)
      return try command.run(parsed, io: io)
    } catch {
      io.writeErr(
        "error: \(error.message)\nUsage: \(spec.usage(command: command.name))\n  See 'plum \(command.name) --help'.\n"
      )
      return .usage
    }
  }

  static func command(named name: String) -> (any Command.Type)? {
    commands.first { $0.name == name }
  }

  static var overview: String {
    var text = "OVERVIEW: Plum — reward policies that explain every decision.\n\n"
    text += "USAGE: plum <command> [options]\n\nCOMMANDS:\n"
    for command in commands {
      let name = command.name
      text += "  " + name + String(repeating: " ", count: max(1, 12 - name.count)) + command.abstract + "\n"
    }
    text += "\nOPTIONS:\n  --version   Show the version.\n  -h, --help  Show help information.\n"
    text += "\n  See 'plum <command> --help' for a command's options.\n"
    return text
  }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
func closest(_ name: String, among candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= max(1, $0.0.count / 3) }
  return scored.min { $0.1 < $1.1 }?.0
}
