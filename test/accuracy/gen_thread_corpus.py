#!/usr/bin/env python3
"""Generates the accuracy corpus of leaklint-unjoined-thread: small C++17
programs in pairs, one with exactly one thread defect (bad) and its twin fixed
the way a maintainer would (good). Usage: gen_thread_corpus.py OUTDIR

Files are named <variant>_<kind>_<fix>_<NNN>.{bad,good}.cpp: the defect
variant, the thread kind (ctor, move, factory, pthread, vector, map, array,
carray, pool, member, detach...) and the fix of the good twin. A file whose
first line is `// FLAGS: ...` is compiled with those flags (std::jthread
needs C++20); every other file with -std=c++17. Generation is deterministic.
"""
import os
import sys
from string import Template

PRELUDE = r'''#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern std::atomic<bool> g_cancel;
extern int g_verbosity;
void process_chunk(int id);
void merge_results(int id);

static void log_msg(const char *msg) {
  if (g_verbosity > 0)
    std::fprintf(stderr, "%s\n", msg);
}

static bool chunk_failed(int part) { return part % 7 == 3 && g_cancel.load(); }

static void validate_batch(int id) {
  if (id < 0)
    throw std::out_of_range("negative batch id");
}

static void *chunk_main(void *arg) {
  process_chunk(static_cast<int>(reinterpret_cast<std::intptr_t>(arg)));
  return nullptr;
}

static void *to_arg(int id) { return reinterpret_cast<void *>(static_cast<std::intptr_t>(id)); }
'''

GUARD = r'''
class ThreadGuard {
public:
  explicit ThreadGuard(std::thread &t) : t_(t) {}
  ~ThreadGuard() {
    if (t_.joinable())
      t_.join();
  }
  ThreadGuard(const ThreadGuard &) = delete;
  ThreadGuard &operator=(const ThreadGuard &) = delete;

private:
  std::thread &t_;
};
'''

PGUARD = r'''
struct PthreadJoiner {
  pthread_t id;
  ~PthreadJoiner() { pthread_join(id, nullptr); }
};
'''

# Callables a std::thread is started with, on an int named by `a`.
CALLABLES = {
    'fn': ('', 'process_chunk, $a'),
    'lambda': ('', '[$a] { process_chunk($a); }'),
    'functor': ('\nstruct ChunkTask {\n  int id;\n  void operator()() const { process_chunk(id); }\n};\n',
                'ChunkTask{$a}'),
    'bind': ('', 'std::bind(process_chunk, $a)'),
    'memfn': ('\nstruct Indexer {\n  void scan(int shard) { process_chunk(shard); }\n};\n'
              'extern Indexer g_indexer;\n', '&Indexer::scan, &g_indexer, $a'),
}
CALL_ORDER = list(CALLABLES)


def sub(text, **kw):
    return Template(text).substitute(**kw)


def indent(text, n):
    pad = ' ' * n
    return '\n'.join(pad + l if l.strip() else l for l in text.split('\n'))


class Thread:
    """How one thread kind is started, joined, restarted and guarded."""

    def __init__(self, kind, call, arg='id', var='t', jthread=False):
        self.kind, self.var, self.arg = kind, var, arg
        cdecl, cargs = CALLABLES[call]
        self.args = sub(cargs, a=arg)
        self.decls = cdecl
        ty = 'std::jthread' if jthread else 'std::thread'
        v = var
        if kind == 'ctor':
            self.start = '%s %s(%s);' % (ty, v, self.args)
        elif kind == 'move':
            self.start = '%s %s;\nlog_msg("scheduling");\n%s = %s(%s);' % (ty, v, v, ty, self.args)
        elif kind == 'factory':
            self.decls += sub('\nstatic std::thread spawn_chunk(int id) {\n  std::thread th($c);\n'
                              '  return th;\n}\n', c=sub(cargs, a='id'))
            self.start = 'std::thread %s = spawn_chunk(%s);' % (v, arg)
        else:
            self.start = 'pthread_t %s;\npthread_create(&%s, nullptr, chunk_main, to_arg(%s));' % (v, v, arg)
        if kind == 'pthread':
            self.join = 'pthread_join(%s, nullptr);' % v
            self.restart = 'pthread_create(&%s, nullptr, chunk_main, to_arg(%s + 1));' % (v, arg)
            self.guard = 'PthreadJoiner joiner{%s};' % v
            self.guard_decl = PGUARD
            self.detach = 'pthread_detach(%s);' % v
            self.joinable = self.join
            self.finish_decl = '\nstatic void finish(pthread_t t) { pthread_join(t, nullptr); }\n'
        else:
            again = ('spawn_chunk(%s + 1)' % arg if kind == 'factory'
                     else '%s(%s)' % (ty, self.args.replace(arg, arg + ' + 1', 1)
                                      if call != 'lambda' else self.args.replace(
                                          '{ process_chunk(%s); }' % arg,
                                          '{ process_chunk(%s + 1); }' % arg)))
            self.restart = '%s = %s;' % (v, again)
            self.join = '%s.join();' % v
            self.guard = 'ThreadGuard guard(%s);' % v
            self.guard_decl = GUARD
            self.detach = '%s.detach();' % v
            self.joinable = 'if (%s.joinable())\n  %s.join();' % (v, v)
            self.finish_decl = ('\nstatic void finish(std::thread &t) {\n  if (t.joinable())\n    t.join();\n}\n')
        self.finish = 'finish(%s);' % v


