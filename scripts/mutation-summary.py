#!/usr/bin/env python3
"""Prints an area's mutation score and its surviving mutants from Stryker's JSON report.

Usage: mutation-summary.py AREA OUTPUT_DIRECTORY
The score is Stryker's: killed and timed-out mutants over all mutants that compiled and were not
ignored (a mutant no test covers counts as surviving).
"""
import collections
import json
import os
import sys

area, output = sys.argv[1], sys.argv[2]
report = os.path.join(output, "reports", "mutation-report.json")
if not os.path.exists(report):
    print(f"{area}: no report ({report})")
    sys.exit(0)

with open(report, encoding="utf-8") as f:
    files = json.load(f)["files"]

counts = collections.Counter()
survivors = []
for path, file in sorted(files.items()):
    for mutant in file["mutants"]:
        counts[mutant["status"]] += 1
        if mutant["status"] in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            name = path[path.find("src/"):] if "src/" in path else path
            survivors.append(f"  {mutant['status']:<10} {name}:{line} {mutant['mutatorName']}: {mutant.get('replacement', '').strip()[:80]}")

detected = counts["Killed"] + counts["Timeout"]
valid = detected + counts["Survived"] + counts["NoCoverage"]
score = 100.0 * detected / valid if valid else 0.0
print(f"{area}: {score:.1f}% ({detected} of {valid} detected: killed {counts['Killed']}, timeout {counts['Timeout']}, "
      f"survived {counts['Survived']}, no coverage {counts['NoCoverage']}; ignored {counts['Ignored']}, compile errors {counts['CompileError']})")
for line in survivors:
    print(line)
