import Foundation
import PlumServer
import Testing

@testable import PlumCLI

/// A copy of the winback example (policy, model, data) in a fresh directory, so a test can change it.
private func winbackCopy() throws -> String {
  let directory = try temporaryPolicyDirectory()
  let manager = FileManager.default
  for item in ["winback.plum", "models", "data"] {
    try manager.copyItem(atPath: repositoryPath("examples/winback/\(item)"), toPath: directory + "/" + item)
  }
  return directory
}

/// Collects what concurrent clients saw.
private final class Observations: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var bodies: [String: Int] = [:]
  private(set) var failures: [String] = []

  func add(_ body: String) {
    lock.lock()
    bodies[body, default: 0] += 1
    lock.unlock()
  }

  func fail(_ message: String) {
    lock.lock()
    failures.append(message)
    lock.unlock()
  }
}

/// Live reload: a good policy is swapped in atomically, a bad one refused while the old keeps serving.
@Suite(.serialized) struct ServeReloadTests {
  @Test func swapsGoodPoliciesAndRefusesBadOnesUnderLoad() throws {
    let directory = try winbackCopy()
    let policy = directory + "/winback.plum"
    let original = try String(contentsOfFile: policy, encoding: .utf8)
    let server = try ServeFixture(paths: [policy], service: ServiceOptions(reloadEndpoint: true))
    defer { server.stop() }
    let batch = Array(
      try String(contentsOfFile: directory + "/data/participants.jsonl", encoding: .utf8).split(
        separator: "\n"
      )
      .prefix(50)
    ).joined(separator: "\n")
    let before = try server.post("/v1/decide?as_of=2026-11-23", batch).text
    #expect(before.contains("\"amount\":100"))

    let seen = Observations()
    let done = DispatchGroup()
    let stop = NSLock()
    nonisolated(unsafe) var stopping = false
    for _ in 0..<4 {
      done.enter()
      Thread {
        defer { done.leave() }
        do {
          let connection = try TestConnection(port: server.port)
          while true {
            stop.lock()
            let finished = stopping
            stop.unlock()
            if finished { return }
            try connection.send(
              TestConnection.request("POST", "/v1/decide?as_of=2026-11-23", body: Array(batch.utf8)))
            let response = try connection.readResponse()
            if response.status != 200 { seen.fail("status \(response.status)") }
            seen.add(response.text)
          }
        } catch {
          seen.fail("\(error)")
        }
      }.start()
    }
    usleep(200_000)
    // A policy with a syntax error, then a model file that does not load: both refused.
    try (original + "\nreward broken {\n").write(toFile: policy, atomically: true, encoding: .utf8)
    guard case .failure = server.service.reload() else {
      Issue.record("a policy with errors was loaded")
      return
    }
    try original.write(toFile: policy, atomically: true, encoding: .utf8)
    let model = directory + "/models/churn.json"
    let modelText = try String(contentsOfFile: model, encoding: .utf8)
    try "{\"not\": \"a model\"}".write(toFile: model, atomically: true, encoding: .utf8)
    let refused = try server.post("/v1/reload", "")
    #expect(refused.status == 422)
    #expect(refused.text.contains("\"reloaded\":false"))
    try modelText.write(toFile: model, atomically: true, encoding: .utf8)
    usleep(200_000)
    // A good change: the welcome-back reward gives 250 points instead of 100.
    try original.replacingOccurrences(of: "points(100)", with: "points(250)").write(
      toFile: policy, atomically: true, encoding: .utf8)
    let applied = try server.post("/v1/reload", "")
    #expect(applied.status == 200)
    #expect(applied.text == "{\"reloaded\":true,\"generation\":2}\n")
    usleep(300_000)
    stop.lock()
    stopping = true
    stop.unlock()
    done.wait()

    let after = try server.post("/v1/decide?as_of=2026-11-23", batch).text
    #expect(after == before.replacingOccurrences(of: "\"amount\":100", with: "\"amount\":250"))
    #expect(after != before)
    #expect(seen.failures.isEmpty, "\(seen.failures)")
    // Every response is wholly the old policy's or wholly the new one's.
    #expect(Set(seen.bodies.keys) == [before, after])
    #expect(server.log.contains("reload refused"))
    #expect(server.log.contains("error[P01"))
    #expect(server.log.contains("reloaded winback (generation 2)"))
    let metrics = try server.request("GET", "/metrics").text
    #expect(metrics.contains("plum_policy_reloads_total{result=\"applied\"} 1\n"))
    #expect(metrics.contains("plum_policy_reloads_total{result=\"refused\"} 2\n"))
  }
}
