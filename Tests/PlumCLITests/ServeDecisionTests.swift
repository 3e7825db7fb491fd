import Foundation
import PlumData
import PlumRuntime
import PlumServer
import Testing

@testable import PlumCLI

/// Every example with data: the policy and its record files.
private let examples: [(policy: String, data: [String])] = [
  (
    "examples/winback/winback.plum",
    ["examples/winback/data/participants.jsonl", "examples/winback/data/participants.csv"]
  ),
  ("examples/recognition/recognition.plum", ["examples/recognition/data/employees.jsonl"]),
  ("examples/fraud/fraud.plum", ["examples/fraud/data/claims.csv"]),
  ("examples/tutorial/coffee.plum", ["examples/tutorial/visits.csv"]),
]

/// Decisions over HTTP against `plum run` on the same records, on real loopback sockets.
@Suite(.serialized) struct ServeDecisionTests {
  @Test(arguments: examples)
  func decidesTheExamplesByteForByteAsPlumRun(policy: String, data: [String]) throws {
    let server = try ServeFixture(paths: [repositoryPath(policy)])
    defer { server.stop() }
    for file in data {
      let body = try [UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryPath(file))))
      let csv = file.hasSuffix(".csv")
      for explain in [false, true] {
        let response = try server.request(
          "POST", (explain ? "/v1/explain" : "/v1/decide") + "?as_of=2026-11-23", body: body,
          headers: csv ? ["Content-Type: text/csv"] : [])
        #expect(response.status == 200)
        #expect(response.header("Plum-As-Of") == "2026-11-23")
        #expect(response.header("Plum-As-Of-Source") == "request")
        let expected = plumRunOutput(
          repositoryPath(policy), repositoryPath(file), asOf: "2026-11-23", explain: explain)
        #expect(!expected.isEmpty)
        #expect(response.text == expected, "\(file) explain: \(explain)")
      }
    }
  }

  /// `/v1/explain` and `plum explain` tell the same story for a record: the same rewards eligible
  /// and given, and the same top-level conditions with the same values (true, false or not
  /// evaluated, in the same order), for every example with records.
  @Test(arguments: examples)
  func explainsAsPlumExplainDoes(policy: String, data: [String]) throws {
    let server = try ServeFixture(paths: [repositoryPath(policy)])
    defer { server.stop() }
    let file = data[0]
    let body = try [UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryPath(file))))
    let response = try server.request(
      "POST", "/v1/explain?as_of=2026-11-23", body: body,
      headers: file.hasSuffix(".csv") ? ["Content-Type: text/csv"] : [])
    #expect(response.status == 200)
    let lines = response.text.split(separator: "\n")
    var compared = 0
    var givenCompared = 0
    for (index, line) in lines.enumerated() {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      guard let object, let explanation = object["explain"] as? [String: Any],
        let rewards = explanation["rewards"] as? [[String: Any]]
      else { continue }
      // `plum explain` reads the file up to the record each time, so a sample: the first five
      // records given a reward and every 40th.
      let given = rewards.contains { $0["given"] as? Bool == true }
      guard (given && givenCompared < 5) || index % 40 == 0 else { continue }
      if given { givenCompared += 1 }
      let io = CapturedIO()
      let status = PlumCommand.run(
        [
          "explain", repositoryPath(policy), repositoryPath(file), "--row", "\(index + 1)", "--as-of",
          "2026-11-23",
        ],
        io: io)
      #expect(status == .success, "\(io.err)")
      let text = explainedRewards(io.out)
      let served = rewards.map { reward in
        ExplainedReward(
          name: reward["name"] as? String ?? "?",
          state: reward["given"] as? Bool == true
            ? "given" : reward["eligible"] as? Bool == true ? "eligible" : "not eligible",
          conditions: (reward["conditions"] as? [[String: Any]] ?? []).map { condition in
            let value = condition["value"]
            let shown = (value as? Bool).map { $0 ? "true" : "false" } ?? (value as? String ?? "?")
            return "\(condition["condition"] as? String ?? "?") = \(shown)"
          })
      }
      #expect(served == text, "\(file) record \(index + 1)")
      #expect(text.contains { !$0.conditions.isEmpty }, "\(io.out)")
      compared += 1
    }
    #expect(compared >= 2)
  }

  @Test func answersOneRecordAndAnArrayWithTheSameObjects() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let lines = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8
    )
    .split(separator: "\n").prefix(5).map(String.init)
    let expected = try server.post("/v1/decide?as_of=2026-11-23", lines.joined(separator: "\n")).text
      .split(separator: "\n").map(String.init)
    #expect(expected.count == 5)
    // One record, as a pretty-printed object: its decision is record 1.
    let single = try server.post(
      "/v1/decide", lines[1].replacingOccurrences(of: ",", with: ",\n  "), headers: ["Plum-As-Of: 2026-11-23"]
    )
    #expect(single.status == 200)
    #expect(single.header("Content-Type") == "application/json")
    #expect(single.text == expected[1].replacingOccurrences(of: "\"record\":2", with: "\"record\":1") + "\n")
    let batch = try server.post("/v1/decide?as_of=2026-11-23", "[" + lines.joined(separator: ",\n") + "]")
    #expect(batch.status == 200)
    #expect(batch.text == "[" + expected.joined(separator: ",") + "]\n")
  }

  @Test func theServingGuideShowsWhatTheServerAnswers() throws {
    let guide = try String(contentsOfFile: repositoryPath("docs/serving.md"), encoding: .utf8)
    let lines = guide.split(separator: "\n", omittingEmptySubsequences: false)
    let curl = try #require(lines.firstIndex { $0.hasPrefix("$ curl -s --data-binary @examples/winback") })
    #expect(lines[curl].hasSuffix("| sed -n 3,4p"))
    let shown = lines[(curl + 1)...(curl + 2)].joined(separator: "\n")
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let body = try [UInt8](
      Data(contentsOf: URL(fileURLWithPath: repositoryPath("examples/winback/data/participants.jsonl"))))
    let served = try server.request("POST", "/v1/decide?as_of=2026-11-23", body: body).text.split(
      separator: "\n")
    #expect(served[2...3].joined(separator: "\n") == shown)
  }

  @Test func refusesARepeatedKeyWithinABatchAsPlumRunDoes() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let lines = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8
    )
    .split(separator: "\n").prefix(3).map(String.init)
    let body = (lines + [lines[1]]).joined(separator: "\n") + "\n"
    let directory = try temporaryPolicyDirectory()
    try body.write(toFile: directory + "/repeated.jsonl", atomically: true, encoding: .utf8)
    let expected = plumRunOutput(
      repositoryPath("examples/winback/winback.plum"), directory + "/repeated.jsonl", asOf: "2026-11-23")
    #expect(expected.contains("P0608"))
    #expect(try server.post("/v1/decide?as_of=2026-11-23", body).text == expected)
    // Across requests a key may come again: each request is a batch of its own.
    #expect(try server.post("/v1/decide?as_of=2026-11-23", lines[1]).status == 200)
  }

  @Test func saysWhichDateItDecidedAsOf() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let record = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8
    )
    .split(separator: "\n")[1]
    let today = try server.post("/v1/decide", String(record))
    #expect(today.status == 200)
    #expect(today.header("Plum-As-Of-Source") == "today")
    let days = Int(Date().timeIntervalSince1970 / 86_400)
    #expect(today.header("Plum-As-Of") == CivilDate.format(Int64(days)))
    let bad = try server.post("/v1/decide?as_of=2026-13-01", String(record))
    #expect(bad.status == 400)
    #expect(bad.text.contains("YYYY-MM-DD"))
  }

  @Test func takesARecordsDateFromTheAsOfField() throws {
    let directory = try temporaryPolicyDirectory()
    let policy = directory + "/dated.plum"
    try """
    policy dated
    input event { id: string key, at: date?, joined: date }
    rule recent = days_since(event.joined) < 30
    reward welcome {
      when recent
      give points(10)
    }

    """.write(toFile: policy, atomically: true, encoding: .utf8)
    let server = try ServeFixture(paths: [policy], asOfField: "at")
    defer { server.stop() }
    let body = """
      {"id":"a","at":"2026-01-10","joined":"2026-01-01"}
      {"id":"b","at":"2026-06-10","joined":"2026-01-01"}
      {"id":"c","joined":"2026-01-01"}
      """
    let response = try server.post("/v1/decide?as_of=2026-01-02", body)
    #expect(response.header("Plum-As-Of-Field") == "at")
    let given = response.text.split(separator: "\n").map { $0.contains("welcome") }
    #expect(given == [true, false, true])
    #expect(throws: PolicyLoadError.self) { try ServeFixture(paths: [policy], asOfField: "id") }
  }

  @Test func describesThePolicyAndItsHealth() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let policy = try server.request("GET", "/v1/policy")
    #expect(policy.status == 200)
    let object = try JSONSerialization.jsonObject(with: Data(policy.body)) as? [String: Any]
    let first = (object?["policies"] as? [[String: Any]])?.first
    #expect(first?["name"] as? String == "winback")
    #expect(first?["version"] as? String == "2026.11")
    #expect((first?["hash"] as? String)?.hasPrefix("sha256:") == true)
    #expect(
      try server.request("GET", "/healthz").text == "{\"status\":\"ok\",\"policies\":1,\"generation\":1}\n")
    let head = try server.request("HEAD", "/healthz")
    #expect(head.status == 200 && head.body.isEmpty)
  }

  @Test func servesSeveralPoliciesByName() throws {
    let server = try ServeFixture(paths: [
      repositoryPath("examples/winback/winback.plum"),
      repositoryPath("examples/recognition/recognition.plum"),
    ])
    defer { server.stop() }
    let record = try String(
      contentsOfFile: repositoryPath("examples/recognition/data/employees.jsonl"), encoding: .utf8
    )
    .split(separator: "\n")[0]
    #expect(try server.post("/v1/decide", String(record)).status == 400)
    let named = try server.post("/v1/decide?policy=recognition&as_of=2026-11-23", String(record))
    #expect(named.status == 200)
    #expect(named.header("Plum-Policy") == "recognition")
    #expect(try server.post("/v1/decide?policy=nothing", String(record)).status == 404)
  }

  @Test func countsRequestsDecisionsErrorsAndRewards() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let body = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8)
    _ = try server.post("/v1/decide?as_of=2026-11-23", body)
    // A record whose email (a pii field) is the wrong type, and one that is not JSON.
    _ = try server.post("/v1/decide", #"{"id":"z1","email":"secret.person@example.org","age":"x"}"#)
    _ = try server.post("/v1/decide", #"{"id":"z2","email":"secret.person@example.org""#)
    let metrics = try server.request("GET", "/metrics")
    #expect(metrics.status == 200)
    #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4")
    let text = metrics.text
    let expected = plumRunOutput(
      repositoryPath("examples/winback/winback.plum"),
      repositoryPath("examples/winback/data/participants.jsonl"),
      asOf: "2026-11-23")
    let records = expected.split(separator: "\n").count
    let welcome = expected.split(separator: "\n").filter { $0.contains("\"welcome_back\"") }.count
    #expect(text.contains("plum_http_requests_total{endpoint=\"/v1/decide\",status=\"200\"} 1\n"))
    #expect(text.contains("plum_http_requests_total{endpoint=\"/v1/decide\",status=\"400\"} 2\n"))
    #expect(text.contains("plum_records_total{policy=\"winback\"} \(records + 2)\n"))
    #expect(text.contains("plum_decisions_total{policy=\"winback\"} \(records)\n"))
    #expect(text.contains("plum_record_errors_total{policy=\"winback\",code=\"P0601\"} 1\n"))
    #expect(text.contains("plum_rewards_total{policy=\"winback\",reward=\"welcome_back\"} \(welcome)\n"))
    #expect(text.contains("plum_http_request_duration_seconds_count 3\n"))
    #expect(text.contains("plum_record_errors_total{policy=\"winback\",code=\"P0603\"} 1\n"))
    #expect(!text.contains("secret.person"))
  }

  /// Metric labels come from fixed sets (endpoints, statuses, error codes) and from the policy's own
  /// names, never from a request: a pii value sent in the path, the query, a header or a record
  /// (read errors, evaluation, a repeated key) is in no label, and no label is one nobody declared.
  @Test func metricLabelsHoldNoRequestData() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let secret = "secret.person@example.org"
    let member =
      #"{"id":"\#(secret)","age":35,"country":"DE","tier":"gold","orders_90d":29,"spend_90d":3438.99,"#
      + #""last_order":"2026-09-20","gender":"female","email":"\#(secret)","#
      + #""consent":{"marketing":true,"profiling":true}}"#
    _ = try server.post("/v1/decide?as_of=2026-11-23", member + "\n" + member + "\n")
    _ = try server.post("/v1/explain?as_of=2026-11-23", member)
    _ = try server.post("/v1/decide", #"{"id":"p1","email":"\#(secret)","age":"\#(secret)"}"#)
    _ = try server.post("/v1/decide", #"{"id":"p2","email":"\#(secret)"#)
    _ = try server.post("/v1/decide?as_of=\(secret)", member)
    _ = try server.post("/v1/decide?policy=\(secret)", member)
    _ = try server.post("/v1/decide", member, headers: ["Plum-As-Of: \(secret)", "X-Email: \(secret)"])
    // JSON sent as CSV: its first line is read as the header row, and the error says what is wrong
    // with it without quoting it.
    let csv = try server.post("/v1/decide", member, headers: ["Content-Type: text/csv"])
    #expect(csv.status == 400)
    #expect(!csv.text.contains("secret"), "\(csv.text)")
    _ = try server.request("GET", "/v1/members/\(secret)")
    _ = try server.request("PUT", "/v1/decide")
    let connection = try TestConnection(port: server.port)
    try connection.send("GET /\(secret) HTTP/1.1\r\nHost: x\r\nX: \u{1}\r\n\r\n")
    _ = try connection.readResponse()

    let rewards = ["winback_10", "tier_bonus", "welcome_back"]
    let endpoints = MetricsEndpoint.allCases.map(\.rawValue)
    let metrics = try server.request("GET", "/metrics")
    #expect(metrics.status == 200)
    #expect(!metrics.text.contains("secret"))
    var labelled = 0
    for line in metrics.text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else { continue }
      labelled += 1
      for pair in line[line.index(after: open)..<close].split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[1].hasPrefix("\""), parts[1].hasSuffix("\"") else {
          Issue.record("not a label: \(pair) in \(line)")
          continue
        }
        let value = String(parts[1].dropFirst().dropLast())
        let allowed: Bool
        switch parts[0] {
        case "endpoint": allowed = endpoints.contains(value)
        case "status": allowed = Int(value).map { (100..<600).contains($0) } ?? false
        case "policy": allowed = value == "winback"
        case "reward": allowed = rewards.contains(value)
        case "code":
          allowed = value.count == 5 && value.hasPrefix("P") && value.dropFirst().allSatisfy(\.isNumber)
        case "le": allowed = value == "+Inf" || Double(value) != nil
        case "result": allowed = ["applied", "refused"].contains(value)
        default: allowed = false
        }
        #expect(allowed, "label \(parts[0])=\(value) in \(line)")
      }
    }
    // The requests above were counted under labels (404, 405, 400 and 200 at least).
    #expect(labelled > 10)
    #expect(metrics.text.contains("plum_http_requests_total{endpoint=\"other\",status=\"404\"}"))
  }

  @Test func neverEchoesPersonalData() throws {
    let server = try ServeFixture(paths: [repositoryPath("examples/winback/winback.plum")])
    defer { server.stop() }
    let secret = "secret.person@example.org"
    let bodies = [
      #"{"id":"p1","age":30,"country":"FR","tier":"gold","orders_90d":1,"spend_90d":"x","gender":"f","email":7}"#,
      #"{"id":"p2","email":"\#(secret)","age":30,"email":"\#(secret)"}"#,
      #"{"id":"p3","email":"\#(secret)\u00"}"#,
      #"{"email":"\#(secret)"} trailing"#,
    ]
    for body in bodies {
      let response = try server.post("/v1/explain", body)
      #expect(response.status == 400)
      #expect(!response.text.contains(secret) && !response.text.contains("secret"), "\(response.text)")
    }
    #expect(!server.log.contains("secret"))
  }
}