# Functions the local-thread bodies live in: $COND is a condition on their
# parameters, $FAIL leaves early, $OK ends normally.
HOSTS = [
    dict(decl='', head='int run_batch(int id, bool dry_run) {', tail='}', cond='dry_run',
         fail='return -1;', ok='return 0;', ind=2),
    dict(decl='\nclass Importer {\npublic:\n  bool import_file(int id, const std::string &path);\n};\n',
         head='bool Importer::import_file(int id, const std::string &path) {', tail='}',
         cond='path.empty()', fail='return false;', ok='return true;', ind=2),
    dict(decl='', head='void refresh_cache(int id) {', tail='}', cond='g_cancel.load()',
         fail='return;', ok='return;', ind=2),
    dict(decl='', head='void schedule_all(const std::vector<int> &ids) {\n'
         '  auto step = [&](int id) -> bool {',
         tail='  };\n  for (int id : ids)\n    if (!step(id))\n      break;\n}',
         cond='ids.size() > 64', fail='return false;', ok='return true;', ind=4),
    dict(decl='\nstatic bool is_ready(int id) { return id % 2 == 0; }\n',
         head='long flush_segment(int id, long offset) {', tail='}', cond='!is_ready(id)',
         fail='return offset;', ok='return offset + id;', ind=2),
]


def hosted(host, body):
    text = sub(body, COND=host['cond'], FAIL=host['fail'], OK=host['ok'])
    text = indent(text, host['ind']).replace(' ' * host['ind'] + 'fail:', 'fail:')
    return host['decl'] + '\n' + host['head'] + '\n' + text + '\n' + host['tail'] + '\n'


# ---- local threads: one defect on one path --------------------------------
# Each returns (bad body, good body, extra decls) for a Thread `th` and a fix.

def local_never(th, fix, alt):
    bad = th.start + '\nlog_msg("chunk queued");\nmerge_results(id);\n$OK'
    end = {'join': th.join, 'detach': th.detach, 'joinable': th.joinable}[fix]
    good = th.start + '\nlog_msg("chunk queued");\nmerge_results(id);\n' + end + '\n$OK'
    return bad, good, ''


def local_early(th, fix, alt):
    check = 'if ($COND) {\n  log_msg("nothing to do");\n  %s$FAIL\n}\n'
    bad = th.start + '\n' + check % '' + 'merge_results(id);\n' + th.join + '\n$OK'
    if fix in ('joinfirst', 'helper'):
        first = th.join if fix == 'joinfirst' else th.finish
        good = th.start + '\n' + check % (first + '\n  ') + 'merge_results(id);\n' + th.join + '\n$OK'
        return bad, good, th.finish_decl if fix == 'helper' else ''
    elif fix == 'guard':
        good = th.start + '\n' + th.guard + '\n' + check % '' + 'merge_results(id);\n$OK'
        return bad, good, th.guard_decl
    elif fix == 'checkfirst':
        good = check % '' + th.start + '\nmerge_results(id);\n' + th.join + '\n$OK'
    else:  # jthread: alt is the same kind started as a std::jthread
        good = alt.start + '\n' + check % '' + 'merge_results(id);\n$OK'
    return bad, good, ''


def local_throw(th, fix, alt, fn=False):
    raise_ = 'validate_batch(id);' if fn else 'if (id < 0)\n  throw std::invalid_argument("bad batch id");'
    bad = th.start + '\n' + raise_ + '\nmerge_results(id);\n' + th.join + '\n$OK'
    if fix in ('rethrow', 'helper'):
        good = (th.start + '\ntry {\n' + indent(raise_ + '\nmerge_results(id);', 2) +
                '\n} catch (...) {\n  ' + (th.join if fix == 'rethrow' else th.finish) + '\n  throw;\n}\n' +
                th.join + '\n$OK')
        return bad, good, th.finish_decl if fix == 'helper' else ''
    elif fix == 'guard':
        good = th.start + '\n' + th.guard + '\n' + raise_ + '\nmerge_results(id);\n$OK'
        return bad, good, th.guard_decl
    elif fix == 'checkfirst':
        good = raise_ + '\n' + th.start + '\nmerge_results(id);\n' + th.join + '\n$OK'
    else:
        good = alt.start + '\n' + raise_ + '\nmerge_results(id);\n$OK'
    return bad, good, ''


def local_throwfn(th, fix, alt):
    return local_throw(th, fix, alt, fn=True)


