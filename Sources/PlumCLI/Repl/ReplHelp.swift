/// The REPL's meta-commands, as `:help` lists them.
enum ReplHelp {
  /// Each meta-command with its arguments and a one-line description.
  static let commands: [(name: String, arguments: String, summary: String)] = [
    ("help", "", "show this list"),
    ("quit", "", "leave the session (also Ctrl-D)"),
    ("load", "FILE", "load a policy, replacing the current one"),
    ("reload", "", "load the current policy file again"),
    ("type", "EXPR", "show an expression's type without evaluating it"),
    ("record", "[N | {json}]", "pick record N of --data, or a JSON record; alone: show the current one"),
    ("why", "REWARD", "each condition of a reward on the current record, and the first that failed"),
    ("decide", "", "the decision for the current record, as `plum run` prints it"),
    ("ast", "EXPR", "the syntax tree of an expression"),
    ("ir", "EXPR", "the register-machine code of an expression"),
  ]

  /// The text `:help` prints.
  static var text: String {
    var out = "Type an expression to evaluate it on the current record; `value : type` is printed.\n"
    out += "Input continues on `...>` lines while a bracket is open. Commands:\n"
    for command in commands {
      let head = ":\(command.name)" + (command.arguments.isEmpty ? "" : " \(command.arguments)")
      out += "  " + head + String(repeating: " ", count: max(1, 20 - head.count)) + command.summary + "\n"
    }
    return out
  }
}
