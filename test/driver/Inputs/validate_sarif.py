#!/usr/bin/python3
"""validate_sarif.py SCHEMA REPORT [DOCS_DIR]: validates a SARIF report against the
official SARIF 2.1.0 JSON schema, then checks what GitHub code scanning
relies on beyond the schema; with DOCS_DIR, that each rule's helpUri names
a page that exists there. Run it with Debian's /usr/bin/python3, which
sees python3-jsonschema."""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_sarif.py: python3-jsonschema is not installed "
             "(apt-get install python3-jsonschema)")

schema_path, report_path = sys.argv[1], sys.argv[2]
docs_dir = sys.argv[3] if len(sys.argv) > 3 else None
if not os.path.isfile(schema_path):
    sys.exit("validate_sarif.py: the SARIF schema is missing: %s (it comes "
             "with the tests in test/driver/Inputs)" % schema_path)
with open(schema_path) as f:
    schema = json.load(f)
with open(report_path) as f:
    report = json.load(f)

validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
errors = sorted(validator_class(schema).iter_errors(report), key=str)
for e in errors:
    print("schema error at /%s: %s" % ("/".join(map(str, e.absolute_path)),
                                        e.message))
if errors:
    sys.exit(1)


def fail(msg):
    sys.exit("validate_sarif.py: " + msg)


if report.get("version") != "2.1.0":
    fail("version is not 2.1.0")
if len(report["runs"]) != 1:
    fail("expected exactly one run")
run = report["runs"][0]
driver = run["tool"]["driver"]
for key in ("name", "version", "informationUri", "rules"):
    if key not in driver:
        fail("tool.driver has no %s" % key)
rules = driver["rules"]
ids = [r["id"] for r in rules]
if len(set(ids)) != len(ids):
    fail("duplicate rule ids")
for r in rules:
    if not r.get("shortDescription", {}).get("text"):
        fail("rule %s has no shortDescription" % r["id"])
    page = "checks/%s.md" % r["id"].replace("leaklint-", "", 1)
    if not r.get("helpUri", "").endswith("/" + page):
        fail("rule %s has no helpUri to its docs page %s" % (r["id"], page))
    if docs_dir and not os.path.isfile(os.path.join(docs_dir, page)):
        fail("rule %s: the docs page %s does not exist" % (r["id"], page))
bases = run.get("originalUriBaseIds", {})
if "%SRCROOT%" not in bases or not bases["%SRCROOT%"]["uri"].endswith("/"):
    fail("originalUriBaseIds has no %SRCROOT% directory URI")
for res in run.get("results", []):
    if res["ruleId"] not in ids:
        fail("result with unknown ruleId %s" % res["ruleId"])
    if ids[res["ruleIndex"]] != res["ruleId"]:
        fail("ruleIndex %d does not name %s" % (res["ruleIndex"], res["ruleId"]))
    for loc in res["locations"] + res.get("relatedLocations", []):
        art = loc["physicalLocation"]["artifactLocation"]
        if art.get("uriBaseId") != "%SRCROOT%" or art["uri"].startswith("/"):
            fail("location not relative to %%SRCROOT%%: %s" % art)
print("valid SARIF 2.1.0: %d rules, %d results, %d notifications"
      % (len(rules), len(run.get("results", [])),
         sum(len(i.get("toolExecutionNotifications", []))
             for i in run.get("invocations", []))))