def local_loop(th, fix, alt, jump):
    loops = {'break': 'for (int part = 0; part < 8; ++part) {',
             'continue': 'for (int part : {1, 2, 3, 5, 8}) {'}
    fail = '  if (chunk_failed(part)) {\n    log_msg("chunk failed");\n    %s%s;\n  }\n'
    start = indent(th.start, 2)
    tail = '  merge_results(part);\n'
    bad = loops[jump] + '\n' + start + '\n' + fail % ('', jump) + tail + '  ' + th.join + '\n}\n$OK'
    if fix == 'joinfirst':
        good = (loops[jump] + '\n' + start + '\n' + fail % (th.join + '\n    ', jump) + tail +
                '  ' + th.join + '\n}\n$OK')
    else:
        good = loops[jump] + '\n' + start + '\n  ' + th.guard + '\n' + fail % ('', jump) + tail + '}\n$OK'
        return bad, good, th.guard_decl
    return bad, good, ''


def local_break(th, fix, alt):
    return local_loop(th, fix, alt, 'break')


def local_continue(th, fix, alt):
    return local_loop(th, fix, alt, 'continue')


def local_goto(th, fix, alt):
    def body(before, at_label):
        return (th.start + '\nif ($COND) {\n  %sgoto fail;\n}\nmerge_results(id);\n' % before + th.join +
                '\n$OK\nfail:\n' + at_label + 'log_msg("giving up");\n$FAIL')
    bad = body('', '')
    good = body(th.join + '\n  ', '') if fix == 'joinfirst' else body('', th.join + '\n')
    return bad, good, ''


def local_switch(th, fix, alt):
    def body(abort_join, default):
        return (th.start + '\nswitch (id % 3) {\ncase 0:\n  ' + th.join + '\n  break;\ncase 1:\n'
                '  log_msg("aborted");\n  ' + abort_join + '$FAIL\ndefault:\n  merge_results(id);\n' +
                default + '  break;\n}\n$OK')
    bad = body('', '  ' + th.join + '\n')
    if fix == 'joincase':
        good = body(th.join + '\n  ', '  ' + th.join + '\n')
    else:  # join once after the switch
        good = (th.start + '\nbool aborted = false;\nswitch (id % 3) {\ncase 0:\n  break;\ncase 1:\n'
                '  log_msg("aborted");\n  aborted = true;\n  break;\ndefault:\n  merge_results(id);\n'
                '  break;\n}\n' + th.join + '\nif (aborted)\n  $FAIL\n$OK')
    return bad, good, ''


def local_moveover(th, fix, alt):
    bad = th.start + '\nmerge_results(id);\n' + th.restart + '\n' + th.join + '\n$OK'
    first = th.join if fix == 'joinfirst' else th.joinable
    good = th.start + '\nmerge_results(id);\n' + first + '\n' + th.restart + '\n' + th.join + '\n$OK'
    return bad, good, ''


LOCAL = [  # variant, function, fixes (std::thread kinds), fixes (pthread)
    ('never', local_never, ['join', 'detach', 'joinable'], ['join', 'detach']),
    ('early-return', local_early, ['joinfirst', 'guard', 'checkfirst', 'jthread', 'helper'],
     ['joinfirst', 'guard', 'checkfirst', 'helper']),
    ('throw', local_throw, ['rethrow', 'guard', 'checkfirst', 'jthread', 'helper'],
     ['rethrow', 'guard', 'checkfirst']),
    ('throw-fn', local_throwfn, ['rethrow', 'guard', 'checkfirst', 'jthread'], ['rethrow', 'checkfirst']),
    ('break', local_break, ['joinfirst', 'guard'], ['joinfirst']),
    ('continue', local_continue, ['joinfirst', 'guard'], ['joinfirst', 'guard']),
    ('goto', local_goto, ['joinfirst', 'joinlabel'], ['joinlabel']),
    ('switch', local_switch, ['joincase', 'joinafter'], ['joincase']),
    ('move-over', local_moveover, ['joinfirst', 'joinable'], ['joinfirst']),
]


def gen_local():
    n = 0
    for variant, fn, fixes, pfixes in LOCAL:
        for kind in ('ctor', 'move', 'factory', 'pthread'):
            for fix in (pfixes if kind == 'pthread' else fixes):
                if fix == 'jthread' and kind == 'factory':
                    continue
                call = CALL_ORDER[n % len(CALL_ORDER)]
                host = HOSTS[n % len(HOSTS)]
                n += 1
                arg = 'part' if variant in ('break', 'continue') else 'id'
                th = Thread(kind, call, arg)
                alt = Thread(kind, call, arg, jthread=True)
                bad, good, extra = fn(th, fix, alt)
                decls = th.decls + extra
                std = '-std=c++20' if fix == 'jthread' else None
                yield (variant, kind, fix, decls + hosted(host, bad), decls + hosted(host, good), std)


