#!/usr/bin/env python3
"""readme_precommit.py README OUTDIR HOOKREPO: writes the README's pre-commit
configurations, made concrete, to OUTDIR/clone.yaml (the one that uses a clone:
its placeholder path becomes HOOKREPO and its rev HOOKREPO's HEAD) and
OUTDIR/local.yaml (the local hook, as written). Fails when the README does not
have exactly these two snippets."""
import os
import re
import subprocess
import sys

readme, outdir, hookrepo = sys.argv[1:4]
with open(readme, encoding="utf-8") as f:
    text = f.read()
start = text.index("**In pre-commit**")
section = text[start:text.index("\n**", start + 1)]
blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
clone = [b for b in blocks if "repo: /path/to/leaklint" in b]
local = [b for b in blocks if "repo: local" in b]
if len(blocks) != 2 or len(clone) != 1 or len(local) != 1:
    sys.exit("README: expected one pre-commit snippet using a clone "
             "(repo: /path/to/leaklint) and one local hook, found %d snippets"
             % len(blocks))
rev = subprocess.check_output(["git", "-C", hookrepo, "rev-parse", "HEAD"],
                              text=True).strip()
concrete = clone[0].replace("/path/to/leaklint", hookrepo)
concrete = re.sub(r"rev: \S+", "rev: " + rev, concrete)
with open(os.path.join(outdir, "clone.yaml"), "w", encoding="utf-8") as f:
    f.write(concrete)
with open(os.path.join(outdir, "local.yaml"), "w", encoding="utf-8") as f:
    f.write(local[0])
print("wrote 2 configurations")
