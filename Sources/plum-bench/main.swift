// The benchmark executable; see docs/performance.md.
print("plum-bench: no workloads yet")