def gen_condstart():
    """Started under one condition, joined under another one."""
    for i, (kind, fix) in enumerate([('move', 'flag'), ('move', 'joinable'), ('move', 'samecond'),
                                     ('factory', 'flag'), ('factory', 'joinable'),
                                     ('pthread', 'flag'), ('pthread', 'samecond')]):
        call = CALL_ORDER[i % len(CALL_ORDER)]
        th = Thread(kind, call)
        if kind == 'pthread':
            decl_t = 'pthread_t t;\n'
            start = 'pthread_create(&t, nullptr, chunk_main, to_arg(id));'
        else:
            decl_t = 'std::thread t;\n'
            start = th.start.split('\n')[-1].replace('std::thread t = ', 't = ')
        flag = 'bool started = false;\n' if fix == 'flag' else ''
        mark = '\n  started = true;' if fix == 'flag' else ''
        cond = {'flag': 'started', 'joinable': 't.joinable()', 'samecond': 'async'}[fix]

        def body(join_cond):
            return ('%s%sif (async) {\n  %s%s\n} else {\n  process_chunk(id);\n}\nmerge_results(id);\n'
                    'if (%s)\n  %s\n' % (decl_t, flag, start, mark, join_cond, th.join))
        head = ('void sync_shard(int id, bool async, bool wait) {\n' if i % 2 == 0 else
                'class Replicator {\npublic:\n  void push(int id, bool async, bool wait);\n};\n\n'
                'void Replicator::push(int id, bool async, bool wait) {\n')
        bad = th.decls + head + indent(body('async && wait'), 2) + '}\n'
        good = th.decls + head + indent(body(cond), 2) + '  (void)wait;\n}\n'
        yield ('cond-start', kind, fix, bad, good, None)


def gen_handoff():
    """A local thread never joined in the function that starts it; the fix
    hands it to an owner that joins it later."""
    for i, (kind, fix) in enumerate([(k, f) for f in ('tomember', 'tocaller', 'tovector')
                                     for k in ('ctor', 'move', 'factory')]):
        th = Thread(kind, CALL_ORDER[(i + 2) % len(CALL_ORDER)])
        start = indent(th.start, 4)
        if fix == 'tomember':
            cls = ('class Uploader {\npublic:\n  ~Uploader() {\n    if (worker_.joinable())\n'
                   '      worker_.join();\n  }\n  void begin(int id) {\n    if (worker_.joinable())\n'
                   '      worker_.join();\n' + start + '\n    log_msg("upload scheduled");\n%s  }\n\n'
                   'private:\n  std::thread worker_;\n};\n\nvoid upload(int id) {\n  Uploader up;\n'
                   '  up.begin(id);\n}\n')
            bad, good = cls % '', cls % '    worker_ = std::move(t);\n'
        elif fix == 'tocaller':
            fn = ('%s start_upload(int id) {\n' + indent(th.start, 2) + '\n  log_msg("upload scheduled");\n'
                  '%s}\n\nvoid upload_all() {\n  %sstart_upload(7);\n  merge_results(7);\n%s}\n')
            bad = fn % ('void', '', '', '')
            good = fn % ('std::thread', '  return t;\n', 'std::thread t = ', '  t.join();\n')
        else:
            fn = ('void spawn_into(std::vector<std::thread> &out, int id) {\n' + indent(th.start, 2) +
                  '\n  log_msg("spawned");\n%s}\n\nvoid run_all(int n) {\n  std::vector<std::thread> pool;\n'
                  '  for (int i = 0; i < n; ++i)\n    spawn_into(pool, i);\n'
                  '  for (auto &w : pool)\n    w.join();\n}\n')
            bad, good = fn % '', fn % '  out.push_back(std::move(t));\n'
        yield ('handoff', kind, fix, th.decls + '\n' + bad, th.decls + '\n' + good, None)


# ---- containers of threads ------------------------------------------------

DRAINS = {
    'rangefor': 'for (auto &w : $c)\n  w.join();',
    'index': 'for (std::size_t i = 0; i < $c.size(); ++i)\n  $c[i].join();',
    'foreach': 'std::for_each($c.begin(), $c.end(), [](std::thread &w) { w.join(); });',
    'memfn': 'std::for_each($c.begin(), $c.end(), std::mem_fn(&std::thread::join));',
    'joinable': 'for (std::thread &w : $c)\n  if (w.joinable())\n    w.join();',
    'iter': 'for (auto it = $c.begin(); it != $c.end(); ++it)\n  it->join();',
    'popback': 'while (!$c.empty()) {\n  $c.back().join();\n  $c.pop_back();\n}',
    'joinall': 'join_all($c);',
    'mapfor': 'for (auto &entry : $c)\n  entry.second.join();',
    'binding': 'for (auto &[name, w] : $c)\n  w.join();',
    'pindex': 'for (std::size_t i = 0; i < $c.size(); ++i)\n  pthread_join($c[i], nullptr);',
    'parray': 'for (int i = 0; i < kLanes; ++i)\n  pthread_join($c[i], nullptr);',
    'prange': 'for (pthread_t id : $c)\n  pthread_join(id, nullptr);',
}

