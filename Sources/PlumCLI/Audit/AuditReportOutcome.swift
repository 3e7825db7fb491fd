import Foundation
import PlumAudit
import PlumData
import PlumReports
import PlumRuntime
import PlumStatistics

/// Why an audit could not be made (exit status 2): a file that cannot be read, data the schema
/// cannot read at all, a decision file from another policy.
struct AuditFailure: Error {
  var message: String
}

/// An audit made: the report, the line for standard error and whether it found anything.
struct AuditReportOutcome {
  let report: Report
  /// `audited 1,200 of 1,200 records by gender; …`.
  let summary: String
  /// Whether a reward falls under four fifths, a record could not be audited or none was (exit
  /// status 1).
  let failed: Bool

  /// Reads the data (and the decisions), measures and lays out the report.
  static func make(
    policy: AuditPolicy, dataPath: String, format: InputFormat, decisionsPath: String?, asOf: Int64?,
    rule: SmallGroupRule, io: CommandIO
  ) throws(AuditFailure) -> AuditReportOutcome {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(dataPath)
    } catch {
      throw AuditFailure(message: "\(error)")
    }
    var data: AuditData
    do {
      if let decisionsPath {
        guard policy.schema.keyField != nil, policy.program.inputs.visibleKey != nil else {
          throw AuditFailure(
            message:
              "\(policy.path) has no key that decisions show, so --decisions cannot be joined with the data")
        }
        let decisions: [UInt8]
        do {
          decisions = try io.readFile(decisionsPath)
        } catch {
          throw AuditFailure(message: "\(error)")
        }
        var source: LoggedAuditFacts
        do {
          source = try LoggedAuditFacts(decisions, path: decisionsPath, policy: policy)
        } catch {
          throw AuditFailure(message: error.description)
        }
        data = try AuditRun.collect(
          bytes, format: format, policy: policy, source: &source,
          models: source.explained ? policy.models.map(\.model) : [])
        if source.unjoined > 0 {
          data.remarks.append(
            "\(plural(source.unjoined, "decision")) in \(decisionsPath) matched no record of the data.")
        }
        if !policy.models.isEmpty || !policy.segmentations.isEmpty {
          data.remarks.append(
            source.explained
              ? "Model scores and segments from a decision file exist only where the run needed them; audit the policy "
                + "itself to score every record that consented."
              : "Model scores and segments are in a decision file only with plum run --explain; none are audited."
          )
        }
      } else {
        var source: LiveAuditFacts
        do {
          source = try LiveAuditFacts(policy: policy, asOf: asOf ?? today())
        } catch {
          throw AuditFailure(message: "the input schema cannot be read from records: \(error)")
        }
        data = try AuditRun.collect(
          bytes, format: format, policy: policy, source: &source, models: policy.models.map(\.model))
      }
    } catch let error as AuditFailure {
      throw error
    } catch let error as DataError {
      throw AuditFailure(message: "\(dataPath): \(error)")
    } catch {
      throw AuditFailure(message: "\(error)")
    }
    let audit: FairnessAudit
    do {
      audit = try FairnessAudit(data, rule: rule)
    } catch {
      throw AuditFailure(message: "the audit cannot be computed: \(error)")
    }
    let context = AuditContext(
      policyName: policy.program.name, policyVersion: policy.checked.version, policyFile: policy.path,
      dataFile: dataPath, decisionsFile: decisionsPath,
      asOf: (decisionsPath == nil ? asOf ?? today() : asOf).map(CivilDate.format))
    let report = AuditReport.build(audit, context: context)
    let notAudited = data.notAudited.values.reduce(0, +)
    var summary =
      "audited \(data.count) of \(plural(data.recordsRead, "record")) by "
      + audit.groupings.filter { !$0.isIntersection }.map(\.name).joined(separator: ", ")
    let gates = Set(
      audit.failures.filter { data.subjects[$0.subject].isGate }.map { data.subjects[$0.subject].name })
    summary +=
      gates.isEmpty
      ? "; no reward under four fifths"
      : "; under four fifths: " + data.subjects.map(\.name).filter(gates.contains).joined(separator: ", ")
    if notAudited > 0 { summary += "; \(plural(notAudited, "record")) not audited" }
    if data.count == 0 { summary += "; nothing to measure" }
    return AuditReportOutcome(
      report: report, summary: summary, failed: audit.hasFindings)
  }

  private static func today() -> Int64 {
    Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))
  }
}