/// A fresh directory for policies a test writes.
func temporaryPolicyDirectory() throws -> String {
  let path = NSTemporaryDirectory() + "plum-serve-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// One reward as an explanation tells it: given, eligible or not, and its top-level conditions.
private struct ExplainedReward: Equatable, CustomStringConvertible {
  var name: String
  var state: String
  var conditions: [String]

  var description: String { "\(name): \(state) [\(conditions.joined(separator: "; "))]" }
}

/// The rewards section of `plum explain`'s text: `  NAME: STATE`, then a line per top-level
/// condition (`    ✓ CONDITION   VALUE  (detail)`), deeper lines for rules expanded.
private func explainedRewards(_ text: String) -> [ExplainedReward] {
  var rewards: [ExplainedReward] = []
  var inRewards = false
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line == "rewards" {
      inRewards = true
      continue
    }
    guard inRewards else { continue }
    if line.isEmpty { break }
    if line.hasPrefix("  "), !line.hasPrefix("   "), let colon = line.firstIndex(of: ":") {
      let state = line[line.index(after: colon)...].drop { $0 == " " }
      rewards.append(
        ExplainedReward(
          name: String(line.dropFirst(2)[..<colon]),
          state: state.hasPrefix("given")
            ? "given" : state.hasPrefix("not eligible") ? "not eligible" : "eligible",
          conditions: []))
    } else if line.hasPrefix("    "), !line.hasPrefix("     "), let marker = line.dropFirst(4).first,
      "✓✗·".contains(marker), !rewards.isEmpty
    {
      // The condition and its value are separated by a run of spaces; a detail may follow.
      let rest = line.dropFirst(6)
      guard let gap = rest.range(of: "  ") else { continue }
      let condition = rest[..<gap.lowerBound]
      let value = rest[gap.upperBound...].drop { $0 == " " }
      let shown =
        value.hasPrefix("not evaluated")
        ? "not evaluated" : String(value.prefix { $0 != " " })
      rewards[rewards.count - 1].conditions.append("\(condition) = \(shown)")
    }
  }
  return rewards
}