FILLS = {  # container kind -> (declaration, fill loop) with $c, $n and $args(i)
    'vector': ('std::vector<std::thread> $c;\n$c.reserve($n);',
               'for (int i = 0; i < $n; ++i)\n  $c.emplace_back($args);'),
    'map': ('std::map<std::string, std::thread> $c;',
            'for (int i = 0; i < $n; ++i)\n  $c.emplace("lane-" + std::to_string(i), std::thread($args));'),
    'array': ('std::array<std::thread, 4> $c;',
              'for (int i = 0; i < static_cast<int>($c.size()); ++i)\n  $c[i] = std::thread($args);'),
    'carray': ('std::thread $c[kLanes];', 'for (int i = 0; i < kLanes; ++i)\n  $c[i] = std::thread($args);'),
    'pvector': ('std::vector<pthread_t> $c($n);',
                'for (int i = 0; i < $n; ++i)\n  pthread_create(&$c[i], nullptr, chunk_main, to_arg(i));'),
    'parray': ('pthread_t $c[kLanes];',
               'for (int i = 0; i < kLanes; ++i)\n  pthread_create(&$c[i], nullptr, chunk_main, to_arg(i));'),
}


def container(ckind, call, name, n='n'):
    cdecl, cargs = CALLABLES[call]
    args = sub(cargs, a='i')
    decl, fill = FILLS[ckind]
    extra = cdecl + ('\nconstexpr int kLanes = 4;\n' if 'kLanes' in decl + fill else '')
    return extra, sub(decl, c=name, n=n), sub(fill, c=name, n=n, args=args)


# variant -> container kind:fixes of its good twins
CONTAINER_CASES = [
    ('never', 'vector:rangefor,index,foreach,memfn,joinable,iter,popback,joinall map:mapfor,binding array:rangefor,index '
              'carray:rangefor pvector:pindex,prange parray:parray'),
    ('early-return', 'vector:drainfirst,checkfirst map:drainfirst pvector:drainfirst'),
    ('throw-fn', 'vector:rethrow,checkfirst array:rethrow'),
    ('clear', 'vector:rangefor,foreach,joinall map:mapfor'),
    ('some-paths', 'vector:detachelse,always carray:always'),
]

JOIN_ALL = ('\nstatic void join_all(std::vector<std::thread> &threads) {\n  for (auto &t : threads)\n'
            '    if (t.joinable())\n      t.join();\n}\n')

DEFAULT_DRAIN = {'vector': 'rangefor', 'map': 'mapfor', 'array': 'index', 'carray': 'rangefor',
                 'pvector': 'pindex', 'parray': 'parray'}

CONTAINER_HOSTS = [
    ('void render_tiles(int n) {', '}', 'n > 64'),
    ('bool Crawler::crawl(int n) {', '}', 'seeds_.empty()'),
    ('int encode_frames(int n, bool preview) {', '}', 'preview'),
]
CRAWLER = '\nclass Crawler {\npublic:\n  bool crawl(int n);\n\nprivate:\n  std::vector<std::string> seeds_;\n};\n'


def gen_containers():
    k = 0
    cases = [(variant, ckind, fix) for variant, spec in CONTAINER_CASES
             for ckind, fixes in (item.split(':') for item in spec.split()) for fix in fixes.split(',')]
    for variant, ckind, fix in cases:
        call = ['fn', 'lambda', 'functor', 'bind'][k % 4]
        head, tail, cond = CONTAINER_HOSTS[k % len(CONTAINER_HOSTS)]
        fail, ok = {0: ('return;', ''), 1: ('return false;', 'return true;'),
                    2: ('return -1;', 'return n;')}[k % len(CONTAINER_HOSTS)]
        k += 1
        name = ['workers', 'lanes', 'jobs'][k % 3]
        extra, decl, fill = container(ckind, call, name)
        drain = sub(DRAINS[fix if fix in DRAINS else DEFAULT_DRAIN[ckind]], c=name)
        std_drain = sub(DRAINS[DEFAULT_DRAIN[ckind]], c=name)
        if variant == 'never':
            bad = [decl, fill, 'log_msg("dispatched");']
            good = bad + [drain]
        elif variant == 'early-return':
            ret = 'if (%s) {\n  log_msg("cancelled");\n%s  %s\n}' % (cond, '%s', fail)
            bad = [decl, fill, ret % '', std_drain]
            if fix == 'drainfirst':
                good = [decl, fill, ret % indent(std_drain + '\n', 2), std_drain]
            else:
                good = [ret % '', decl, fill, std_drain]
        elif variant == 'throw-fn':
            bad = [decl, fill, 'validate_batch(n);', std_drain]
            if fix == 'rethrow':
                good = [decl, fill, 'try {\n  validate_batch(n);\n} catch (...) {\n' + indent(std_drain, 2) +
                        '\n  throw;\n}', std_drain]
            else:
                good = ['validate_batch(n);', decl, fill, std_drain]
        elif variant == 'clear':
            rounds = 'for (int round = 0; round < 3; ++round) {\n' + indent(fill, 2) + '\n%s  %s.clear();\n}'
            bad = [decl, rounds % ('', name)]
            good = [decl, rounds % (indent(drain, 2) + '\n', name)]
        else:  # some-paths: drained only when asked to wait
            tail_ = 'if (%s) {\n  log_msg("waiting");\n%s}%s'
            bad = [decl, fill, tail_ % (cond, indent(std_drain, 2) + '\n', '')]
            if fix == 'detachelse':
                good = [decl, fill, tail_ % (cond, indent(std_drain, 2) + '\n', ' else {\n  for (auto &w : %s)\n'
                                             '    w.detach();\n}' % name)]
            else:
                good = [decl, fill, 'if (%s)\n  log_msg("waiting");' % cond, std_drain]
        if ok:
            bad, good = bad + [ok], good + [ok]
        pre = extra + (CRAWLER if 'Crawler' in head else '') + (JOIN_ALL if fix == 'joinall' else '') + '\n'
        b = pre + head + '\n' + indent('\n'.join(bad), 2) + '\n' + tail + '\n'
        g = pre + head + '\n' + indent('\n'.join(good), 2) + '\n' + tail + '\n'
        yield (variant, ckind, fix, b, g, None)


