/// The results as JUnit XML, the form CI systems read: `testsuites`, one `testsuite` per policy
/// file, one `testcase` per test, with `failure` (an expectation did not hold) or `error` (the
/// test could not run) elements carrying a message attribute and the details as text.
enum TestJUnit {
  /// The XML document for the outcomes of every file.
  static func document(_ files: [TestFileOutcome]) -> String {
    let all = files.flatMap(\.results)
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    let broken = files.filter(isBroken).count
    xml +=
      "<testsuites name=\"plum test\" tests=\"\(all.count + broken)\" failures=\"\(count(all, .failed))\""
    xml += " errors=\"\(count(all, .error) + broken)\">\n"
    for file in files {
      xml += suite(file)
    }
    xml += "</testsuites>\n"
    return xml
  }

  private static func count(_ results: [TestResult], _ status: TestResult.Status) -> Int {
    results.filter { $0.status == status }.count
  }

  private static func isBroken(_ file: TestFileOutcome) -> Bool {
    switch file {
    case .invalid, .unreadable: true
    case .tested, .noTests: false
    }
  }

  private static func suite(_ file: TestFileOutcome) -> String {
    let path = escape(file.path)
    switch file {
    case .tested(let policy):
      let results = policy.results
      var xml = "  <testsuite name=\"\(escape(policy.name))\" file=\"\(path)\" tests=\"\(results.count)\""
      xml += " failures=\"\(count(results, .failed))\" errors=\"\(count(results, .error))\" skipped=\"0\">\n"
      for result in results {
        let line = policy.source.line(of: result.nameRange.start)
        xml += "    <testcase name=\"\(escape(result.name))\" classname=\"\(escape(policy.name))\""
        xml += " file=\"\(path)\" line=\"\(line)\""
        guard result.status != .passed else {
          xml += "/>\n"
          continue
        }
        xml += ">\n"
        let element = result.status == .error ? "error" : "failure"
        let message = result.failures.first?.message ?? "test failed"
        let text = result.failures.flatMap {
          TestFailureText.lines($0, in: policy.source, error: result.status == .error)
        }.joined(separator: "\n")
        xml +=
          "      <\(element) message=\"\(escape(message))\""
          + " type=\"\(element == "error" ? "error" : "expectation")\">"
        xml += escape(text, inAttribute: false) + "</\(element)>\n"
        xml += "    </testcase>\n"
      }
      return xml + "  </testsuite>\n"
    case .noTests:
      return
        "  <testsuite name=\"\(path)\" file=\"\(path)\""
        + " tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"/>\n"
    case .invalid(_, let errors):
      return broken(path, message: "the policy has \(plural(errors, "error")); no test ran")
    case .unreadable(_, let message):
      return broken(path, message: message)
    }
  }

  /// A suite for a file whose tests could not run: one erroring test case, so CI notices.
  private static func broken(_ path: String, message: String) -> String {
    var xml =
      "  <testsuite name=\"\(path)\" file=\"\(path)\""
      + " tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
    xml += "    <testcase name=\"(policy)\" classname=\"\(path)\" file=\"\(path)\">\n"
    xml +=
      "      <error message=\"\(escape(message))\" type=\"error\">"
      + "\(escape(message, inAttribute: false))</error>\n"
    xml += "    </testcase>\n  </testsuite>\n"
    return xml
  }

  /// Text escaped for XML attributes (line breaks kept as character references) or content;
  /// characters XML 1.0 cannot hold become U+FFFD.
  static func escape(_ text: String, inAttribute: Bool = true) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += inAttribute ? "&#10;" : "\n"
      case "\t": out += inAttribute ? "&#9;" : "\t"
      case "\r": out += "&#13;"
      default:
        let value = scalar.value
        let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
