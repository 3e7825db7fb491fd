/// Edit distance for "did you mean" suggestions, shared by every phase.

/// The Levenshtein distance between two strings, counted in Unicode scalars.
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = Array(repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// The candidate closest to `name`, if one is close enough to be a likely typo.
///
/// A candidate qualifies within a distance of a third of the name's length (at least 1, at most 3),
/// ignoring letter case; ties go to the earlier candidate.
public func closestName(to name: String, among candidates: [String]) -> String? {
  let limit = Swift.max(1, Swift.min(3, name.count / 3))
  var best: (name: String, distance: Int)?
  for candidate in candidates where candidate != name {
    let distance = editDistance(name.lowercased(), candidate.lowercased())
    if distance <= limit, distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  return best?.name
}