# ---- classes that own threads ---------------------------------------------

POOL = r'''
class $Cls {
public:
  explicit $Cls(int n) {
$fill
  }
  ~$Cls() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
$dtor  }
  void submit(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(job));
    }
    cv_.notify_one();
  }
$extra
private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_ || !queue_.empty()) {
      if (queue_.empty()) {
        cv_.wait(lock);
        continue;
      }
      std::function<void()> job = std::move(queue_.back());
      queue_.pop_back();
      lock.unlock();
      job();
      lock.lock();
    }
  }
$entry
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<std::function<void()>> queue_;
  $member
};

void $use(int n) {
  $Cls pool(n);
  for (int i = 0; i < n; ++i)
    pool.submit([i] { process_chunk(i); });
}
'''

POOL_KINDS = {  # member, fill, drain
    'vector': ('std::vector<std::thread> workers_;',
               'for (int i = 0; i < n; ++i)\n  workers_.emplace_back([this] { run(); });',
               'for (auto &w : workers_)\n  w.join();'),
    'vector-memfn': ('std::vector<std::thread> workers_;',
                     'workers_.reserve(n);\nfor (int i = 0; i < n; ++i)\n  workers_.emplace_back(&$Cls::run, this);',
                     'for (std::thread &w : workers_)\n  if (w.joinable())\n    w.join();'),
    'map': ('std::map<int, std::thread> workers_;',
            'for (int i = 0; i < n; ++i)\n  workers_[i] = std::thread([this] { run(); });',
            'for (auto &entry : workers_)\n  entry.second.join();'),
    'array': ('std::array<std::thread, 4> workers_;',
              '(void)n;\nfor (auto &w : workers_)\n  w = std::thread(&$Cls::run, this);',
              'std::for_each(workers_.begin(), workers_.end(), [](std::thread &w) { w.join(); });'),
    'pthread': ('std::vector<pthread_t> workers_;',
                'for (int i = 0; i < n; ++i) {\n  pthread_t id;\n  if (pthread_create(&id, nullptr, &$Cls::entry, this) == 0)\n'
                '    workers_.push_back(id);\n}',
                'for (pthread_t id : workers_)\n  pthread_join(id, nullptr);'),
}


def gen_pools():
    names = [('TaskPool', 'drain_queue'), ('Executor', 'run_jobs'), ('WorkQueue', 'process_all')]
    k = 0
    for pkind, (member, fill, drain) in POOL_KINDS.items():
        for fix in ('dtorjoin', 'shutdown'):
            cls, use = names[k % len(names)]
            k += 1
            entry = ('  static void *entry(void *self) {\n    static_cast<$Cls *>(self)->run();\n    return nullptr;\n  }\n'
                     if pkind == 'pthread' else '')
            def make(joined):
                if fix == 'dtorjoin':
                    dtor, extra = (indent(drain, 4) + '\n') if joined else '', ''
                else:
                    dtor = '    shutdown();\n'
                    extra = ('  void shutdown() {\n    log_msg("pool shutting down");\n' +
                             (indent(drain, 4) + '\n' if joined else '') + '  }\n')
                text = sub(POOL, fill=indent(fill, 4), dtor=dtor, extra=extra, entry=entry, member=member,
                           Cls='$Cls', use=use)
                return sub(text, Cls=cls)
            yield ('pool', pkind, fix, make(False), make(True), None)


