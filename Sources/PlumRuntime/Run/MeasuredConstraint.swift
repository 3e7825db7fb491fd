import PlumChecker
import PlumData

/// A `constraint NAME: disparate_impact(COND, by: FIELDS) OP THRESHOLD` that every run measures.
public struct MeasuredConstraint: Hashable, Sendable {
  /// What a record's selection is.
  public enum Subject: Hashable, Sendable {
    /// `rewarded`: the record received any reward.
    case rewarded
    /// A reward's name: the record received that reward (its index).
    case reward(Int)
  }

  /// The constraint's name.
  public var name: String
  /// What counts as selected.
  public var subject: Subject
  /// The subject as written (`rewarded` or the reward's name).
  public var subjectName: String
  /// The grouping fields' indexes in the input layout (several make intersectional groups).
  public var fields: [Int]
  /// The grouping fields' dotted paths.
  public var fieldPaths: [String]
  /// How the measured value is compared with the threshold.
  public var comparison: Comparison
  /// The threshold.
  public var threshold: Double

  /// Creates a measured constraint.
  public init(
    name: String, subject: Subject, subjectName: String, fields: [Int], fieldPaths: [String],
    comparison: Comparison, threshold: Double
  ) {
    self.name = name
    self.subject = subject
    self.subjectName = subjectName
    self.fields = fields
    self.fieldPaths = fieldPaths
    self.comparison = comparison
    self.threshold = threshold
  }

  /// Whether a measured disparate impact satisfies the constraint.
  public func holds(_ value: Double) -> Bool { comparison.holds(value, threshold) }
}

/// The decided records of a run counted by group for one measured constraint: how many there were
/// and how many were selected. Counts do not depend on record order, so every `--jobs` agrees.
public struct ConstraintTally: Hashable, Sendable {
  /// Records and selected records.
  public struct Count: Hashable, Sendable {
    /// Decided records.
    public var records = 0
    /// Those selected.
    public var selected = 0

    /// Creates a count.
    public init(records: Int = 0, selected: Int = 0) {
      self.records = records
      self.selected = selected
    }
  }

  /// Counts by group: one value per grouping field.
  public var groups: [[String]: Count] = [:]
  /// Records missing a grouping field, counted apart.
  public var missing = Count()

  /// Creates an empty tally.
  public init() {}

  /// Counts one decided record.
  public mutating func add(group: [String]?, selected: Bool) {
    if let group {
      groups[group, default: Count()].records += 1
      if selected { groups[group, default: Count()].selected += 1 }
    } else {
      missing.records += 1
      if selected { missing.selected += 1 }
    }
  }
}

extension DecisionRunner {
  /// The last decided record's group and selection for constraint `index`.
  func constraintObservation(_ index: Int, row: borrowing RecordRow) -> (group: [String]?, selected: Bool) {
    let constraint = program.constraints[index]
    let selected: Bool
    switch constraint.subject {
    case .rewarded: selected = !current.pointee.rewards.isEmpty
    case .reward(let reward): selected = current.pointee.rewards.contains { $0.index == reward }
    }
    var group: [String] = []
    group.reserveCapacity(constraint.fields.count)
    for field in constraint.fields {
      guard let text = fieldText(field, row: row) else { return (nil, selected) }
      group.append(text)
    }
    return (group, selected)
  }

  /// Counts the last decided record in every measured constraint's tally.
  func tallyConstraints(_ row: borrowing RecordRow) {
    for index in program.constraints.indices {
      let (group, selected) = constraintObservation(index, row: row)
      constraintTallies[index].add(group: group, selected: selected)
    }
  }

  /// A field's value as a group name; nil when missing.
  private func fieldText(_ field: Int, row: borrowing RecordRow) -> String? {
    guard field < schema.slots.count, row.present[field] else { return nil }
    let slot = schema.slots[field]
    switch slot.storage {
    case .string: return row.strings[slot.index]
    case .float: return String(row.floats[slot.index])
    case .int:
      let value = row.ints[slot.index]
      switch program.inputs.fields[field].type {
      case .enumeration(let cases):
        return cases.indices.contains(Int(value)) ? cases[Int(value)] : String(value)
      case .bool: return value != 0 ? "true" : "false"
      default: return String(value)
      }
    }
  }
}
