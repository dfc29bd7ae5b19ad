#!/usr/bin/env python3
"""Summarises the TRX files of a test run: counts per project, every skip with its reason, one closing line."""
import collections
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
totals = collections.Counter()
skips = collections.defaultdict(list)
failures = []
for trx in sorted(pathlib.Path(sys.argv[1]).glob("**/*.trx")):
    root = ET.parse(trx).getroot()
    for result in root.iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome")
        name = result.get("testName")
        if outcome == "Passed":
            totals["passed"] += 1
        elif outcome == "NotExecuted":
            totals["skipped"] += 1
            message = result.find(".//t:ErrorInfo/t:Message", NS)
            skips[(message.text or "").strip() if message is not None else "no reason given"].append(name)
        else:
            totals["failed"] += 1
            failures.append(name)

if skips:
    print("Skipped tests, by reason:")
    for reason, names in sorted(skips.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(names):4d}  {reason}")
if failures:
    print("Failed tests:")
    for name in failures:
        print(f"  {name}")
print(f"tests: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