MEMBER = r'''
class $Cls {
public:
  explicit $Cls(int period_ms)$init {$ctor}
  ~$Cls() {
    running_ = false;
$dtor  }
$methods
private:
  void loop() {
    while (running_)
      std::this_thread::sleep_for(std::chrono::milliseconds(period_ms_));
  }
$entry
  int period_ms_;
  std::atomic<bool> running_{true};
  $member
};

void $use(int period_ms) {
  $Cls obj(period_ms);
$calls  merge_results(period_ms);
}
'''


def gen_members():
    cases = [  # start style, how the destructor reaches the join (fix)
        ('init', 'dtorjoin'), ('init', 'stopfn'), ('dmi', 'dtorjoin'), ('dmi', 'joinable'),
        ('start', 'joinable'), ('start', 'stopfn'), ('lambda-start', 'dtorjoin'), ('move-start', 'joinable'),
        ('pthread', 'dtorjoin'), ('pthread', 'stopfn'), ('dmi', 'stopfn'),
    ]
    names = [('Heartbeat', 'monitor'), ('MetricsFlusher', 'collect'), ('Watchdog', 'supervise'),
             ('LogTailer', 'follow')]
    for k, (style, fix) in enumerate(cases):
        cls, use = names[k % len(names)]
        pth = style == 'pthread'
        member = 'pthread_t tid_{};\n  bool started_ = false;' if pth else 'std::thread ticker_;'
        init, ctor, methods, calls, entry = ' : period_ms_(period_ms)', '', '', '', ''
        if style == 'init':
            init += ', ticker_(&$Cls::loop, this)'
        elif style == 'dmi':
            member = 'std::thread ticker_{[this] { loop(); }};'
        elif pth:
            ctor = '\n    started_ = pthread_create(&tid_, nullptr, &$Cls::entry, this) == 0;\n  '
            entry = '  static void *entry(void *self) {\n    static_cast<$Cls *>(self)->loop();\n    return nullptr;\n  }\n'
        else:
            body = {'start': 'ticker_ = std::thread(&$Cls::loop, this);',
                    'lambda-start': 'ticker_ = std::thread([this] { loop(); });',
                    'move-start': 'std::thread t([this] { loop(); });\n    ticker_ = std::move(t);'}[style]
            methods = '  void start() {\n    if (ticker_.joinable())\n      return;\n    %s\n  }\n' % body
            calls = '  obj.start();\n'
        join = ('if (started_)\n  pthread_join(tid_, nullptr);' if pth else
                'if (ticker_.joinable())\n  ticker_.join();' if fix == 'joinable' else 'ticker_.join();')

        def make(joined):
            if fix == 'stopfn':
                dtor = '    stop();\n'
                m = methods + '  void stop() {\n    running_ = false;\n' + (indent(join, 4) + '\n' if joined else '') + '  }\n'
            else:
                dtor = indent(join, 4) + '\n' if joined else ''
                m = methods
            text = sub(MEMBER, init=init, ctor=ctor, dtor=dtor, methods=m, entry=entry, member=member,
                       calls=calls, Cls='$Cls', use=use)
            return sub(text, Cls=cls)
        yield ('member', 'pthread' if pth else style, fix, make(False), make(True), None)


# ---- detached threads that outlive what they use --------------------------

