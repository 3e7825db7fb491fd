/// The declared arguments of one command: flags, options with values, and positionals.
///
/// Parsing behaves like swift-argument-parser: `--name value` and `--name=value`, `--` ends options,
/// a lone `-` is a positional (standard input), unknown options and missing values are usage errors.
struct ArgumentSpec: Sendable {
  /// A boolean flag such as `--explain`.
  struct Flag: Sendable {
    var name: String
    var short: Character? = nil
    var help: String
  }

  /// An option that takes a value, such as `--format text`.
  struct Option: Sendable {
    var name: String
    var valueName: String
    var help: String
    /// The accepted values, if restricted.
    var choices: [String]? = nil
    /// Whether the option may be given more than once.
    var repeating: Bool = false
    /// Whether the command needs the option; the usage line then shows it without brackets.
    var required: Bool = false
  }

  /// A positional argument such as `FILE…`.
  struct Positional: Sendable {
    var name: String
    var help: String
    var optional: Bool = false
    var repeating: Bool = false
  }

  var flags: [Flag] = []
  var options: [Option] = []
  var positionals: [Positional] = []

  /// The one-line usage, such as `plum check [--format <format>] <file>...`.
  func usage(command: String) -> String {
    var parts = ["plum", command].filter { !$0.isEmpty }
    for option in options {
      let written = "\(option.name) <\(option.valueName)>"
      parts.append((option.required ? written : "[\(written)]") + (option.repeating ? "..." : ""))
    }
    for flag in flags where flag.name != "--help" {
      parts.append("[\(flag.name)]")
    }
    for positional in positionals {
      var text = "<\(positional.name)>" + (positional.repeating ? "..." : "")
      if positional.optional { text = "[\(text)]" }
      parts.append(text)
    }
    return parts.joined(separator: " ")
  }
}

/// The result of parsing a command line against an `ArgumentSpec`.
struct ParsedArguments: Sendable {
  var flags: Set<String> = []
  var options: [String: [String]] = [:]
  var positionals: [String] = []

  /// Whether a flag was given.
  func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The last value of an option, if given.
  func value(_ option: String) -> String? { options[option]?.last }

  /// Every value of a repeatable option.
  func values(_ option: String) -> [String] { options[option] ?? [] }
}

/// A command-line mistake: shown with the usage line, exit status 2.
struct UsageError: Error, Sendable, Equatable {
  var message: String
}

extension ArgumentSpec {
  /// Parses arguments (without the command name).
  func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    var result = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
        result.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      if let flag = flags.first(where: { $0.name == name || ($0.short.map { "-\($0)" } == name) }) {
        if inlineValue != nil { throw UsageError(message: "flag '\(flag.name)' does not take a value") }
        result.flags.insert(flag.name)
        continue
      }
      guard let option = options.first(where: { $0.name == name }) else {
        throw UsageError(message: "unknown option '\(name)'")
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count, Self.canBeValue(arguments[index]) {
        value = arguments[index]
        index += 1
      } else {
        throw UsageError(message: "missing value for '\(option.name) <\(option.valueName)>'")
      }
      if let choices = option.choices, !choices.contains(value) {
        throw UsageError(
          message: "the value '\(value)' is invalid for '\(option.name) <\(option.valueName)>'; "
            + "expected one of: \(choices.joined(separator: ", "))")
      }
      if !option.repeating, result.options[option.name] != nil {
        throw UsageError(message: "option '\(option.name)' given more than once")
      }
      result.options[option.name, default: []].append(value)
    }
    let required = positionals.filter { !$0.optional }
    if result.positionals.count < required.count {
      let missing = required[result.positionals.count]
      throw UsageError(message: "missing expected argument '<\(missing.name)>'")
    }
    if !positionals.contains(where: \.repeating), result.positionals.count > positionals.count {
      throw UsageError(message: "unexpected argument '\(result.positionals[positionals.count])'")
    }
    return result
  }

  /// Whether an argument after an option can be its value: anything but an option name, so a lone `-`
  /// (standard input) and a negative number such as `-1` or `-0.5` are values.
  static func canBeValue(_ argument: String) -> Bool {
    guard argument.hasPrefix("-") else { return true }
    let rest = argument.dropFirst()
    return rest.isEmpty || rest.first?.isASCII == true && rest.first?.isNumber == true
      || rest.hasPrefix(".") && rest.dropFirst().first?.isNumber == true
  }

  /// The full `--help` text of a command.
  func help(command: String, abstract: String, discussion: String? = nil) -> String {
    var text = "OVERVIEW: \(abstract)\n"
    if let discussion { text += "\n\(discussion)\n" }
    text += "\nUSAGE: \(usage(command: command))\n"
    if !positionals.isEmpty {
      text += "\nARGUMENTS:\n"
      for positional in positionals {
        text += row("<\(positional.name)>" + (positional.repeating ? "..." : ""), positional.help)
      }
    }
    text += "\nOPTIONS:\n"
    for option in options {
      var help = option.help
      if let choices = option.choices { help += " (values: \(choices.joined(separator: ", ")))" }
      text += row("\(option.name) <\(option.valueName)>", help)
    }
    for flag in flags {
      let names = (flag.short.map { "-\($0), " } ?? "") + flag.name
      text += row(names, flag.help)
    }
    return text
  }

  private func row(_ left: String, _ right: String) -> String {
    let padded =
      left.count < 24
      ? left + String(repeating: " ", count: 24 - left.count)
      : left + "\n" + String(repeating: " ", count: 26)
    return "  " + padded + right + "\n"
  }
}
