import PlumChecker
import PlumDiagnostics
import PlumSyntax

extension ReplSession {
  /// Whether an entry may be written to the history file, which outlives the session.
  ///
  /// Personal data must never reach it, so an entry is kept only in memory when it could hold
  /// some: a `:record {…}` line (a whole record, pii fields included); a line holding the text of a
  /// `pii` field of the current record; and an expression that reads personal data and holds a
  /// literal, which may be that data's value (`member.email == "ana@example.org"`). The last test
  /// is by the tokens, so it also covers lines that do not compile.
  func mayKeepInHistory(_ entry: String) -> Bool {
    let text = entry.trimmingWhitespace()
    if text.hasPrefix(":") {
      let name = text.dropFirst().prefix { !$0.isWhitespace }
      let argument = String(text.dropFirst(1 + name.count)).trimmingWhitespace()
      if ["record", "r"].contains(name), Int(argument) == nil, !argument.isEmpty { return false }
    }
    if personalValues.contains(where: { text.contains($0) }) { return false }
    let tokens = Lexer.tokenize(SourceFile(name: "<history>", text: text)).tokens
    let readsPersonalData = tokens.contains { token in
      if case .identifier(let name) = token.kind { return personalNames.contains(name) }
      return false
    }
    return !readsPersonalData || !tokens.contains(where: \.isValueLiteral)
  }

  /// The text of each `pii` field of the current record, when long enough to tell apart.
  private var personalValues: [String] {
    guard let record else { return [] }
    let fields = policy.program.inputs.fields
    return fields.indices.compactMap { index in
      guard fields[index].isPII, index < policy.schema.fields.count,
        let value = record.text(ofField: index, in: policy.schema), value.count >= 3
      else { return nil }
      return value
    }
  }

  /// The names through which an expression reads personal data: the last component of each `pii`
  /// field's path, and every let, rule and model that carries it.
  private var personalNames: Set<String> {
    let checked = policy.checked
    var names = Set(
      checked.input.fields.filter(\.attributes.isPII).compactMap { $0.path.split(separator: ".").last }
        .map(String.init))
    let flow = PersonalDataFlow(policy: checked)
    for index in checked.lets.indices where flow.carriesPersonalData(.let(index)) {
      names.insert(checked.lets[index].name.name)
    }
    for index in checked.rules.indices where flow.carriesPersonalData(.rule(index)) {
      names.insert(checked.rules[index].name.name)
    }
    for index in checked.models.indices where flow.carriesPersonalData(.model(index)) {
      names.insert(checked.models[index].name.name)
    }
    return names
  }
}

extension Token {
  /// Whether the token is a literal that could be a field's value: text, a number, money, a
  /// duration or a date (not `true` or `false`, which are keywords).
  fileprivate var isValueLiteral: Bool {
    switch kind {
    case .int, .float, .percent, .money, .duration, .date, .string: true
    default: false
    }
  }
}
