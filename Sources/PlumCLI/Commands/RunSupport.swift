import PlumData
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where `plum run` writes decisions: a file descriptor streamed in blocks, or memory for tests.
///
/// A `--out` file is written to a temporary file beside it (``AtomicFile``) and renamed over it
/// when the run finishes, so a run that fails part way leaves the old file as it was.
final class OutputSink {
  /// The writer decisions go to.
  let writer: JSONLinesWriter
  private let file: AtomicFile?
  private let streamsToStandardOutput: Bool
  private let path: String?

  /// Opens `path` (standard output when nil); throws when the file cannot be created.
  init(path: String?, io: CommandIO) throws(DataError) {
    self.path = path
    if io.streamsToDescriptors {
      if let path {
        let file = try AtomicFile(path: path)
        self.file = file
        streamsToStandardOutput = false
        writer = JSONLinesWriter(fileDescriptor: file.fileDescriptor)
      } else {
        file = nil
        streamsToStandardOutput = true
        writer = JSONLinesWriter(fileDescriptor: 1)
      }
    } else {
      file = nil
      streamsToStandardOutput = false
      writer = JSONLinesWriter()
    }
  }

  /// Flushes (or hands over) everything written and puts the file in place; returns the write
  /// error, if any (the old file is then left as it was).
  func finish(io: CommandIO) -> String? {
    if let file {
      do {
        try writer.flush()
        try file.commit()
      } catch {
        file.discard()
        return systemReason(error)
      }
      return nil
    }
    if streamsToStandardOutput {
      do {
        try writer.flush()
      } catch {
        return error.description
      }
      return nil
    }
    if let path {
      do {
        try io.writeFile(path, contents: writer.bytes)
      } catch {
        return error.reason
      }
    } else {
      io.writeOut(writer.text)
    }
    return nil
  }

  /// Ends a run that failed: the decisions on standard output so far are flushed, a `--out` file's
  /// are dropped and the old file stays.
  func abandon(io: CommandIO) {
    if let file {
      file.discard()
    } else if path == nil {
      _ = finish(io: io)
    }
  }
}

/// The writer a streaming run flushes before it waits for input; set once the output is open.
final class FlushTarget {
  var writer: JSONLinesWriter?
}

/// A source that flushes the decisions written so far before a read that would wait, so a
/// streaming run's decisions never sit behind a blocked read: every record complete in the input
/// so far has its line written. While more input is ready at once, decisions are written in
/// blocks, as a file run writes them.
struct FlushingSource: ByteSource {
  var source: any ByteSource
  let target: FlushTarget
  /// The descriptor read from, to ask whether input is ready; nil flushes before every read.
  let descriptor: Int32?

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    if let writer = target.writer, writer.byteCount > 0, !inputIsReady {
      // A failed flush is kept by the writer and reported when the run finishes.
      try? writer.flush()
    }
    return try source.read(into: buffer)
  }

  private var inputIsReady: Bool {
    guard let descriptor else { return false }
    var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&ready, 1, 0) == 1 && ready.revents & Int16(POLLIN) != 0
  }
}

/// The progress line on a terminal's standard error, shown once a run has lasted a second.
struct ProgressLine {
  private let io: CommandIO
  private let clock: ContinuousClock
  private let started: ContinuousClock.Instant
  private var descriptor: Int32?
  private var size: Int64 = 0
  private var shown = false
  /// Whether the line may be drawn at all (not under `--quiet`).
  private let isShown: Bool

  init(io: CommandIO, clock: ContinuousClock, started: ContinuousClock.Instant, isShown: Bool = true) {
    self.io = io
    self.clock = clock
    self.started = started
    self.isShown = isShown
  }

  /// Starts a new input; its size is known when it is a regular file.
  mutating func begin(descriptor: Int32?) {
    self.descriptor = descriptor
    size = 0
    if let descriptor {
      var info = stat()
      if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { size = Int64(info.st_size) }
    }
  }

  /// Redraws the line with the records decided so far.
  mutating func update(records: Int) {
    guard isShown, io.stderrIsTerminal else { return }
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    guard seconds >= 1 else { return }
    var text = "\r\(records) records, \(Int(Double(records) / seconds)) records/s"
    if let descriptor, size > 0 {
      let position = lseek(descriptor, 0, SEEK_CUR)
      if position >= 0 { text += ", \(min(100, Int64(position) * 100 / size))%" }
    }
    io.writeErr(text + "\u{1B}[K")
    shown = true
  }

