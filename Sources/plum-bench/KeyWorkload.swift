import Foundation
import PlumData
import PlumModels

/// The memory and time `plum run` spends to find repeated keys (`KeyRegistry`), per key.
enum KeyWorkload {
  static func run() -> Bool {
    guard
      let schema = try? RecordSchema(fields: [FieldSpec(path: "id", type: .string)], keyPath: "id")
    else { return false }
    print("keys        KeyRegistry, distinct keys, one core")
    let member = { (n: Int) in "m" + padded(n, 7) }
    let uuid = { (n: Int) in "6f1c2a4e-9b7d-4c3e-8a5f-" + padded(n, 12) }
    for (label, count, key, shuffled) in [
      ("8-byte keys, sorted", 1_000_000, member, false),
      ("8-byte keys, sorted", 10_000_000, member, false),
      ("8-byte keys, shuffled", 1_000_000, member, true),
      ("8-byte keys, shuffled", 10_000_000, member, true),
      ("36-byte keys, shuffled", 1_000_000, uuid, true),
    ] {
      var row = schema.makeRow()
      row.present[0] = true
      var texts = (1...count).map(key)
      if shuffled {
        var generator = SplitMix64(seed: 7)
        for index in stride(from: texts.count - 1, to: 0, by: -1) {
          texts.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
      }
      let before = residentBytes()
      guard let keys = KeyRegistry(schema: schema) else { return false }
      var repeats = 0
      let started = threadSeconds()
      for record in 1...count {
        row.strings[0] = texts[record - 1]
        if keys.admit(row, record: record) != nil { repeats += 1 }
      }
      let elapsed = threadSeconds() - started
      let resident = residentBytes() - before
      guard repeats == 0, keys.count == count else { return false }
      RunWorkloads.report(
        "\(label), \(count / 1_000_000)M",
        "\(keys.byteCount / count) bytes/key held, \(resident / count) bytes/key resident",
        "(\(RunWorkloads.fixed(elapsed * 1e9 / Double(count), 0)) ns/key of CPU time; "
          + "held = KeyRegistry.byteCount, resident = growth of the process's RSS)")
      withExtendedLifetime(keys) {}
    }
    return true
  }

  private static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// The CPU time this thread has used, so the figure holds on a busy machine.
  private static func threadSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }

  /// The process's resident set size, from /proc/self/statm.
  private static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
