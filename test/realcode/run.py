#!/usr/bin/env python3
"""Run a leaklint binary over the real-code corpus and compare with the triage.

  run.py WORKDIR --leaklint BIN [--packages a,b] [--label NAME]   analyse, store, print the table
  run.py WORKDIR --report [--label NAME]                          the table of a stored run
  run.py WORKDIR --new [--show]                                   findings without a verdict
  run.py WORKDIR --precision                                      verdict counts and precision per check

WORKDIR is the directory fetch.sh filled (db/<package>/compile_commands.json and db/<package>/root).
Results go to WORKDIR/results/<label>/<package>.json (label: 'latest' by default), one document per
package: its TUs, time, exit status, the findings (file paths relative to the package root, only
the package's own files: its sources and headers, not system headers nor the build directory) and the
files that did not compile. --new, --precision and --show read the stored run and the triage file
(test/realcode/triage.md next to this script, or --triage FILE).

A triage line is a row of the table in triage.md:
  | package | check | file:line | subject | VERDICT | reason |
'subject' is the first quoted name of the message ('sfd', 'Child::parent'), or '-'. A finding
matches a verdict of the same package, check, file and subject whose line is the same or, failing
that, the nearest within --slack lines (default 15), so that verdicts survive small shifts between
package versions.
"""
import argparse, json, os, re, subprocess, sys, time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKS = ['leaklint-owning-pointer', 'leaklint-lambda-capture', 'leaklint-unjoined-thread',
          'leaklint-shared-ptr-cycle']
SHORT = {'leaklint-owning-pointer': 'owning', 'leaklint-lambda-capture': 'lambda',
         'leaklint-unjoined-thread': 'thread', 'leaklint-shared-ptr-cycle': 'cycle'}
VERDICTS = ('REAL', 'DEBATABLE', 'FALSE')
LONG = {v: k for k, v in SHORT.items()}


def packages(work, only=None):
    names = []
    tsv = os.path.join(HERE, 'packages.tsv')
    if os.path.exists(tsv):
        for line in open(tsv):
            cols = line.rstrip('\n').split('\t')
            if cols[0] and cols[0] != 'package' and not cols[0].startswith('#'):
                names.append(cols[0])
    names = [n for n in names if os.path.exists(os.path.join(work, 'db', n, 'compile_commands.json'))]
    if only:
        want = only.split(',')
        missing = [w for w in want if w not in names]
        if missing:
            sys.exit(f'run.py: no database for {", ".join(missing)}')
        names = want
    return names


def subject(msg):
    m = re.search(r"'([^']+)'", msg)
    return m.group(1) if m else '-'


def rel(path, root, cwd):
    p = os.path.realpath(path if os.path.isabs(path) else os.path.join(cwd, path))
    return os.path.relpath(p, root) if p.startswith(root + '/') else None


def analyse(work, pkg, leaklint, jobs, extra=()):
    db = os.path.join(work, 'db', pkg)
    root = open(os.path.join(db, 'root')).read().strip()
    tus = len(json.load(open(os.path.join(db, 'compile_commands.json'))))
    out = os.path.join(work, 'results', '.tmp-' + pkg + '.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = [leaklint, '-p', db, '-j', str(jobs), '--format', 'json', '--quiet', '-o', out,
           '--header-filter', '^' + re.escape(root) + '/'] + list(extra)
    # Each run measures the binary, not what a cache kept (older binaries
    # have no cache, nor the option).
    if '--no-cache' in subprocess.run([leaklint, '--help'], capture_output=True,
                                      text=True).stdout:
        cmd.append('--no-cache')
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took = time.time() - t0
    doc = {'findings': [], 'errors': []}
    if os.path.exists(out):
        try:
            doc = json.load(open(out))
        except ValueError:
            pass
        os.remove(out)
    findings = []
    for f in doc.get('findings', []):
        if not f['check'].startswith('leaklint-'):
            continue  # a compiler warning the driver let through: not a leaklint finding
        r = rel(f['file'], root, root)
        if r is None:
            continue
        notes = []
        for n in f.get('notes', []):
            nr = rel(n['file'], root, root) if n.get('file') else None
            notes.append({'file': nr or n.get('file'), 'line': n.get('line'), 'message': n['message']})
        findings.append({'check': f['check'], 'file': r, 'line': f['line'], 'column': f['column'],
                         'message': f['message'], 'subject': subject(f['message']), 'notes': notes})
    failed = sorted({rel(e['file'], root, root) or e['file'] for e in doc.get('errors', []) if e.get('file')})
    crash = None
    if 'crashed' in proc.stderr:
        crash = proc.stderr.strip().splitlines()[-1]
    return {'package': pkg, 'tus': tus, 'seconds': round(took, 1), 'exit': proc.returncode,
            'crash': crash, 'failed_files': failed, 'findings': findings,
            'stderr': proc.stderr[-2000:] if proc.returncode == 2 else ''}


