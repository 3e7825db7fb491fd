import PlumDiagnostics

/// The candidate closest to `name`, if one is close enough to be a likely typo.
///
/// A candidate qualifies within a distance of a third of the name's length (at least 1, at most 3);
/// ties go to the earlier candidate.
func closestName(to name: String, among candidates: [String]) -> String? {
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