  /// Erases the line if it was shown.
  mutating func clear() {
    if shown { io.writeErr("\r\u{1B}[K") }
    shown = false
  }
}

/// The end-of-run summary: one line for standard error and a JSON document for `--summary`.
struct RunSummary {
  let program: Program
  let statistics: RunStatistics
  let asOf: Int64
  let seconds: Double
  /// What the budget did, when the policy has one.
  var budget: BudgetSummary? = nil
  /// What each measured constraint came to, in source order.
  var constraints: [ConstraintSummary] = []

  /// `decided 998 of 1000 records, 2 errors, as of 2026-11-23, in 0.12 s`.
  var line: String {
    var text = "decided \(statistics.decisions) of \(plural(statistics.records, "record"))"
    text +=
      ", \(plural(statistics.errors, "error")), as of \(CivilDate.format(asOf)), in \(seconds.formatted2) s"
    let given = program.rewards.indices.filter { statistics.rewardCounts[$0] > 0 }
    if !given.isEmpty {
      text +=
        "; "
        + given.map { "\(program.rewards[$0].name) \(statistics.rewardCounts[$0])" }.joined(separator: ", ")
    }
    if let budget { text += "\n" + RunCommand.budgetLine(budget, currency: program.currency) }
    for constraint in constraints { text += "\n" + constraint.lines.joined(separator: "\n") }
    return text
  }

  /// The summary as a JSON document (keys in a fixed order).
  var json: String {
    let digits = Money.minorDigits(of: program.currency)
    var kinds: [String: Int] = [:]
    for (index, reward) in program.rewards.enumerated() where statistics.rewardCounts[index] > 0 {
      kinds[kindName(reward), default: 0] += statistics.rewardCounts[index]
    }
    var out = "{\n"
    out += "  \"policy\": \(quoted(program.name)),\n"
    out += "  \"as_of\": \"\(CivilDate.format(asOf))\",\n"
    out += "  \"records\": \(statistics.records),\n"
    out += "  \"decisions\": \(statistics.decisions),\n"
    out += "  \"errors\": \(statistics.errors),\n"
    out += "  \"errors_by_code\": {"
    out += statistics.errorsByCode.keys.sorted().map { "\(quoted($0)): \(statistics.errorsByCode[$0] ?? 0)" }
      .joined(separator: ", ")
    out += "},\n  \"rewards\": {"
    out += program.rewards.enumerated().map {
      "\(quoted($0.element.name)): \(statistics.rewardCounts[$0.offset])"
    }
    .joined(separator: ", ")
    out += "},\n  \"rewards_by_kind\": {"
    out += kinds.keys.sorted().map { "\(quoted($0)): \(kinds[$0] ?? 0)" }.joined(separator: ", ")
    out += "},\n  \"cost\": {"
    if statistics.voucherMinorUnits != 0 || !program.currency.isEmpty {
      out += "\(quoted(program.currency.isEmpty ? "?" : program.currency)): "
      out += "\"\(Money.format(statistics.voucherMinorUnits, digits: digits))\""
    }
    out += "},\n  \"points\": \(statistics.points),\n"
    if let budget { out += "  \"budget\": \(RunCommand.budgetJSON(budget)),\n" }
    if !constraints.isEmpty {
      out += "  \"constraints\": [\n"
      out += constraints.map { "    " + $0.json }.joined(separator: ",\n")
      out += "\n  ],\n"
    }
    out += "  \"seconds\": \(seconds.formatted3)\n}\n"
    return out
  }

  private func kindName(_ reward: RewardProgram) -> String {
    // The kind is fixed per reward unless `give` chooses at run time; the counts use the constant one.
    let register = Int(reward.give.kind)
    let value = program.initialInts.indices.contains(register) ? program.initialInts[register] : 0
    return RewardKind(rawValue: value)?.name ?? "mixed"
  }

  private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }
}

extension Double {
  fileprivate var formatted2: String { NumberFormat.fixed(self, decimals: 2) }
  fileprivate var formatted3: String { NumberFormat.fixed(self, decimals: 3) }
}