def load_run(work, label):
    d = os.path.join(work, 'results', label)
    if not os.path.isdir(d):
        sys.exit(f'run.py: no stored run {d}')
    runs = {}
    for name in sorted(os.listdir(d)):
        if name.endswith('.json'):
            r = json.load(open(os.path.join(d, name)))
            r['findings'] = [f for f in r['findings'] if f['check'].startswith('leaklint-')]
            runs[r['package']] = r
    return runs


def table(runs):
    head = f"{'package':22} {'TUs':>5} " + ' '.join(f'{SHORT[c]:>6}' for c in CHECKS) + f" {'total':>6} {'failed':>6} {'time':>7}"
    print(head)
    print('-' * len(head))
    tot = Counter()
    for pkg, r in runs.items():
        n = Counter(f['check'] for f in r['findings'])
        fail = len(r['failed_files']) + (1 if r.get('crash') else 0)
        print(f"{pkg:22} {r['tus']:5} " + ' '.join(f'{n[c]:6}' for c in CHECKS)
              + f" {len(r['findings']):6} {fail:6} {r['seconds']:6.0f}s" + ('  CRASH' if r.get('crash') else ''))
        tot['tus'] += r['tus']; tot['all'] += len(r['findings']); tot['fail'] += fail; tot['sec'] += r['seconds']
        for c in CHECKS:
            tot[c] += n[c]
    print('-' * len(head))
    print(f"{'total (' + str(len(runs)) + ' packages)':22} {tot['tus']:5} " + ' '.join(f'{tot[c]:6}' for c in CHECKS)
          + f" {tot['all']:6} {tot['fail']:6} {tot['sec']:6.0f}s")


def load_triage(path):
    verdicts = []
    if not os.path.exists(path):
        return verdicts
    for lineno, line in enumerate(open(path), 1):
        cols = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cols) < 6 or cols[4] not in VERDICTS:
            continue
        m = re.match(r'(.+):(\d+)$', cols[2].strip('`'))
        if not m:
            continue
        check = cols[1] if cols[1].startswith('leaklint-') else LONG.get(cols[1], 'leaklint-' + cols[1])
        verdicts.append({'package': cols[0], 'check': check, 'file': m.group(1), 'line': int(m.group(2)),
                         'subject': cols[3].strip('`'), 'verdict': cols[4], 'reason': '|'.join(cols[5:]),
                         'where': lineno})
    return verdicts


def match(runs, verdicts, slack):
    """Pairs each finding with a verdict (or None). One verdict serves one finding."""
    by_key = defaultdict(list)
    for v in verdicts:
        by_key[(v['package'], v['check'], v['file'], v['subject'])].append(v)
    used = set()
    pairs = []
    for pkg, r in runs.items():
        for f in r['findings']:
            cands = [v for v in by_key[(pkg, f['check'], f['file'], f['subject'])] if id(v) not in used]
            exact = [v for v in cands if v['line'] == f['line']]
            near = sorted((abs(v['line'] - f['line']), v['where'], v) for v in cands if abs(v['line'] - f['line']) <= slack)
            v = exact[0] if exact else (near[0][2] if near else None)
            if v is not None:
                used.add(id(v))
            pairs.append((pkg, f, v))
    return pairs


