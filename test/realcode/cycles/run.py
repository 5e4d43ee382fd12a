#!/usr/bin/env python3
"""Runs leaklint-shared-ptr-cycle over the cycle corpus and checks the triage.

  run.py WORKDIR --leaklint BIN [--realcode DIR] [--packages a,b] [-j N] [--max-tus N]
                                  analyse (the N TUs heaviest in shared_ptr, default 12)
  run.py WORKDIR --report         the table of the stored run
  run.py WORKDIR --new [--show]   findings without a verdict in triage.md (with notes)
  run.py WORKDIR --precision      verdict counts and precision REAL / (REAL + FALSE)

WORKDIR is the directory fetch.sh filled. Rows of packages.tsv whose recipe is 'realcode' are
read from the general corpus' work directory (--realcode, default: WORKDIR/../realcode). Results
go to WORKDIR/results/<package>.json: the TUs, the time, the findings in the package's own files
(sources and headers; paths relative to the package root) and the files that did not compile.

A triage row (triage.md next to this script):
  | package | file:line | subject | VERDICT | reason |
'subject' is the first quoted name of the message, or '-'. A finding matches the verdict of the
same package, file and subject on the nearest line within 15 lines.
"""
import argparse, json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = 'leaklint-shared-ptr-cycle'


def rows():
    out = []
    for line in open(os.path.join(HERE, 'packages.tsv')):
        cols = line.rstrip('\n').split('\t')
        if cols[0] != 'package' and not cols[0].startswith('#'):
            out.append((cols[0], cols[1]))
    return out


def db_dir(work, realcode, pkg, recipe):
    return os.path.join(realcode if recipe == 'realcode' else work, 'db', pkg)


def subject(msg):
    m = re.search(r"'([^']+)'", msg)
    return m.group(1) if m else '-'


def rel(path, root):
    p = os.path.realpath(path)
    return os.path.relpath(p, root) if p.startswith(root + '/') else None


SHARED = re.compile(r'make_shared|shared_from_this|shared_ptr<|weak_ptr<|std::function<')


INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
HEADERS = ('.h', '.hh', '.hpp', '.hxx', '.h++')


def subset(work, db, pkg, limit, root):
    """The database of the package's `limit` translation units that use shared_ptr and
    callbacks the most (the corpus measures this check, on a loaded 2-core machine): ranked by
    the file's own text, then by the package's headers it includes directly (what ranks a
    unit whose class graph is in its headers: yaml-cpp's node memory)."""
    entries = json.load(open(os.path.join(db, 'compile_commands.json')))
    headers = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith('.') and x not in ('debian', 'obj-x86_64-linux-gnu')]
        for f in files:
            if f.endswith(HEADERS):
                headers.setdefault(f, []).append(os.path.join(d, f))
    counted = {}
    def count(path):
        if path not in counted:
            try:
                counted[path] = len(SHARED.findall(open(path, errors='replace').read()))
            except OSError:
                counted[path] = 0
        return counted[path]
    def weight(e):
        try:
            text = open(e['file'], errors='replace').read()
        except OSError:
            return (0, 0)
        inc = set()
        for name in INCLUDE.findall(text):
            inc.update(h for h in headers.get(os.path.basename(name), []) if h.endswith('/' + name))
        return (len(SHARED.findall(text)), sum(count(h) for h in inc))
    weights = {e['file']: weight(e) for e in entries}
    ranked = sorted(entries, key=lambda e: (tuple(-w for w in weights[e['file']]), e['file']))
    chosen = sorted((e for e in ranked[:limit] if any(weights[e['file']])), key=lambda e: e['file'])
    out = os.path.join(work, 'subset', pkg)
    os.makedirs(out, exist_ok=True)
    json.dump(chosen, open(os.path.join(out, 'compile_commands.json'), 'w'), indent=1)
    return out, len(chosen)


