/// Renders diagnostics as GitHub Actions workflow commands, which annotate the changed lines:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=P0401::message`.
public enum GitHubAnnotations {
  /// The command name for a severity.
  static func command(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
  }

  /// Renders one diagnostic as one workflow command line, ending with a newline.
  public static func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
    let start = file.location(of: diagnostic.range.start)
    let end = file.location(of: diagnostic.range.end)
    let properties = [
      "file=" + escapeProperty(file.name), "line=\(start.line)", "col=\(start.column)", "endLine=\(end.line)",
      "endColumn=\(end.column)", "title=" + escapeProperty(diagnostic.code.id),
    ]
    var message = diagnostic.message
    for label in diagnostic.labels {
      let location = file.location(of: label.range.start)
      message += "\n\(location.line):\(location.column): \(label.message)"
    }
    for note in diagnostic.notes { message += "\nnote: \(note)" }
    for fix in diagnostic.fixIts { message += "\nfix: \(fix.message)" }
    return "::\(command(diagnostic.severity)) \(properties.joined(separator: ","))::\(escapeData(message))\n"
  }

  /// Escapes a command's message: `%`, CR and LF become `%25`, `%0D` and `%0A`.
  public static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Escapes a property value: as a message, and also `:` and `,` as `%3A` and `%2C`.
  public static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