def show(pkg, f, work):
    root = open(os.path.join(work, 'db', pkg, 'root')).read().strip()
    print(f"### {pkg} {SHORT[f['check']]} {f['file']}:{f['line']} '{f['subject']}'")
    print(f"    {f['message']}")
    for n in f['notes']:
        print(f"    note {n['file']}:{n['line']}: {n['message']}")
    try:
        # Lines as the compiler counts them: '\n' only (splitlines() also
        # breaks at form feeds, which C sources use between sections).
        with open(os.path.join(root, f['file']), errors='replace', newline='') as src:
            lines = src.read().split('\n')
        lo, hi = max(0, f['line'] - 6), min(len(lines), f['line'] + 3)
        for i in range(lo, hi):
            print(f"    {'>' if i + 1 == f['line'] else ' '}{i + 1:5} {lines[i]}")
    except OSError:
        pass
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('work', help='the work directory of fetch.sh')
    ap.add_argument('--leaklint', help='the leaklint binary to measure: analyse and store')
    ap.add_argument('--packages', help='comma-separated subset')
    ap.add_argument('--label', default='latest', help='name of the stored run (default: latest)')
    ap.add_argument('-j', type=int, default=2, help='leaklint -j (default 2)')
    ap.add_argument('--whole-program', action='store_true',
                    help='run leaklint --whole-program (each package is one program)')
    ap.add_argument('--report', action='store_true', help='print the table of the stored run')
    ap.add_argument('--triage', default=os.path.join(HERE, 'triage.md'))
    ap.add_argument('--new', action='store_true', help='list findings without a verdict')
    ap.add_argument('--show', action='store_true', help='with --new: print the notes and the source around each')
    ap.add_argument('--precision', action='store_true', help='verdict counts and precision per check')
    ap.add_argument('--slack', type=int, default=15, help='line shift tolerated when matching verdicts')
    a = ap.parse_args()
    work = os.path.abspath(a.work)

    if a.leaklint:
        leaklint = os.path.abspath(a.leaklint)
        outdir = os.path.join(work, 'results', a.label)
        os.makedirs(outdir, exist_ok=True)
        for pkg in packages(work, a.packages):
            print(f'[{pkg}] ...', file=sys.stderr, flush=True)
            r = analyse(work, pkg, leaklint, a.j,
                        ['--whole-program'] if a.whole_program else [])
            json.dump(r, open(os.path.join(outdir, pkg + '.json'), 'w'), indent=1)
            if r['crash']:
                print(f'[{pkg}] {r["crash"]}', file=sys.stderr)
    runs = load_run(work, a.label)
    if a.packages:
        runs = {k: v for k, v in runs.items() if k in a.packages.split(',')}
    if a.leaklint or a.report or not (a.new or a.precision):
        table(runs)
    if a.new or a.precision:
        pairs = match(runs, load_triage(a.triage), a.slack)
    if a.new:
        new = [(p, f) for p, f, v in pairs if v is None]
        print(f'\n{len(new)} of {len(pairs)} findings have no verdict')
        for p, f in new:
            if a.show:
                show(p, f, work)
            else:
                print(f"| {p} | {SHORT[f['check']]} | {f['file']}:{f['line']} | {f['subject']} | ? | {f['message']} |")
    if a.precision:
        count = defaultdict(Counter)
        for p, f, v in pairs:
            count[f['check']][v['verdict'] if v else 'untriaged'] += 1
        print(f"\n{'check':26} {'REAL':>5} {'DEBAT':>5} {'FALSE':>5} {'new':>5}  precision")
        allc = Counter()
        for c in CHECKS:
            k = count[c]
            allc.update(k)
            den = k['REAL'] + k['FALSE']
            prec = f"{100.0 * k['REAL'] / den:5.1f}%" if den else '    -'
            print(f"{c:26} {k['REAL']:5} {k['DEBATABLE']:5} {k['FALSE']:5} {k['untriaged']:5}  {prec}")
        den = allc['REAL'] + allc['FALSE']
        prec = f"{100.0 * allc['REAL'] / den:5.1f}%" if den else '    -'
        print(f"{'all':26} {allc['REAL']:5} {allc['DEBATABLE']:5} {allc['FALSE']:5} {allc['untriaged']:5}  {prec}")
        causes = Counter()
        for p, f, v in pairs:
            if v and v['verdict'] == 'FALSE':
                m = re.match(r'\s*\[(C\d+)\]', v['reason'])
                causes[m.group(1) if m else '(no cause)'] += 1
        if causes:
            print('\nFALSE findings per cause (the [Cn] tag of the reason, see causes.md): '
                  + ', '.join(f'{c} {n}' for c, n in sorted(causes.items(), key=lambda x: (-x[1], x[0]))))


if __name__ == '__main__':
    main()