def analyse(work, realcode, pkg, recipe, leaklint, jobs, limit):
    db = db_dir(work, realcode, pkg, recipe)
    root = open(os.path.join(db, 'root')).read().strip()
    db, tus = subset(work, db, pkg, limit, root)
    out = os.path.join(work, 'results', '.tmp.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    # --config={}: the package's own .clang-tidy is not read (it names the package's checks, not
    # this one, and may not parse in clang-tidy 19: fish's has 'AnalyzeTemporaryDtors');
    # --no-cache: the time is the analysis' time, also on a second run
    cmd = [leaklint, '-p', db, '-j', str(jobs), '--format', 'json', '--quiet', '-o', out,
           '--config={}', '--no-cache',
           '--checks=-*,' + CHECK, '--header-filter', '^' + re.escape(root) + '/']
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took = time.time() - t0
    doc = json.load(open(out)) if os.path.exists(out) else {}
    findings = []
    for f in doc.get('findings', []):
        r = rel(f['file'], root)
        if f['check'] != CHECK or r is None:
            continue
        notes = [{'file': rel(n['file'], root) or n.get('file'), 'line': n.get('line'),
                  'message': n['message']} for n in f.get('notes', []) if n.get('file')]
        findings.append({'file': r, 'line': f['line'], 'message': f['message'],
                         'subject': subject(f['message']), 'notes': notes})
    failed = sorted({rel(e['file'], root) or e['file'] for e in doc.get('errors', []) if e.get('file')})
    return {'package': pkg, 'root': root, 'tus': tus, 'seconds': round(took, 1),
            'exit': proc.returncode, 'failed_files': failed, 'findings': findings,
            'stderr': proc.stderr[-2000:] if proc.returncode == 2 else ''}


def load(work):
    d = os.path.join(work, 'results')
    return {json.load(open(os.path.join(d, n)))['package']: json.load(open(os.path.join(d, n)))
            for n in sorted(os.listdir(d)) if n.endswith('.json') and not n.startswith('.')}


def triage():
    out = []
    for line in open(os.path.join(HERE, 'triage.md')):
        cols = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cols) >= 5 and cols[3] in ('REAL', 'DEBATABLE', 'FALSE'):
            f, _, l = cols[1].rpartition(':')
            out.append({'package': cols[0], 'file': f, 'line': int(l), 'subject': cols[2].strip('`'),
                        'verdict': cols[3], 'reason': cols[4]})
    return out


def verdict_of(pkg, f, verdicts):
    best = None
    for v in verdicts:
        if v['package'] == pkg and v['file'] == f['file'] and v['subject'] == f['subject']:
            d = abs(v['line'] - f['line'])
            if d <= 15 and (best is None or d < best[0]):
                best = (d, v)
    return best[1] if best else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('work')
    ap.add_argument('--leaklint')
    ap.add_argument('--realcode')
    ap.add_argument('--packages')
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('--max-tus', type=int, default=12,
                    help='translation units per package: the ones heaviest in shared_ptr')
    ap.add_argument('--report', action='store_true')
    ap.add_argument('--new', action='store_true')
    ap.add_argument('--show', action='store_true')
    ap.add_argument('--precision', action='store_true')
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    realcode = a.realcode or os.path.join(os.path.dirname(work), 'realcode')
    if a.leaklint:
        want = a.packages.split(',') if a.packages else None
        for pkg, recipe in rows():
            if want and pkg not in want:
                continue
            if not os.path.exists(os.path.join(db_dir(work, realcode, pkg, recipe), 'compile_commands.json')):
                print(f'{pkg}: no database, skipped', file=sys.stderr)
                continue
            r = analyse(work, realcode, pkg, recipe, os.path.abspath(a.leaklint), a.j, a.max_tus)
            json.dump(r, open(os.path.join(work, 'results', pkg + '.json'), 'w'), indent=1)
            print(f"{pkg}: {r['tus']} TUs, {len(r['findings'])} findings, "
                  f"{len(r['failed_files'])} failed, {r['seconds']}s", file=sys.stderr)
    runs = load(work)
    verdicts = triage()
    if a.new:
        for pkg, r in runs.items():
            for f in r['findings']:
                if verdict_of(pkg, f, verdicts):
                    continue
                print(f"| {pkg} | {f['file']}:{f['line']} | {f['subject']} | ? | {f['message']}")
                if a.show:
                    for n in f['notes']:
                        print(f"      {n['file']}:{n['line']}: {n['message']}")
        return
    count = {}
    print(f"{'package':22} {'TUs':>4} {'findings':>8} {'REAL':>5} {'DEBAT':>5} {'FALSE':>5} {'failed':>6} {'time':>6}")
    tot = {'REAL': 0, 'DEBATABLE': 0, 'FALSE': 0, None: 0}
    for pkg, r in runs.items():
        c = {'REAL': 0, 'DEBATABLE': 0, 'FALSE': 0, None: 0}
        for f in r['findings']:
            v = verdict_of(pkg, f, verdicts)
            c[v['verdict'] if v else None] += 1
        for k in tot:
            tot[k] += c[k]
        print(f"{pkg:22} {r['tus']:4} {len(r['findings']):8} {c['REAL']:5} {c['DEBATABLE']:5} {c['FALSE']:5} "
              f"{len(r['failed_files']):6} {r['seconds']:5.0f}s" + (f"  ({c[None]} untriaged)" if c[None] else '')
              + ('  (leaklint exit 2: ' + r['stderr'].strip().splitlines()[-1][:80] + ')'
                 if r['exit'] == 2 and r['stderr'].strip() else ''))
    judged = tot['REAL'] + tot['FALSE']
    print(f"total: REAL {tot['REAL']}, DEBATABLE {tot['DEBATABLE']}, FALSE {tot['FALSE']}, untriaged {tot[None]}; "
          f"precision REAL/(REAL+FALSE) = " + (f"{tot['REAL'] / judged:.2f}" if judged else 'n/a'))


if __name__ == '__main__':
    main()