def gen_detached():
    shared = ('\nstd::vector<int> collect_samples(int id);\nvoid upload(const std::vector<int> &samples);\n'
              'void bump(int *counter);\nvoid format_line(const char *text);\n')
    cases = []
    # locals captured by reference
    for k, (cap, fix, good_cap) in enumerate([('&samples', 'byvalue', 'samples'),
                                              ('&', 'move', 'samples = std::move(samples)'),
                                              ('&samples', 'byvalue', '=')]):
        named = k == 1
        def f(c):
            start = ('std::thread t([%s] { upload(samples); });\nt.detach();' % c if named else
                     'std::thread([%s] { upload(samples); }).detach();' % c)
            return ('void publish_async(int id) {\n  std::vector<int> samples = collect_samples(id);\n' +
                    indent(start, 2) + '\n  log_msg("publishing");\n}\n')
        cases.append(('ref-capture', 'lambda', fix, f(cap), f(good_cap)))
    # shared_ptr instead of a local
    bad = ('void publish_async(int id) {\n  std::vector<int> samples = collect_samples(id);\n'
           '  std::thread([&samples] { upload(samples); }).detach();\n}\n')
    good = ('void publish_async(int id) {\n  auto samples = std::make_shared<std::vector<int>>(collect_samples(id));\n'
            '  std::thread([samples] { upload(*samples); }).detach();\n}\n')
    cases.append(('ref-capture', 'lambda', 'shared', bad, good))
    # std::ref to a local
    f = ('void consume(const std::vector<int> &batch);\n\nvoid dispatch(int id, bool urgent) {\n'
         '  std::vector<int> batch = collect_samples(id);\n  if (urgent)\n    log_msg("urgent batch");\n'
         '  std::thread t(consume, %s);\n  t.detach();\n}\n')
    cases.append(('std-ref', 'fn', 'copyarg', f % 'std::ref(batch)', f % 'batch'))
    cases.append(('std-ref', 'fn', 'movearg', f % 'std::cref(batch)', f % 'std::move(batch)'))
    # pointers to stack data
    f = ('void report(const char *user) {\n  char line[128];\n  std::snprintf(line, sizeof line, "login %%s", user);\n%s}\n')
    cases.append(('stack-ptr', 'array', 'string', f % '  std::thread(format_line, line).detach();\n',
                  'void format_owned(std::string text) { format_line(text.c_str()); }\n\n' +
                  f % '  std::thread(format_owned, std::string(line)).detach();\n'))
    f = 'void count_events(int n) {\n  %s\n  for (int i = 0; i < n; ++i)\n    std::thread(%s).detach();\n}\n'
    cases.append(('stack-ptr', 'fn', 'shared',
                  f % ('int counter = 0;', 'bump, &counter'),
                  'void bump_shared(std::shared_ptr<int> counter) { bump(counter.get()); }\n\n' +
                  f % ('auto counter = std::make_shared<int>(0);', 'bump_shared, counter')))
    # pthread with a pointer to a local struct
    job = ('\nstruct Job {\n  int id;\n  std::string name;\n};\n\nstatic void *run_job(void *arg) {\n%s'
           '  process_chunk(job->id);\n  return nullptr;\n}\n\n')
    bad = (job % '  Job *job = static_cast<Job *>(arg);\n' +
           'void launch(int id) {\n  Job job{id, "import"};\n  pthread_t t;\n'
           '  if (pthread_create(&t, nullptr, run_job, &job) == 0)\n    pthread_detach(t);\n}\n')
    good = (job % '  std::unique_ptr<Job> job(static_cast<Job *>(arg));\n' +
            'void launch(int id) {\n  auto job = std::make_unique<Job>(Job{id, "import"});\n  pthread_t t;\n'
            '  if (pthread_create(&t, nullptr, run_job, job.get()) == 0) {\n    job.release();\n'
            '    pthread_detach(t);\n  }\n}\n')
    cases.append(('stack-ptr', 'pthread', 'heap', bad, good))
    # `this` of an object on the stack
    sess = ('\nclass Session%s {\npublic:\n  explicit Session(int fd) : fd_(fd) {}\n  void start() {\n'
            '    std::thread(%s).detach();\n  }\n\nprivate:\n  void serve() { process_chunk(fd_); }\n'
            '  int fd_;\n};\n\nvoid accept_one(int fd) {\n%s  log_msg("accepted");\n}\n')
    cases.append(('this-capture', 'lambda', 'shared-from-this',
                  sess % ('', '[this] { serve(); }', '  Session s(fd);\n  s.start();\n'),
                  sess % (' : public std::enable_shared_from_this<Session>',
                          '[self = shared_from_this()] { self->serve(); }',
                          '  auto s = std::make_shared<Session>(fd);\n  s->start();\n')))
    cases.append(('this-capture', 'memfn', 'joined',
                  sess % ('', '&Session::serve, this', '  Session s(fd);\n  s.start();\n'),
                  sess.replace('std::thread(%s).detach();', 'std::thread(%s).join();') % (
                      '', '&Session::serve, this', '  Session s(fd);\n  s.start();\n')))
    # a thread stored in a member, whose callable refers to a local of the starter
    srv = ('\nclass Server {\npublic:\n  ~Server() {\n    for (auto &w : workers_)\n      w.join();\n  }\n'
           '  void spawn(int port) {\n    std::string name = "listener-" + std::to_string(port);\n'
           '    workers_.emplace_back([%s] { log_msg(name.c_str()); });\n  }\n\nprivate:\n'
           '  std::vector<std::thread> workers_;\n};\n\nvoid serve_ports() {\n  Server s;\n  s.spawn(80);\n'
           '  s.spawn(443);\n}\n')
    cases.append(('stored-ref', 'vector', 'byvalue', srv % '&name', srv % 'name'))
    cases.append(('stored-ref', 'vector', 'move', srv % '&', srv % 'name = std::move(name)'))
    for variant, kind, fix, bad, good in cases:
        yield (variant, kind, fix, shared + bad, shared + good, None)


GENERATORS = [gen_local, gen_condstart, gen_handoff, gen_containers, gen_pools, gen_members, gen_detached]


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: gen_thread_corpus.py OUTDIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    count = 0
    for gen in GENERATORS:
        for variant, kind, fix, bad, good, std in gen():
            stem = '%s_%s_%s_%03d' % (variant, kind, fix, count)
            for tag, text in (('bad', bad), ('good', good)):
                head = '// FLAGS: %s\n' % std if std else ''
                with open(os.path.join(out, '%s.%s.cpp' % (stem, tag)), 'w') as f:
                    f.write(head + PRELUDE + text)
            count += 1
    print('%d pairs written to %s' % (count, out))


if __name__ == '__main__':
    main()
