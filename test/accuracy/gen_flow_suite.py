#!/usr/bin/env python3
"""Flow-variant leak suite for leaklint-owning-pointer, written independently of
the engine, in the style of the classic leak suites (Juliet CWE-401 memory leak,
CWE-772/775 resource and descriptor leaks, CWE-762/404 mismatched release).

  gen_flow_suite.py OUTDIR                  write the suite
  gen_flow_suite.py --validate OUTDIR       build every case against a small
                                            support library and run it under
                                            valgrind (see gen_flow_suite.md)

Each case is a pair <group>_<variant>_<kind>_<NNN>.bad.<ext> (exactly one
defect) / .good.<ext> (the same code fixed the way a maintainer would; some good
files hold several fixed variants, as Juliet's goodB2G/goodG2B). A few traps have
only a good file. Externally defined helpers (printLine, rand_bool, globalTrue,
...) are declared, not defined, as in Juliet; every case's entry point is
flow_case(), never main. The output is deterministic."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# --------------------------------------------------------------------------
# Resource kinds
# --------------------------------------------------------------------------


class Kind:
    """How to acquire, use and release one kind of resource held in a variable.
    prefix: the declaration prefix ('char *' or 'int '); use/release: code with
    {v} for the variable (use may be several lines); ptr: a pointer (can go
    through void*); c: usable in C."""

    def __init__(self, name, prefix, acq, use, rel, null='NULL', ptr=True, c=True,
                 helpers=''):
        self.name, self.prefix, self.acq, self._use, self._rel = name, prefix, acq, use, rel
        self.null, self.ptr, self.c, self.helpers = null, ptr, c, helpers

    @property
    def T(self):
        return self.prefix.rstrip()

    def decl(self, v):
        return self.prefix + v

    def use(self, v):
        return self._use.format(v=paren(v))

    def rel(self, v):
        if self._rel == '@@RELEASE@@':      # filled in later (gen_mism)
            return '@@RELEASE@@(%s)@@' % paren(v)
        return self._rel.format(v=paren(v))


def paren(v):
    return v if re.fullmatch(r'[A-Za-z_][\w:]*(\.\w+|->\w+|\[\w+\])*', v) else '(%s)' % v


STRBUF = r'''struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};

static struct strbuf *strbuf_new(size_t cap)
{
    struct strbuf *sb = (struct strbuf *)malloc(sizeof(struct strbuf));
    if (sb == NULL) {
        return NULL;
    }
    sb->buf = (char *)malloc(cap);
    if (sb->buf == NULL) {
        free(sb);
        return NULL;
    }
    sb->buf[0] = '\0';
    sb->len = 0;
    sb->cap = cap;
    return sb;
}

static void strbuf_append(struct strbuf *sb, const char *s)
{
    size_t n = strlen(s);
    if (sb->len + n + 1 <= sb->cap) {
        memcpy(sb->buf + sb->len, s, n + 1);
        sb->len += n;
    }
}

static void strbuf_free(struct strbuf *sb)
{
    if (sb != NULL) {
        free(sb->buf);
        free(sb);
    }
}
'''

NULLCHK = 'if ({v} == NULL) {{\n    exit(-1);\n}}\n'
KINDS = {k.name: k for k in [
    Kind('malloc', 'char *', '(char *)malloc(100 * sizeof(char))',
         NULLCHK + 'strcpy({v}, "flow");\nprintLine({v});', 'free({v});'),
    Kind('calloc', 'int *', '(int *)calloc(100, sizeof(int))',
         NULLCHK + '{v}[0] = 5;\nprintIntLine({v}[0]);', 'free({v});'),
    Kind('realloc', 'char *', '(char *)realloc(NULL, 100 * sizeof(char))',
         NULLCHK + 'strcpy({v}, "A String");\nprintLine({v});', 'free({v});'),
    Kind('strdup', 'char *', 'strdup("flow suite")', NULLCHK + 'printLine({v});', 'free({v});'),
    Kind('new', 'int *', 'new int(5)', 'printIntLine(*{v});', 'delete {v};', c=False),
    Kind('newarr', 'int *', 'new int[100]', '{v}[0] = 5;\nprintIntLine({v}[0]);',
         'delete [] {v};', c=False),
    Kind('fopen', 'FILE *', 'fopen("flow_suite.txt", "w+")',
         'if ({v} != NULL) {{\n    fputs("flow", {v});\n}}',
         'if ({v} != NULL) {{ fclose({v}); }}'),
    Kind('open', 'int ', 'open("flow_suite.txt", O_RDWR | O_CREAT, 0600)',
         'if ({v} != -1) {{\n    printIntLine((int)write({v}, "flow", 4));\n}}',
         'if ({v} != -1) {{ close({v}); }}', null='-1', ptr=False),
    Kind('socket', 'int ', 'socket(AF_INET, SOCK_STREAM, 0)',
         'if ({v} != -1) {{\n    printLine("socket ready");\n}}',
         'if ({v} != -1) {{ close({v}); }}', null='-1', ptr=False),
    Kind('strbuf', 'struct strbuf *', 'strbuf_new(100)',
         NULLCHK + 'strbuf_append({v}, "flow");\nprintLine({v}->buf);', 'strbuf_free({v});',
         helpers=STRBUF),
]}
ALL = list(KINDS)                       # rotation order
PTR = [k for k in ALL if KINDS[k].ptr]
FREEK = ['malloc', 'calloc', 'realloc', 'strdup']   # released with free()
CPPK = ['new', 'newarr']

# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------

C_HEADERS = ['stdio.h', 'stdlib.h', 'string.h', 'fcntl.h', 'unistd.h', 'sys/socket.h']

EXTERNS = '''extern int globalTrue;
extern int globalFalse;
extern int globalFive;
extern const int GLOBAL_CONST_TRUE;
extern const int GLOBAL_CONST_FALSE;
extern const int GLOBAL_CONST_FIVE;
int globalReturnsTrue(void);
int globalReturnsFalse(void);
int rand_bool(void);
void printLine(const char *line);
void printIntLine(int value);
'''

# File-level definitions pulled in when a case's body names them.
STATICS = [
    ('STATIC_CONST_TRUE', 'static const int STATIC_CONST_TRUE = 1;'),
    ('STATIC_CONST_FALSE', 'static const int STATIC_CONST_FALSE = 0;'),
    ('STATIC_CONST_FIVE', 'static const int STATIC_CONST_FIVE = 5;'),
    ('staticTrue', 'static int staticTrue = 1;'),
    ('staticFalse', 'static int staticFalse = 0;'),
    ('staticFive', 'static int staticFive = 5;'),
    ('staticReturnsTrue', 'static int staticReturnsTrue(void)\n{\n    return 1;\n}'),
    ('staticReturnsFalse', 'static int staticReturnsFalse(void)\n{\n    return 0;\n}'),
]


def assemble(case, which, lang, body, headers=(), externs='', top='', flags=None,
             desc='', no_std=False):
    """One source file. headers: extra headers; externs: extra declarations of
    things the support library defines; top: definitions placed before the body."""
    out = []
    if flags:
        out.append('// FLAGS: ' + flags)
    out.append('/* %s.%s.%s: %s */' % (case, which, lang, desc))
    if no_std:
        hs = list(headers)
    else:
        if lang == 'c':
            out.append('#define _GNU_SOURCE')
        hs = C_HEADERS + [h for h in headers if h not in C_HEADERS]
    out += ['#include <%s>' % h for h in hs]
    out.append('')
    ext = ('' if no_std else EXTERNS) + externs
    if ext:
        if lang == 'cpp':
            out.append('extern "C" {')
        out.append(ext.rstrip('\n'))
        if lang == 'cpp':
            out.append('}')
        out.append('')
    statics = [d for name, d in STATICS if re.search(r'\b%s\b' % name, body)]
    if statics:
        out.append('\n'.join(statics))
        out.append('')
    if top:
        out.append(top.strip('\n'))
        out.append('')
    out.append(body.strip('\n'))
    return '\n'.join(out) + '\n'


# --------------------------------------------------------------------------
# Templates: $D(v) declares v, $T the type, $ACQ, $NULL, $REL(v) (inline);
# lines '@USE(v)', '@REL(v)', '@REL?(v)' (released in good only);
# [[[bad|||good]]] picks text.
# --------------------------------------------------------------------------


def _args(s, i):
    """s[i] == '(': the balanced argument and the index after ')'."""
    depth, j = 0, i
    while True:
        if s[j] == '(':
            depth += 1
        elif s[j] == ')':
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
        j += 1


def _inline(s, tok, fn):
    out, i = [], 0
    while True:
        j = s.find(tok + '(', i)
        if j < 0:
            out.append(s[i:])
            return ''.join(out)
        arg, end = _args(s, j + len(tok))
        out.append(s[i:j])
        out.append(fn(arg))
        i = end


def render(tpl, k, bad):
    s = re.sub(r'\[\[\[(.*?)\|\|\|(.*?)\]\]\]', lambda m: m.group(1 if bad else 2), tpl,
               flags=re.S)
    lines = []
    for line in s.split('\n'):
        m = re.match(r'^(\s*)@(USE|REL\?|REL)\((.*)\)\s*$', line)
        if m and k is not None:
            ind, what, v = m.groups()
            if what == 'USE':
                text = k.use(v)
            elif what == 'REL' or not bad:
                text = k.rel(v)
            else:
                text = '/* FLAW: %s is not released */' % v
            lines += [ind + t if t else t for t in text.split('\n')]
        else:
            lines.append(line)
    s = '\n'.join(lines)
    if k is not None:
        s = _inline(s, '$D', k.decl)
        s = _inline(s, '$REL', k.rel)
        s = _inline(s, '$OK', lambda v: '%s != %s' % (paren(v), k.null))
        s = _inline(s, '$USE', lambda v: ' '.join(x.strip() for x in k.use(v).split('\n')))
        s = s.replace('$ACQ', k.acq).replace('$NULL', k.null).replace('$T', k.T)
    return s


# --------------------------------------------------------------------------
# The suite
# --------------------------------------------------------------------------


class Case:
    def __init__(self, group, variant, kind, lang, bad, good, desc, headers=(), externs='',
                 top='', flags=None, dyn=True, no_std=False):
        self.group, self.variant, self.kind, self.lang = group, variant, kind, lang
        self.bad, self.good, self.desc = bad, good, desc
        self.headers, self.externs, self.top, self.flags = headers, externs, top, flags
        # dyn: the bad file's defect shows when run (False: read by hand; None: neither
        # file can be checked by running it, e.g. stdout drops its buffer at exit)
        self.dyn, self.no_std = dyn, no_std
        self.name = None


CASES = []


def lang_for(kind, cpp=False, c=False):
    if cpp or (kind in KINDS and not KINDS[kind].c):
        return 'cpp'
    if c:
        return 'c'
    return 'c' if len(CASES) % 2 == 0 else 'cpp'


def add(group, variant, kind, tpl, desc, cpp=False, c=False, good_only=False, **kw):
    """tpl: a template string ([[[bad|||good]]], @REL?) or a (bad, good) pair."""
    k = KINDS.get(kind)
    lang = lang_for(kind, cpp, c)
    tb, tg = tpl if isinstance(tpl, tuple) else (tpl, tpl)
    bad = None if good_only else render(tb, k, True)
    good = render(tg, k, False)
    top = kw.pop('top', '')
    if k is not None and k.helpers and ('strbuf_' in (bad or '') + good):
        top = k.helpers + '\n' + top
    if top:
        top = render(top, k, False)
    ext = kw.pop('externs', '')
    if ext:
        ext = render(ext, k, False)
    CASES.append(Case(group, variant, kind, lang, bad, good, desc, top=top, externs=ext, **kw))


def rotate(pool, i, n):
    """n kinds for the i-th variant of a group, walking the pool."""
    return [pool[(i * n + j) % len(pool)] for j in range(n)]


# ---------------------------------------------------------------- control flow
# style, condition (c), its false twin (f) when the TU decides it.
CF = [
    ('plain', 'plain', {}),
    ('if-1', 'split', dict(c='1', f='0')),
    ('if-5eq5', 'split', dict(c='5 == 5', f='5 != 5')),
    ('static-const', 'split', dict(c='STATIC_CONST_TRUE', f='STATIC_CONST_FALSE')),
    ('static-const-five', 'split', dict(c='STATIC_CONST_FIVE == 5', f='STATIC_CONST_FIVE != 5')),
    ('static-var', 'split', dict(c='staticTrue', f='staticFalse')),
    ('static-five', 'split', dict(c='staticFive == 5', f='staticFive != 5')),
    ('static-helper', 'split', dict(c='staticReturnsTrue()', f='staticReturnsFalse()')),
    ('local-const', 'split', dict(c='five == 5', f='five != 5', pre='int five = 5;')),
    ('sizeof', 'split', dict(c='sizeof(int) >= 2', f='sizeof(int) < 2')),
    ('constexpr', 'split', dict(c='kEnabled', f='!kEnabled', cpp=True,
                                top='constexpr bool kEnabled = true;')),
    ('extern-const', 'split', dict(c='GLOBAL_CONST_TRUE')),
    ('extern-const-five', 'split', dict(c='GLOBAL_CONST_FIVE == 5')),
    ('global-true', 'split-late', dict(c='globalTrue')),
    ('global-five', 'split-late', dict(c='globalFive == 5')),
    ('extern-helper', 'wrap', dict(c='globalReturnsTrue()')),
    ('extern-helper-else', 'wrap-else', dict(f='globalReturnsFalse()')),
    ('static-var-else', 'split-else', dict(f='staticFalse')),
    ('static-helper-else', 'split-else', dict(f='staticReturnsFalse()')),
    ('global-else', 'wrap-else', dict(f='globalFalse')),
    ('while-break', 'while', {}),
    ('for-once', 'for', {}),
    ('goto', 'goto', {}),
    ('switch-const', 'switch', dict(s='6', case='6')),
    ('switch-static', 'switch', dict(s='staticFive', case='5')),
    ('do-while0', 'dowhile', {}),
    ('while-flag', 'whileflag', {}),
]

CF_SRC = '''data = $ACQ;
@USE(data)'''


def indent(text, n):
    return '\n'.join((' ' * n + l) if l else l for l in text.split('\n'))


def cf_body(style, o, fn, release):
    """A function fn acquiring data under the style's control flow; release:
    '@REL?(data)' or '@REL(data)' or an alternative sink block."""
    src = indent(CF_SRC, 8)
    rel = indent(release, 8)
    pre = ('    ' + o['pre'] + '\n') if 'pre' in o else ''
    head = 'static void %s(void)\n{\n    $D(data) = $NULL;\n%s' % (fn, pre)
    if style == 'plain':
        return head + indent(CF_SRC, 4) + '\n' + indent(release, 4) + '\n}\n'
    if style == 'split':
        return head + '    if (%s) {\n%s\n    }\n    if (%s) {\n%s\n    }\n}\n' % (
            o['c'], src, o['c'], rel)
    if style == 'split-late':   # no call between the two tests of the global
        return head + ('    if (%s) {\n        data = $ACQ;\n    }\n    if (%s) {\n%s\n%s\n    }\n}\n'
                       % (o['c'], o['c'], indent('@USE(data)', 8), rel))
    if style == 'split-else':
        return head + ('    if (%s) {\n        printLine("Benign, fixed string");\n    } else {\n%s\n    }\n'
                       '    if (%s) {\n        printLine("Benign, fixed string");\n    } else {\n%s\n    }\n}\n'
                       % (o['f'], src, o['f'], rel))
    if style == 'wrap':
        return head + '    if (%s) {\n%s\n%s\n    }\n}\n' % (o['c'], src, rel)
    if style == 'wrap-else':
        return head + ('    if (%s) {\n        printLine("Benign, fixed string");\n    } else {\n%s\n%s\n    }\n}\n'
                       % (o['f'], src, rel))
    if style == 'while':
        return head + '    while (1) {\n%s\n        break;\n    }\n    while (1) {\n%s\n        break;\n    }\n}\n' % (src, rel)
    if style == 'for':
        return (head + '    int i, j;\n    for (i = 0; i < 1; i++) {\n%s\n    }\n    for (j = 0; j < 1; j++) {\n%s\n    }\n}\n'
                % (src, rel))
    if style == 'goto':
        return (head + '    goto source;\nsource:\n%s\n    goto sink;\nsink:\n    printLine("sink");\n%s\n}\n'
                % (indent(CF_SRC, 4), indent(release, 4)))
    if style == 'switch':
        sw = '    switch (%s) {\n    case %s:\n%%s\n        break;\n    default:\n        printLine("Benign, fixed string");\n        break;\n    }\n' % (o['s'], o['case'])
        return head + sw % src + sw % rel + '}\n'
    if style == 'dowhile':
        return head + '    do {\n%s\n%s\n    } while (0);\n}\n' % (src, rel)
    if style == 'whileflag':
        return head + '    int again = 1;\n    while (again) {\n%s\n%s\n        again = 0;\n    }\n}\n' % (src, rel)
    raise ValueError(style)


def gen_cf():
    for i, (name, style, o) in enumerate(CF):
        for kind in rotate(ALL, i, 4):
            bad = cf_body(style, o, 'bad_case', '@REL?(data)') + '\nvoid flow_case(void)\n{\n    bad_case();\n}\n'
            good = cf_body(style, o, 'good_b2g', '@REL(data)')
            calls = ['good_b2g']
            if o.get('f') and style == 'split':
                flipped = ('if (%s) {\n    printLine("Benign, fixed string");\n} else {\n    @REL(data)\n}'
                           % o['f'])
                good += '\n' + cf_body(style, o, 'good_flipped', flipped)
                calls.append('good_flipped')
            good += '\nvoid flow_case(void)\n{\n%s\n}\n' % '\n'.join('    %s();' % c for c in calls)
            desc = ('%s acquired under control flow "%s" and not released (bad); released, '
                    'also under the false twin of the condition (good)' % (kind, name))
            add('cf', name, kind, (bad, good), desc, cpp=o.get('cpp', False), top=o.get('top', ''))


# ------------------------------------------------------- unknown conditions
# Conditions the TU cannot decide: a fresh extern call result, parameters,
# fields, early exits. Where the bad file tests two such conditions they are
# independent (two calls, two parameters); in the good file they are one
# value tested twice (correlated) or the release no longer depends on them.
COND = [
    ('indep-release', 'release under a fresh unknown condition', '''
static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
    if (rand_bool()) {
        printLine("flag set");
[[[        @REL(data)
    }|||    }
    @REL(data)]]]
}
'''),
    ('indep-two-calls', 'acquired under one rand_bool() call, released under another', '''
static void work(void)
{
    $D(data) = $NULL;
[[[    if (rand_bool()) {|||    int flag = rand_bool();
    if (flag) {]]]
        data = $ACQ;
        @USE(data)
    }
    printLine("between");
    if ([[[rand_bool()|||flag]]]) {
        @REL(data)
    }
}
'''),
    ('twice-local', 'a local flag tested twice (bad: the second test inverted)', '''
static void work(void)
{
    int flag = rand_bool();
    $D(data) = $NULL;
    if (flag) {
        data = $ACQ;
        @USE(data)
    }
    printLine("between");
    if ([[[!flag|||flag]]]) {
        @REL(data)
    }
}
'''),
    ('twice-param', 'a parameter tested twice (bad: released under another parameter)', '''
static void work(int create, int cleanup)
{
    $D(data) = $NULL;
    if (create) {
        data = $ACQ;
        @USE(data)
    }
    printLine("between");
    if ([[[cleanup|||create]]]) {
        @REL(data)
    }
    printIntLine(cleanup);
}
''', 'work(rand_bool(), rand_bool());'),
    ('twice-field', 'a field of a const parameter tested twice, nothing called in between', '''
struct options {
    int enabled;
    int verbose;
};

static void work(const struct options *opts)
{
    $D(data) = $NULL;
    if (opts->enabled) {
        data = $ACQ;
    }
    if (opts->[[[verbose|||enabled]]]) {
        @REL(data)
    }
}
''', 'struct options opts;\n    opts.enabled = rand_bool();\n    opts.verbose = rand_bool();\n    work(&opts);'),
    ('early-return', 'an early return on an unknown condition', '''
static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
    if (rand_bool()) {
        printLine("early exit");
[[[|||        @REL(data)
]]]        return;
    }
    @REL(data)
}
'''),
    ('early-return-input', 'an early return on the content of the input', '''
static int work(const char *line)
{
    $D(data) = $ACQ;
    @USE(data)
    if (line[0] == '#') {
[[[|||        @REL(data)
]]]        return -1;
    }
    printLine(line);
    @REL(data)
    return 0;
}
''', 'printIntLine(work("# comment"));\n    printIntLine(work("key=value"));'),
    ('goto-cleanup', 'an error path that jumps past the release', '''
static int work(void)
{
    int ret = -1;
    $D(data) = $ACQ;
    @USE(data)
    if (rand_bool()) {
        goto [[[out|||cleanup]]];
    }
    printLine("work");
    ret = 0;
cleanup:
    @REL(data)
[[[out:
|||]]]    return ret;
}
''', 'printIntLine(work());'),
    ('loop-break', 'a break out of the loop before the release', '''
static void work(void)
{
    int i;
    for (i = 0; i < 3; i++) {
        $D(data) = $ACQ;
        @USE(data)
        if (rand_bool()) {
[[[|||            @REL(data)
]]]            break;
        }
        @REL(data)
    }
}
'''),
    ('loop-continue', 'a continue before the release', '''
static void work(void)
{
    int i;
    for (i = 0; i < 3; i++) {
        $D(data) = $ACQ;
        @USE(data)
        if (rand_bool()) {
[[[|||            @REL(data)
]]]            continue;
        }
        printIntLine(i);
        @REL(data)
    }
}
'''),
    ('loop-overwrite', 'acquired on every iteration, released once after the loop', '''
static void work(void)
{
    int i;
    $D(data) = $NULL;
    for (i = 0; i < 3; i++) {
        data = $ACQ;
        @USE(data)
[[[|||        @REL(data)
        data = $NULL;
]]]    }
    @REL(data)
}
'''),
    ('overwrite', 'the owner overwritten by a second acquisition', '''
static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
[[[|||    @REL(data)
]]]    data = $ACQ;
    @USE(data)
    @REL(data)
}
'''),
    ('switch-unknown', 'a switch on an unknown value, one case releases', '''
static void work(int mode)
{
    $D(data) = $ACQ;
    @USE(data)
    switch (mode) {
    case 0:
        printLine("mode 0");
        @REL(data)
        break;
    default:
        printLine("other mode");
[[[|||        @REL(data)
]]]        break;
    }
}
''', 'work(rand_bool());'),
    ('while-unknown', 'a loop on an unknown condition', '''
static void work(void)
{
    while (rand_bool()) {
        $D(data) = $ACQ;
        @USE(data)
        @REL?(data)
    }
}
'''),
    ('and-condition', 'released only when two unknown conditions hold', '''
static void work(int a)
{
    $D(data) = $ACQ;
    @USE(data)
    if (a > 0) {
        printIntLine(a);
    }
[[[    if (a > 0 && rand_bool()) {
        @REL(data)
    }|||    @REL(data)]]]
}
''', 'work(1);\n    work(0);'),
]

COND_CPP = [
    ('throw', 'an exception thrown between acquisition and release', '''
static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
    if (rand_bool()) {
[[[|||        @REL(data)
]]]        throw std::runtime_error("failure");
    }
    @REL(data)
}
'''),
    ('throw-callee', 'a helper of the TU that throws between acquisition and release', '''
static void check(int ok)
{
    if (!ok) {
        throw std::runtime_error("check failed");
    }
}

static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
[[[    check(rand_bool());|||    try {
        check(rand_bool());
    } catch (...) {
        @REL(data)
        throw;
    }]]]
    @REL(data)
}
'''),
]


def gen_cond():
    for i, v in enumerate(COND + COND_CPP):
        name, what, tpl = v[:3]
        call = v[3] if len(v) > 3 else 'work();'
        cpp = v in COND_CPP
        if cpp:
            call = ('try {\n        %s\n    } catch (const std::exception &e) {\n'
                    '        printLine(e.what());\n    }' % call)
        body = tpl + '\nvoid flow_case(void)\n{\n    %s\n}\n' % call
        for kind in rotate(ALL, i, 5):
            add('cond', name, kind, body,
                '%s: %s (bad); released on every path (good)' % (kind, what),
                cpp=cpp, headers=['stdexcept'] if cpp else ())


# ------------------------------------------------------------------ data flow
# One function (or a function and its direct sink): the resource travels
# through copies, pointers to it, references, unions, fields, arrays, void*,
# function pointers; the last holder releases it (good) or not (bad).
DF = [
    ('copy', 'copied through two locals', ALL, '''
static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
    {
        $D(dataCopy) = data;
        $D(last) = dataCopy;
        @REL?(last)
    }
}
'''),
    ('ptr2ptr', 'acquired and released through pointers to the pointer', ALL, '''
static void work(void)
{
    $D(data) = $NULL;
    $D(*dataPtr1) = &data;
    $D(*dataPtr2) = &data;
    {
        $D(d) = *dataPtr1;
        d = $ACQ;
        @USE(d)
        *dataPtr1 = d;
    }
    {
        $D(d) = *dataPtr2;
        @REL?(d)
    }
}
'''),
    ('ref', 'acquired through a reference, released through the variable', ALL, '''
static void work(void)
{
    $D(data) = $NULL;
    $D(&dataRef) = data;
    dataRef = $ACQ;
    @USE(data)
    {
        $D(d) = dataRef;
        @REL?(d)
    }
}
''', 'cpp'),
    ('union', 'stored in one union member, released through the other', ALL, '''
union holder {
    $D(first);
    $D(second);
};

static void work(void)
{
    union holder u;
    $D(data) = $ACQ;
    @USE(data)
    u.first = data;
    {
        $D(d) = u.second;
        @REL?(d)
    }
}
'''),
    ('struct-field', 'held in a field of a local struct', ALL, '''
struct holder {
    $D(res);
    int size;
};

static void work(void)
{
    struct holder h;
    h.size = 100;
    h.res = $ACQ;
    @USE(h.res)
    printIntLine(h.size);
    @REL?(h.res)
}
'''),
    ('struct-ptr', 'held in a struct reached through a pointer', ALL, '''
struct holder {
    $D(res);
    int size;
};

static void work(void)
{
    struct holder h;
    struct holder *hp = &h;
    hp->size = 100;
    hp->res = $ACQ;
    @USE(h.res)
    @REL?(hp->res)
}
'''),
    ('nested-struct', 'held in a struct nested in a struct', ALL, '''
struct inner {
    $D(res);
};

struct outer {
    int id;
    struct inner in;
};

static void work(void)
{
    struct outer o;
    o.id = 1;
    o.in.res = $ACQ;
    @USE(o.in.res)
    @REL?(o.in.res)
}
'''),
    ('struct-by-value', 'a struct passed by value to a sink (Juliet 67)', ALL, '''
struct holder {
    $D(res);
};

static void sink(struct holder h)
{
    $D(data) = h.res;
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    struct holder h;
    h.res = $ACQ;
    sink(h);
}
'''),
    ('array-sink', 'an array of pointers passed to a sink (Juliet 66)', ALL, '''
static void sink($D(dataArray[]))
{
    $D(data) = dataArray[2];
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    $D(dataArray[5]);
    $D(data) = $ACQ;
    dataArray[2] = data;
    sink(dataArray);
}
'''),
    ('array-local', 'stored in a local array, released through the element', ALL, '''
static void work(void)
{
    $D(slots[3]) = {$NULL, $NULL, $NULL};
    int i;
    slots[1] = $ACQ;
    for (i = 0; i < 3; i++) {
        if (i == 1) {
            @USE(slots[i])
        }
    }
    @REL?(slots[1])
}
'''),
    ('voidptr-sink', 'the address of the pointer passed as void* to a sink (Juliet 64)', ALL, '''
static void sink(void *dataVoidPtr)
{
    $D(*dataPtr) = ($T *)dataVoidPtr;
    $D(data) = *dataPtr;
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    $D(data) = $ACQ;
    sink(&data);
}
'''),
    ('voidptr-roundtrip', 'converted to void* and back', PTR, '''
static void work(void)
{
    $D(data) = $ACQ;
    void *opaque = data;
    @USE(data)
    {
        $D(back) = ($T)opaque;
        @REL?(back)
    }
}
'''),
    ('uintptr', 'converted to uintptr_t and back', PTR, '''
static void work(void)
{
    $D(data) = $ACQ;
    uintptr_t bits = (uintptr_t)data;
    @USE(data)
    {
        $D(back) = ($T)bits;
        @REL?(back)
    }
}
'''),
    ('funcptr-sink', 'passed to a sink through a function pointer (Juliet 65)', ALL, '''
static void sink($D(data))
{
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    void (*funcPtr)($T) = sink;
    $D(data) = $ACQ;
    funcPtr(data);
}
'''),
    ('memcpy', 'the pointer value copied with memcpy', ALL, '''
static void work(void)
{
    $D(data) = $ACQ;
    $D(copy);
    memcpy(&copy, &data, sizeof(data));
    @USE(copy)
    @REL?(copy)
}
'''),
    ('swap', 'swapped between two locals', ALL, '''
static void work(void)
{
    $D(a) = $ACQ;
    $D(b) = $NULL;
    $D(tmp) = a;
    a = b;
    b = tmp;
    @USE(b)
    @REL?(b)
    @REL(a)
}
'''),
    ('cond-expr', 'selected by a conditional expression', ALL, '''
static void work(void)
{
    $D(data) = $ACQ;
    $D(fallback) = $NULL;
    $D(chosen) = $OK(data) ? data : fallback;
    @USE(chosen)
    @REL?(chosen)
    @REL(fallback)
}
'''),
]


def gen_df():
    for i, v in enumerate(DF):
        name, what, pool, tpl = v[:4]
        cpp = len(v) > 4 and v[4] == 'cpp'
        body = tpl + '\nvoid flow_case(void)\n{\n    work();\n}\n'
        for kind in rotate(pool, i, 5):
            add('df', name, kind, body,
                '%s %s; the last holder never releases it (bad) / releases it (good)' % (kind, what),
                cpp=cpp, headers=['stdint.h'] if name == 'uintptr' else ())


# ---------------------------------------------------------- calls, 1-5 levels
# The resource crosses 1 to 5 functions of the TU: returned by a source chain,
# handed down a sink chain (the last sink releases it in the good file), stored
# through an out-parameter chain, or through a chain of references (C++).


def call_chain(shape, depth):
    fns = []
    if shape == 'ret':
        for d in range(depth, 0, -1):
            if d == depth:
                fns.append('static $T source%d(void)\n{\n    $D(data) = $ACQ;\n    return data;\n}\n' % d)
            else:
                fns.append('static $T source%d(void)\n{\n    return source%d();\n}\n' % (d, d + 1))
        fns.append('static void work(void)\n{\n    $D(data) = source1();\n    @USE(data)\n'
                   '    @REL?(data)\n}\n')
    elif shape == 'arg':
        for d in range(depth, 0, -1):
            if d == depth:
                fns.append('static void sink%d($D(data))\n{\n    @USE(data)\n    @REL?(data)\n}\n' % d)
            else:
                fns.append('static void sink%d($D(data))\n{\n    sink%d(data);\n}\n' % (d, d + 1))
        fns.append('static void work(void)\n{\n    $D(data) = $ACQ;\n    sink1(data);\n}\n')
    elif shape in ('out', 'ref'):
        p = '*' if shape == 'out' else '&'
        for d in range(depth, 0, -1):
            if d == depth:
                fns.append('static void source%d($D(%sout))\n{\n    %sout = $ACQ;\n}\n'
                           % (d, p, '*' if shape == 'out' else ''))
            else:
                fns.append('static void source%d($D(%sout))\n{\n    source%d(out);\n}\n' % (d, p, d + 1))
        fns.append('static void work(void)\n{\n    $D(data) = $NULL;\n    source1(%sdata);\n'
                   '    @USE(data)\n    @REL?(data)\n}\n' % ('&' if shape == 'out' else ''))
    return '\n'.join(fns) + '\nvoid flow_case(void)\n{\n    work();\n}\n'


CALL_WHAT = {
    'ret': 'returned through %d function(s), never released by the caller',
    'arg': 'passed down %d function(s), the last one only uses it',
    'out': 'stored through a chain of %d out-parameter(s), never released by the caller',
    'ref': 'stored through a chain of %d reference parameter(s), never released by the caller',
}


def gen_call():
    i = 0
    for shape in ('ret', 'arg', 'out', 'ref'):
        for depth in range(1, 6):
            for kind in rotate(ALL, i, 4):
                add('call', '%s-%d' % (shape, depth), kind, call_chain(shape, depth),
                    '%s %s (bad); released (good)' % (kind, CALL_WHAT[shape] % depth),
                    cpp=shape == 'ref')
            i += 1


# -------------------------------------------------------------------- globals
# A global or file-static variable carries the resource between functions:
# take (the consumer moves it out of the global and must release it), reset
# (the consumer reads it, the caller then clears the global), overwrite (the
# producer stores a new one over the old; shutdown() releases the last one).
GLOB_STORAGE = [
    ('global', 'a global', '$D(g_data) = $NULL;', 'g_data', False),
    ('static', 'a file-static variable', 'static $D(s_data) = $NULL;', 's_data', False),
    ('member-static', 'a static data member', 'struct Store {\n    static $D(data);\n};\n\n$D(Store::data) = $NULL;',
     'Store::data', True),
    ('global-struct', 'a field of a global struct', 'struct holder {\n    $D(res);\n    int size;\n};\n\nstruct holder g_holder = {$NULL, 0};',
     'g_holder.res', False),
    ('global-array', 'an element of a global array', '$D(g_slots[4]) = {$NULL, $NULL, $NULL, $NULL};',
     'g_slots[1]', False),
    ('tls', 'a thread-local variable', 'static __thread $D(t_data) = $NULL;', 't_data', False),
]

GLOB_PATTERN = {
    'take': ('moved out of the global by a consumer that never releases it', '''
static void produce(void)
{
    G = $ACQ;
}

static void consume(void)
{
    $D(data) = G;
    G = $NULL;
    @USE(data)
    @REL?(data)
}

void flow_case(void)
{
    produce();
    consume();
}
'''),
    'reset': ('read from the global by a consumer, the global then cleared by the caller', '''
static void produce(void)
{
    G = $ACQ;
}

static void consume(void)
{
    $D(data) = G;
    @USE(data)
    @REL?(data)
}

void flow_case(void)
{
    produce();
    consume();
    G = $NULL;
}
'''),
    'overwrite': ('overwritten in the global by the next producer call', '''
static void produce(void)
{
[[[|||    @REL(G)
]]]    G = $ACQ;
}

static void consume(void)
{
    $D(data) = G;
    @USE(data)
}

static void shutdown_all(void)
{
    @REL(G)
    G = $NULL;
}

void flow_case(void)
{
    produce();
    consume();
    produce();
    consume();
    shutdown_all();
}
'''),
}


def gen_glob():
    i = 0
    for sname, what, decl, G, cpp in GLOB_STORAGE:
        for pname, (pwhat, tpl) in GLOB_PATTERN.items():
            for kind in rotate(ALL, i, 4):
                add('glob', '%s-%s' % (sname, pname), kind, re.sub(r'\bG\b', G, tpl), '%s in %s, %s (bad); released (good)' % (kind, what, pwhat),
                    cpp=cpp, top=decl)
            i += 1


# ----------------------------------------------------------------- containers
# The resource is stored in a container local to work(), read back by a sink
# that takes the container by value or by const reference; the sink releases
# it (good) or only uses it (bad). The container dies with work().
CONTAINERS = [
    # name, header, type, fill (c = container), read
    ('vector', 'vector', 'std::vector<$T>', 'c.push_back(data);', 'c[0]'),
    ('list', 'list', 'std::list<$T>', 'c.push_back(data);', 'c.front()'),
    ('deque', 'deque', 'std::deque<$T>', 'c.push_front(data);', 'c.front()'),
    ('map', 'map', 'std::map<int, $T>', 'c[2] = data;', 'c.at(2)'),
    ('unordered-map', 'unordered_map', 'std::unordered_map<int, $T>', 'c[2] = data;', 'c.at(2)'),
    ('set', 'set', 'std::set<$T>', 'c.insert(data);', '*c.begin()'),
    ('array', 'array', 'std::array<$T, 4>', 'c.fill($NULL);\n    c[1] = data;', 'c[1]'),
    ('pair', 'utility', 'std::pair<int, $T>', 'c.first = 1;\n    c.second = data;', 'c.second'),
]


def gen_cont():
    i = 0
    for name, header, typ, fill, read in CONTAINERS:
        for passing in ('byval', 'cref'):
            param = typ + (' c' if passing == 'byval' else ' const &c')
            tpl = '''static void sink(%s)
{
    $D(data) = %s;
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    %s c;
    $D(data) = $ACQ;
    %s
    sink(c);
}

void flow_case(void)
{
    work();
}
''' % (param, read, typ, fill)
            for kind in rotate(ALL, i, 4):
                add('cont', '%s-%s' % (name, passing), kind, tpl,
                    '%s stored in a local std::%s, read back by a sink taking it %s that never '
                    'releases it (bad) / releases it (good)'
                    % (kind, header, 'by value' if passing == 'byval' else 'by const reference'),
                    cpp=True, headers=[header])
            i += 1
    # C arrays of structs: through a pointer to the first element, and inside
    # a struct passed by value.
    for variant, tpl in (('c-struct-array', '''struct item {
    int id;
    $D(res);
};

static void sink(const struct item *items, int n)
{
    $D(data) = items[1].res;
    printIntLine(n);
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    struct item items[4];
    int i;
    for (i = 0; i < 4; i++) {
        items[i].id = i;
        items[i].res = $NULL;
    }
    items[1].res = $ACQ;
    sink(items, 4);
}
'''), ('c-struct-table-byval', '''struct item {
    int id;
    $D(res);
};

struct table {
    struct item items[4];
};

static void sink(struct table t)
{
    $D(data) = t.items[1].res;
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    struct table t;
    int i;
    for (i = 0; i < 4; i++) {
        t.items[i].id = i;
        t.items[i].res = $NULL;
    }
    t.items[1].res = $ACQ;
    sink(t);
}
''')):
        for kind in rotate(ALL, i, 4):
            add('cont', variant, kind, tpl + '\nvoid flow_case(void)\n{\n    work();\n}\n',
                '%s stored in a local C array of structs, read back by a sink that never releases '
                'it (bad) / releases it (good)' % kind)
        i += 1


# ---------------------------------------------------------- classes (C++)
OO_CLASSES = '''class Base {
public:
    virtual ~Base() {}
    virtual void action($D(data)) const = 0;
};
'''

OO = [
    ('virtual-ref', 'passed to a virtual sink through a base reference (Juliet 81)', OO_CLASSES + '''
class Sink : public Base {
public:
    void action($D(data)) const override
    {
        @USE(data)
        @REL?(data)
    }
};

static void work(void)
{
    $D(data) = $ACQ;
    Sink sink;
    const Base &base = sink;
    base.action(data);
}
'''),
    ('virtual-new', 'passed to a virtual sink of a heap object (Base *b = new Sink)', OO_CLASSES + '''
class Sink : public Base {
public:
    void action($D(data)) const override
    {
        @USE(data)
        @REL?(data)
    }
};

static void work(void)
{
    $D(data) = $ACQ;
    Base *base = new Sink;
    base->action(data);
    delete base;
}
'''),
    ('virtual-two-derived', 'two derived sinks, one releasing; the object is of the other (bad) / the releasing one (good)',
     OO_CLASSES + '''
class Printer : public Base {
public:
    void action($D(data)) const override
    {
        @USE(data)
    }
};

class Closer : public Base {
public:
    void action($D(data)) const override
    {
        @USE(data)
        @REL(data)
    }
};

static void work(void)
{
    $D(data) = $ACQ;
    Base *base = new [[[Printer|||Closer]]];
    base->action(data);
    delete base;
}
'''),
    ('virtual-factory', 'passed to a virtual sink made by a factory', OO_CLASSES + '''
class Sink : public Base {
public:
    void action($D(data)) const override
    {
        @USE(data)
        @REL?(data)
    }
};

static std::unique_ptr<Base> make_sink(void)
{
    return std::unique_ptr<Base>(new Sink);
}

static void work(void)
{
    $D(data) = $ACQ;
    make_sink()->action(data);
}
'''),
    ('virtual-source', 'made by a virtual source called through a base reference', '''
class Source {
public:
    virtual ~Source() {}
    virtual $T make() const = 0;
};

class RealSource : public Source {
public:
    $T make() const override
    {
        return $ACQ;
    }
};

static void work(void)
{
    RealSource real;
    const Source &source = real;
    $D(data) = source.make();
    @USE(data)
    @REL?(data)
}
'''),
    ('member-overwrite-unique', 'an owning member overwritten by a method called through a unique_ptr', '''
class Holder {
public:
    Holder() : res_($ACQ) {}
    ~Holder()
    {
        @REL(res_)
    }
    Holder(const Holder &) = delete;
    Holder &operator=(const Holder &) = delete;
    void refresh()
    {
[[[|||        @REL(res_)
]]]        res_ = $ACQ;
    }
    void show() const
    {
        @USE(res_)
    }

private:
    $D(res_);
};

static void work(void)
{
    std::unique_ptr<Holder> holder(new Holder());
    holder->refresh();
    holder->show();
}
'''),
    ('member-overwrite-shared', 'an owning member overwritten by a method called through a shared_ptr', '''
class Holder {
public:
    Holder() : res_($ACQ) {}
    ~Holder()
    {
        @REL(res_)
    }
    Holder(const Holder &) = delete;
    Holder &operator=(const Holder &) = delete;
    void refresh()
    {
[[[|||        @REL(res_)
]]]        res_ = $ACQ;
    }
    void show() const
    {
        @USE(res_)
    }

private:
    $D(res_);
};

static void work(void)
{
    std::shared_ptr<Holder> holder = std::make_shared<Holder>();
    std::shared_ptr<Holder> other = holder;
    other->refresh();
    holder->show();
}
'''),
    ('member-overwrite-local', 'an owning member overwritten by a method of a local object', '''
class Holder {
public:
    Holder() : res_($ACQ) {}
    ~Holder()
    {
        @REL(res_)
    }
    Holder(const Holder &) = delete;
    Holder &operator=(const Holder &) = delete;
    void refresh()
    {
[[[|||        @REL(res_)
]]]        res_ = $ACQ;
    }
    void show() const
    {
        @USE(res_)
    }

private:
    $D(res_);
};

static void work(void)
{
    Holder holder;
    holder.refresh();
    holder.show();
}
'''),
    ('dtor-missing', 'an owning member the destructor does not release', '''
class Holder {
public:
    Holder() : res_($ACQ) {}
    ~Holder()
    {
        printLine("~Holder");
        @REL?(res_)
    }
    Holder(const Holder &) = delete;
    Holder &operator=(const Holder &) = delete;
    void show() const
    {
        @USE(res_)
    }

private:
    $D(res_);
};

static void work(void)
{
    Holder holder;
    holder.show();
}
'''),
    ('method-sink', 'passed to a member function that releases it (good) or only uses it (bad)', '''
class Consumer {
public:
    void consume($D(data))
    {
        count_++;
        @USE(data)
        @REL?(data)
    }
    int count() const { return count_; }

private:
    int count_ = 0;
};

static void work(void)
{
    Consumer consumer;
    $D(data) = $ACQ;
    consumer.consume(data);
    printIntLine(consumer.count());
}
'''),
    ('lambda-sink', 'passed to a lambda', '''
static void work(void)
{
    auto sink = []($D(d)) {
        @USE(d)
        @REL?(d)
    };
    $D(data) = $ACQ;
    sink(data);
}
'''),
    ('std-function-sink', 'passed to a std::function', '''
static void work(void)
{
    std::function<void($T)> sink = []($D(d)) {
        @USE(d)
        @REL?(d)
    };
    $D(data) = $ACQ;
    sink(data);
}
'''),
    ('template-sink', 'passed to a function template', '''
template <typename P>
static void sink(P d)
{
    @USE(d)
    @REL?(d)
}

static void work(void)
{
    $D(data) = $ACQ;
    sink(data);
}
'''),
    ('raii-guard', 'left without owner on an early return (bad); owned by a local guard (good)', '''
struct Guard {
    explicit Guard($D(r)) : res(r) {}
    ~Guard()
    {
        @REL(res)
    }
    Guard(const Guard &) = delete;
    Guard &operator=(const Guard &) = delete;
    $D(res);
};

static void work(void)
{
    $D(data) = $ACQ;
[[[|||    Guard guard(data);
]]]    @USE(data)
    if (rand_bool()) {
        return;
    }
    printLine("done");
[[[    @REL(data)
|||]]]}
'''),
]

# Factories: the result of a TU function that returns a new object, used as the
# object of a call and dropped (bad) / kept and deleted (good).
OO_PARSER = '''class Parser {
public:
    Parser() : res_($ACQ) {}
    ~Parser()
    {
        @REL(res_)
    }
    Parser(const Parser &) = delete;
    Parser &operator=(const Parser &) = delete;
    int parse(const char *s)
    {
        printLine(s);
        return s[0] == '#';
    }
    static Parser *create(void)
    {
        return new Parser();
    }

private:
    $D(res_);
};

static Parser *make_parser(void)
{
    return new Parser();
}
'''

OO_FACTORY = [
    ('factory-dropped', 'make_parser()->parse(s) drops the new object (bad); kept and deleted (good)', '''
static void work(const char *s)
{
[[[    printIntLine(make_parser()->parse(s));|||    Parser *p = make_parser();
    printIntLine(p->parse(s));
    delete p;]]]
}
'''),
    ('factory-unique', 'make_parser()->parse(s) drops the new object (bad); adopted by a unique_ptr (good)', '''
static void work(const char *s)
{
[[[    printIntLine(make_parser()->parse(s));|||    std::unique_ptr<Parser> p(make_parser());
    printIntLine(p->parse(s));]]]
}
'''),
    ('factory-create', 'Parser::create()->parse(s) drops the new object (bad); kept and deleted (good)', '''
static void work(const char *s)
{
[[[    printIntLine(Parser::create()->parse(s));|||    Parser *p = Parser::create();
    printIntLine(p->parse(s));
    delete p;]]]
}
'''),
]


def gen_oo():
    hdr = ['memory', 'functional']
    i = 0
    for name, what, tpl in OO:
        for kind in rotate(ALL, i, 4):
            add('oo', name, kind, tpl + '\nvoid flow_case(void)\n{\n    work();\n}\n',
                '%s %s; not released (bad) / released (good)' % (kind, what), cpp=True, headers=hdr)
        i += 1
    for name, what, tpl in OO_FACTORY:
        for kind in rotate(ALL, i, 4):
            add('oo', name, kind, OO_PARSER + tpl +
                '\nvoid flow_case(void)\n{\n    work("key=value");\n}\n',
                'a Parser owning a %s: %s' % (kind, what), cpp=True, headers=hdr)
        i += 1
    # unique_ptr::release(): the caller becomes the owner.
    for kind, ut in (('new', 'int'), ('newarr', 'int[]')):
        for variant, tpl in (('unique-release', '''
static void work(void)
{
    std::unique_ptr<%s> owner($ACQ);
    $D(data) = owner.release();
    @USE(data)
    @REL?(data)
}
'''), ('unique-release-return', '''
static $T take(std::unique_ptr<%s> owner)
{
    return owner.release();
}

static void work(void)
{
    $D(data) = take(std::unique_ptr<%s>($ACQ));
    @USE(data)
    @REL?(data)
}
''')):
            add('oo', variant, kind, tpl.replace('%s', ut) + '\nvoid flow_case(void)\n{\n    work();\n}\n',
                '%s owned by a unique_ptr, released from it and then never deleted (bad) / deleted (good)'
                % kind, cpp=True, headers=hdr)


# ---------------------------------------------------------- allocation shapes
FLOW_WORK = '\nvoid flow_case(void)\n{\n    work();\n}\n'

ALLOC_GENERIC = [
    ('outparam-status', 'acquired by a callee through an out-parameter that also returns a status', '''
static int make($D(*out))
{
    *out = $ACQ;
    return $OK(*out) ? 0 : -1;
}

static void work(void)
{
    $D(data) = $NULL;
    if (make(&data) != 0) {
        return;
    }
    @USE(data)
    @REL?(data)
}
'''),
    ('flag-wrapper', 'released by a wrapper only when its flag argument says so (bad: passes 0)', '''
static void release_if($D(data), int owned)
{
    if (owned) {
        @REL(data)
    }
}

static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
    release_if(data, [[[0|||1]]]);
}
'''),
]

# kind, language, template (no $-substitutions), what, dyn (defect visible when run)
ALLOC_SPECIFIC = [
    ('funcptr-alloc', 'malloc', 'c', '''
static void work(void)
{
    void *(*alloc_fn)(size_t) = malloc;
    char *data = (char *)alloc_fn(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
[[[|||    free(data);
]]]}
''', 'allocated through a function pointer to malloc'),
    ('funcptr-alloc', 'calloc', 'cpp', '''
static void work(void)
{
    void *(*alloc_fn)(size_t, size_t) = calloc;
    int *data = (int *)alloc_fn(10, sizeof(int));
    if (data == NULL) {
        return;
    }
    printIntLine(data[0]);
[[[|||    free(data);
]]]}
''', 'allocated through a function pointer to calloc'),
    ('funcptr-alloc', 'strdup', 'c', '''
static void work(void)
{
    char *(*dup_fn)(const char *) = strdup;
    char *data = dup_fn("flow");
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'allocated through a function pointer to strdup'),
    ('funcptr-alloc', 'fopen', 'cpp', '''
static void work(void)
{
    FILE *(*open_fn)(const char *, const char *) = fopen;
    FILE *data = open_fn("flow_suite.txt", "w+");
    if (data == NULL) {
        return;
    }
    fputs("flow", data);
[[[|||    fclose(data);
]]]}
''', 'opened through a function pointer to fopen'),
    ('allocator-struct', 'malloc', 'c', '''
struct allocator {
    void *(*alloc)(size_t);
    void (*release)(void *);
};

static const struct allocator heap = {malloc, free};

static void work(const struct allocator *a)
{
    char *data = (char *)a->alloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
[[[|||    a->release(data);
]]]}

void flow_case(void)
{
    work(&heap);
}
''', 'allocated and released through a struct of allocator function pointers'),
    ('allocator-struct', 'calloc', 'cpp', '''
struct allocator {
    void *(*alloc)(size_t, size_t);
    void (*release)(void *);
};

static const struct allocator heap = {calloc, free};

static void work(const struct allocator *a)
{
    int *data = (int *)a->alloc(10, sizeof(int));
    if (data == NULL) {
        return;
    }
    printIntLine(data[0]);
[[[|||    a->release(data);
]]]}

void flow_case(void)
{
    work(&heap);
}
''', 'allocated and released through a struct of allocator function pointers'),
]

for _lang in ('c', 'cpp'):
    ALLOC_SPECIFIC += [
        ('realloc-grow', 'realloc', _lang, '''
static void work(void)
{
    char *data = (char *)malloc(100);
[[[|||    char *grown;
]]]    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
[[[    data = (char *)realloc(data, 200);
    if (data == NULL) {
        return;
    }|||    grown = (char *)realloc(data, 200);
    if (grown == NULL) {
        free(data);
        return;
    }
    data = grown;]]]
    strcat(data, " grown");
    printLine(data);
    free(data);
}
''', 'p = realloc(p, n) loses the old block when realloc fails (bad); a temporary, the old block freed on failure (good)', False),
        ('realloc-fail-return', 'realloc', _lang, '''
static void work(void)
{
    char *data = (char *)malloc(100);
    char *grown;
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    grown = (char *)realloc(data, 200);
    if (grown == NULL) {
[[[|||        free(data);
]]]        return;
    }
    data = grown;
    printLine(data);
    free(data);
}
''', 'q = realloc(p, n) failing returns without freeing p (bad) / after freeing it (good)', False),
        ('realloc-second', 'realloc', _lang, '''
static void work(void)
{
    char *data = (char *)malloc(100);
    char *grown;
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    grown = (char *)realloc(data, 200);
    if (grown == NULL) {
        free(data);
        return;
    }
    strcat(grown, " grown");
    printLine(grown);
[[[|||    free(grown);
]]]}
''', 'the block moved by realloc into a second variable, never freed through it (bad) / freed (good)'),
        ('realloc-param', 'realloc', _lang, '''
/* Takes ownership of buf: frees it on every path. */
static int append(char *buf, const char *s)
{
[[[    buf = (char *)realloc(buf, 200);
    if (buf == NULL) {
        return -1;
    }|||    char *grown = (char *)realloc(buf, 200);
    if (grown == NULL) {
        free(buf);
        return -1;
    }
    buf = grown;]]]
    strcat(buf, s);
    printLine(buf);
    free(buf);
    return 0;
}

static void work(void)
{
    char *data = (char *)malloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printIntLine(append(data, " more"));
}
''', 'p = realloc(p, n) on an owned parameter loses it when realloc fails (bad) / a temporary (good)', False),
        ('realloc-field', 'realloc', _lang, '''
struct buffer {
    char *data;
    size_t cap;
};

static int grow(struct buffer *b)
{
[[[    b->data = (char *)realloc(b->data, b->cap * 2);
    if (b->data == NULL) {
        return -1;
    }|||    char *grown = (char *)realloc(b->data, b->cap * 2);
    if (grown == NULL) {
        return -1;
    }
    b->data = grown;]]]
    b->cap *= 2;
    return 0;
}

static void work(void)
{
    struct buffer b;
    b.cap = 100;
    b.data = (char *)malloc(b.cap);
    if (b.data == NULL) {
        return;
    }
    strcpy(b.data, "flow");
    printIntLine(grow(&b));
    free(b.data);
}
''', 'b->data = realloc(b->data, n) loses the block when realloc fails (bad) / a temporary (good)', False),
        ('attr-malloc', 'xmalloc', _lang, '''
static void work(void)
{
    char *data = (char *)xmalloc(100);
    strcpy(data, "flow");
    printLine(data);
[[[|||    free(data);
]]]}
''', 'from an extern allocator declared __attribute__((malloc))'),
        ('attr-malloc', 'zmalloc', _lang, '''
static void *zmalloc(size_t n) __attribute__((malloc));

static void *zmalloc(size_t n)
{
    void *p = calloc(1, n);
    if (p == NULL) {
        abort();
    }
    return p;
}

static void work(void)
{
    char *data = (char *)zmalloc(100);
    strcpy(data, "flow");
    printLine(data);
[[[|||    free(data);
]]]}
''', 'from an allocator of the TU declared __attribute__((malloc))'),
        ('ownership-attr', 'my-alloc', _lang, '''
static void work(void)
{
    char *data = (char *)my_alloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
[[[|||    my_free(data);
]]]}
''', 'from an allocator declared ownership_returns(malloc), released by its ownership_takes partner'),
        ('ownership-holds', 'my-alloc', _lang, '''
static void work(void)
{
    char *data = (char *)my_alloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
[[[    printLine(data);|||    my_hold(data);]]]
}
''', 'from an ownership_returns allocator, handed to an ownership_holds function (good) / not (bad)'),
        ('glib', 'g-malloc', _lang, '''
static void work(void)
{
    gchar *data = (gchar *)g_malloc(100);
    strcpy(data, "flow");
    printLine(data);
[[[|||    g_free(data);
]]]}
''', 'from g_malloc (declared, glib-style), released with g_free'),
        ('glib', 'g-strdup', _lang, '''
static void work(void)
{
    gchar *data = g_strdup("flow");
    printLine(data);
[[[|||    g_free(data);
]]]}
''', 'from g_strdup (declared, glib-style), released with g_free'),
        ('bsd', 'reallocf', _lang, '''
static void work(void)
{
    char *data = (char *)malloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    data = (char *)reallocf(data, 200);
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'p = reallocf(p, n) (frees the block on failure), the result never freed (bad) / freed (good)'),
        ('libc', 'getcwd', _lang, '''
static void work(void)
{
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL) {
        return;
    }
    printLine(cwd);
[[[|||    free(cwd);
]]]}
''', 'getcwd(NULL, 0) allocates the result'),
        ('msvc', 'ms-strdup', _lang, '''
static void work(void)
{
    char *data = _strdup("flow");
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', '_strdup (declared)'),
    ]
ALLOC_SPECIFIC += [
    ('glib', 'g-malloc0', 'c', '''
static void work(void)
{
    gint *data = (gint *)g_malloc0(10 * sizeof(gint));
    printIntLine(data[0]);
[[[|||    g_free(data);
]]]}
''', 'from g_malloc0 (declared, glib-style), released with g_free'),
    ('operator-new', 'operator-new', 'cpp', '''
static void work(void)
{
    void *raw = ::operator new(64);
    memset(raw, 0, 64);
    printIntLine(((int *)raw)[0]);
[[[|||    ::operator delete(raw);
]]]}
''', 'explicit ::operator new(n), released with ::operator delete'),
    ('operator-new', 'operator-new-array', 'cpp', '''
static void work(void)
{
    int *raw = static_cast<int *>(::operator new[](16 * sizeof(int)));
    raw[0] = 5;
    printIntLine(raw[0]);
[[[|||    ::operator delete[](raw);
]]]}
''', 'explicit ::operator new[](n), released with ::operator delete[]'),
    ('libc', 'strndup', 'c', '''
static void work(void)
{
    char *data = strndup("flow suite", 4);
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'strndup'),
    ('libc', 'asprintf', 'cpp', '''
static void work(void)
{
    char *data = NULL;
    if (asprintf(&data, "%d items", 5) < 0) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'asprintf'),
    ('libc', 'getline', 'c', '''
static void work(void)
{
    char *line = NULL;
    size_t cap = 0;
    FILE *f = tmpfile();
    if (f == NULL) {
        return;
    }
    fputs("a line\\n", f);
    rewind(f);
    if (getline(&line, &cap, f) > 0) {
        printLine(line);
    }
[[[|||    free(line);
]]]    fclose(f);
}
''', 'the buffer getline allocates'),
    ('libc', 'posix-memalign', 'cpp', '''
static void work(void)
{
    void *data = NULL;
    if (posix_memalign(&data, 64, 256) != 0) {
        return;
    }
    memset(data, 0, 256);
    printIntLine(((int *)data)[0]);
[[[|||    free(data);
]]]}
''', 'posix_memalign'),
    ('libc', 'aligned-alloc', 'c', '''
static void work(void)
{
    int *data = (int *)aligned_alloc(64, 256);
    if (data == NULL) {
        return;
    }
    data[0] = 5;
    printIntLine(data[0]);
[[[|||    free(data);
]]]}
''', 'aligned_alloc'),
    ('libc', 'tmpfile', 'cpp', '''
static void work(void)
{
    FILE *f = tmpfile();
    if (f == NULL) {
        return;
    }
    fputs("flow", f);
[[[|||    fclose(f);
]]]}
''', 'tmpfile'),
    ('libc', 'fdopen', 'c', '''
static void work(void)
{
    FILE *f;
    int fd = open("flow_suite.txt", O_RDWR | O_CREAT, 0600);
    if (fd == -1) {
        return;
    }
    f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        return;
    }
    fputs("flow", f);
[[[|||    fclose(f);
]]]}
''', 'a descriptor wrapped by fdopen: the FILE owns it'),
    ('libc', 'dup', 'cpp', '''
static void work(void)
{
    int fd = dup(1);
    if (fd == -1) {
        return;
    }
    printIntLine((int)write(fd, "", 0));
[[[|||    close(fd);
]]]}
''', 'a descriptor from dup'),
    ('libc', 'opendir', 'c', '''
static void work(void)
{
    struct dirent *entry;
    DIR *dir = opendir(".");
    if (dir == NULL) {
        return;
    }
    entry = readdir(dir);
    if (entry != NULL) {
        printLine(entry->d_name);
    }
[[[|||    closedir(dir);
]]]}
''', 'a directory stream from opendir'),
    ('libc', 'mkstemp', 'cpp', '''
static void work(void)
{
    char path[] = "/tmp/flowsuiteXXXXXX";
    int fd = mkstemp(path);
    if (fd == -1) {
        return;
    }
    unlink(path);
    printIntLine((int)write(fd, "flow", 4));
[[[|||    close(fd);
]]]}
''', 'a descriptor from mkstemp'),
    ('libc', 'realpath', 'c', '''
static void work(void)
{
    char *path = realpath(".", NULL);
    if (path == NULL) {
        return;
    }
    printLine(path);
[[[|||    free(path);
]]]}
''', 'realpath(p, NULL) allocates the result'),
    ('libc', 'wcsdup', 'cpp', '''
static void work(void)
{
    wchar_t *data = wcsdup(L"flow");
    if (data == NULL) {
        return;
    }
    printIntLine((int)wcslen(data));
[[[|||    free(data);
]]]}
''', 'wcsdup'),
    ('libc', 'open-memstream', 'c', '''
static void work(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *stream = open_memstream(&buf, &len);
    if (stream == NULL) {
        return;
    }
    fputs("flow", stream);
    fclose(stream);
    printLine(buf);
[[[|||    free(buf);
]]]}
''', 'the buffer of open_memstream, the caller\'s after fclose'),
    ('libc', 'new-nothrow', 'cpp', '''
static void work(void)
{
    int *data = new (std::nothrow) int[10];
    if (data == NULL) {
        return;
    }
    data[0] = 5;
    printIntLine(data[0]);
[[[|||    delete[] data;
]]]}
''', 'new (std::nothrow) int[n]'),
    ('libc', 'pipe', 'c', '''
static void work(void)
{
    int fds[2];
    if (pipe(fds) != 0) {
        return;
    }
    printIntLine((int)write(fds[1], "x", 1));
    close(fds[0]);
[[[|||    close(fds[1]);
]]]}
''', 'the two descriptors of pipe(): one end never closed (bad)'),
    ('libc', 'eventfd', 'cpp', '''
static void work(void)
{
    int fd = eventfd(0, 0);
    if (fd == -1) {
        return;
    }
    printIntLine(fd >= 0);
[[[|||    close(fd);
]]]}
''', 'a descriptor from eventfd'),
    ('libc', 'popen', 'c', '''
static void work(void)
{
    char line[64];
    FILE *p = popen("echo flow", "r");
    if (p == NULL) {
        return;
    }
    if (fgets(line, sizeof line, p) != NULL) {
        printLine(line);
    }
[[[|||    pclose(p);
]]]}
''', 'a stream from popen'),
    ('libc', 'mmap', 'cpp', '''
static void work(void)
{
    char *map = (char *)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        return;
    }
    map[0] = 'x';
    printIntLine(map[0]);
[[[|||    munmap(map, 4096);
]]]}
''', 'an anonymous mapping from mmap', False),
]

ALLOC_EXTERNS = {
    'xmalloc': 'void *xmalloc(size_t n) __attribute__((malloc));\n',
    'my-alloc': ('void *my_alloc(size_t n) __attribute__((ownership_returns(malloc)));\n'
                 'void my_free(void *p) __attribute__((ownership_takes(malloc, 1)));\n'
                 'void my_hold(void *p) __attribute__((ownership_holds(malloc, 1)));\n'),
    'glib': ('typedef char gchar;\ntypedef int gint;\ntypedef void *gpointer;\ntypedef size_t gsize;\n'
             'gpointer g_malloc(gsize n_bytes);\ngpointer g_malloc0(gsize n_bytes);\n'
             'void g_free(gpointer mem);\ngchar *g_strdup(const gchar *str);\n'),
    'reallocf': 'void *reallocf(void *ptr, size_t size);\n',
    'ms-strdup': 'char *_strdup(const char *s);\n',
}
ALLOC_HEADERS = {'opendir': ['dirent.h'], 'wcsdup': ['wchar.h'], 'eventfd': ['sys/eventfd.h'],
                 'mmap': ['sys/mman.h'], 'new-nothrow': ['new']}


def gen_alloc():
    for i, (name, what, tpl) in enumerate(ALLOC_GENERIC):
        for kind in rotate(ALL, i, 5):
            add('alloc', name, kind, tpl + FLOW_WORK, '%s %s; not released (bad) / released (good)'
                % (kind, what))
    for v in ALLOC_SPECIFIC:
        variant, kind, lang, tpl, what = v[:5]
        dyn = v[5] if len(v) > 5 else True
        ext = ALLOC_EXTERNS.get('glib' if variant == 'glib' else kind, '')
        body = tpl if 'flow_case' in tpl else tpl + FLOW_WORK
        add('alloc', variant, kind, body, '%s: not released (bad) / released (good)' % what,
            cpp=lang == 'cpp', c=lang == 'c', externs=ext, dyn=dyn,
            headers=ALLOC_HEADERS.get(kind, ()))


# ------------------------------------------------------------- mismatches
# (kind, C-compatible, declaration prefix, acquisition, use, wrong release,
#  right release, the defect is visible when run)
MISM = [
    ('newarr', False, 'int *', 'new int[100]', '{v}[0] = 5;\nprintIntLine({v}[0]);', 'delete {v};', 'delete[] {v};', True),
    ('newarr', False, 'int *', 'new int[100]', '{v}[0] = 5;\nprintIntLine({v}[0]);', 'free({v});', 'delete[] {v};', True),
    ('new', False, 'int *', 'new int(5)', 'printIntLine(*{v});', 'free({v});', 'delete {v};', True),
    ('new', False, 'int *', 'new int(5)', 'printIntLine(*{v});', 'delete[] {v};', 'delete {v};', True),
    ('malloc', False, 'char *', '(char *)malloc(100)', NULLCHK + 'strcpy({v}, "flow");\nprintLine({v});', 'delete {v};', 'free({v});', True),
    ('malloc', False, 'char *', '(char *)malloc(100)', NULLCHK + 'strcpy({v}, "flow");\nprintLine({v});', 'delete[] {v};', 'free({v});', True),
    ('calloc', False, 'int *', '(int *)calloc(100, sizeof(int))', NULLCHK + 'printIntLine({v}[0]);', 'delete[] {v};', 'free({v});', True),
    ('strdup', False, 'char *', 'strdup("flow")', NULLCHK + 'printLine({v});', 'delete[] {v};', 'free({v});', True),
    ('realloc', False, 'char *', '(char *)realloc(NULL, 100)', NULLCHK + 'strcpy({v}, "flow");\nprintLine({v});', 'delete {v};', 'free({v});', True),
    ('operator-new', False, 'void *', '::operator new(64)', 'memset({v}, 0, 64);', 'free({v});', '::operator delete({v});', True),
    ('getcwd', False, 'char *', 'getcwd(NULL, 0)', NULLCHK + 'printLine({v});', 'delete[] {v};', 'free({v});', True),
    ('fopen', True, 'FILE *', 'fopen("flow_suite.txt", "w+")', NULLCHK + 'fputs("flow", {v});', 'close(fileno({v}));', 'fclose({v});', False),
    ('opendir', True, 'DIR *', 'opendir(".")', NULLCHK + 'printIntLine(readdir({v}) != NULL);', 'free({v});', 'closedir({v});', True),
    ('popen', True, 'FILE *', 'popen("echo flow", "r")', NULLCHK + 'printIntLine(fgetc({v}));', 'fclose({v});', 'pclose({v});', False),
    ('tmpfile', True, 'FILE *', 'tmpfile()', NULLCHK + 'fputs("flow", {v});', 'close(fileno({v}));', 'fclose({v});', False),
    ('mmap', True, 'char *', '(char *)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)',
     'if ({v} == MAP_FAILED) {{\n    exit(-1);\n}}\n{v}[0] = \'x\';\nprintIntLine({v}[0]);', 'free({v});', 'munmap({v}, 4096);', False),
]

RELNAME = {'delete {v};': 'delete', 'delete[] {v};': 'delete-array', 'free({v});': 'free',
           'close(fileno({v}));': 'close', 'fclose({v});': 'fclose'}


def gen_mism():
    for kind, c_ok, prefix, acq, use, wrong, right, dyn in MISM:
        k = Kind(kind, prefix, acq, use, '@@RELEASE@@')
        shapes = ['local', 'sink', 'alias'] + ([] if c_ok else ['member'])
        for shape in shapes:
            if shape == 'local':
                tpl = 'static void work(void)\n{\n    $D(data) = $ACQ;\n    @USE(data)\n    @REL(data)\n}\n'
            elif shape == 'sink':
                tpl = ('static void release_it($D(data))\n{\n    @REL(data)\n}\n\nstatic void work(void)\n'
                       '{\n    $D(data) = $ACQ;\n    @USE(data)\n    release_it(data);\n}\n')
            elif shape == 'alias':
                tpl = ('static void work(void)\n{\n    $D(data) = $ACQ;\n    @USE(data)\n    {\n'
                       '        $D(other) = data;\n        @REL(other)\n    }\n}\n')
            else:
                tpl = ('class Holder {\npublic:\n    Holder() : data_($ACQ) {}\n    ~Holder()\n    {\n'
                       '        @REL(data_)\n    }\n    Holder(const Holder &) = delete;\n'
                       '    Holder &operator=(const Holder &) = delete;\n    void show() const\n    {\n'
                       '        @USE(data_)\n    }\n\nprivate:\n    $D(data_);\n};\n\n'
                       'static void work(void)\n{\n    Holder holder;\n    holder.show();\n}\n')
            tpl = render(tpl + FLOW_WORK, k, False)

            def rel(m, fmt):
                return fmt.format(v=m.group(1))
            bad = re.sub(r'@@RELEASE@@\((.*?)\)@@', lambda m: rel(m, wrong), tpl)
            good = re.sub(r'@@RELEASE@@\((.*?)\)@@', lambda m: rel(m, right), tpl)
            add('mism', '%s-%s' % (RELNAME.get(wrong, wrong.split('(')[0]), shape), kind, (bad, good),
                '%s released with %s (bad) / %s (good), %s' % (
                    kind, wrong.format(v='p'), right.format(v='p'),
                    {'local': 'in the same function', 'sink': 'in a callee',
                     'alias': 'through a copy of the pointer', 'member': 'a member, in the destructor'}[shape]),
                cpp=not c_ok, dyn=dyn,
                headers=(['dirent.h'] if kind == 'opendir' else ['sys/mman.h'] if kind == 'mmap' else ()))


# ---------------------------------------------------------- false-alarm traps
# The good file is the trap: correct code that a leak checker may misread
# (escapes it must see, frees through unusual routes, allocator look-alikes).
# The bad twin, where there is a natural one, is the same code missing the
# hand-off or the release.
CLEANUP_FN = {
    'free': ('static inline void freep(void *p)\n{\n    free(*(void **)p);\n}\n'
             '#define _cleanup_free_ __attribute__((cleanup(freep)))\n', '_cleanup_free_'),
    'fopen': ('static inline void fclosep(FILE **f)\n{\n    if (*f != NULL) {\n        fclose(*f);\n    }\n}\n'
              '#define _cleanup_fclose_ __attribute__((cleanup(fclosep)))\n', '_cleanup_fclose_'),
    'fd': ('static inline void closep(int *fd)\n{\n    if (*fd >= 0) {\n        close(*fd);\n    }\n}\n'
           '#define _cleanup_close_ __attribute__((cleanup(closep)))\n', '_cleanup_close_'),
    'strbuf': ('static inline void strbuf_freep(struct strbuf **sb)\n{\n    strbuf_free(*sb);\n}\n'
               '#define _cleanup_(f) __attribute__((cleanup(f)))\n', '_cleanup_(strbuf_freep)'),
}
GLIB_AUTO = ('static inline void g_autoptr_cleanup_generic_gfree(void *p)\n{\n    void **pp = (void **)p;\n'
             '    g_free(*pp);\n}\n#define g_autofree __attribute__((cleanup(g_autoptr_cleanup_generic_gfree)))\n')
TAKE_PTR = '#define TAKE_PTR(p) ({ __typeof__(p) _ptr_ = (p); (p) = NULL; _ptr_; })\n'

TRAP_GENERIC = [
    # name, pool, n, what, template, externs, cpp
    ('voidptr-free', PTR, 4, 'passed as void* to a function that casts it back and releases it', '''
static void finish(void *arg)
{
    $D(data) = ($T)arg;
    @USE(data)
    @REL?(data)
}

static void work(void)
{
    $D(data) = $ACQ;
    finish(data);
}
''', '', False),
    ('struct-copy-global', ALL, 4, 'stored in a local struct that is copied into a global (drained later)', '''
struct holder {
    $D(res);
    int size;
};

static struct holder g_holder = {$NULL, 0};

static void drain(void)
{
    @REL(g_holder.res)
    g_holder.res = $NULL;
}

static void work(void)
{
    struct holder h;
    h.size = 100;
    h.res = $ACQ;
    @USE(h.res)
[[[    {
        struct holder copy = h;
        printIntLine(copy.size);
    }|||    g_holder = h;]]]
}

void flow_case(void)
{
    work();
    drain();
}
''', '', False),
    ('field-address', PTR, 4, 'the address of the field holding it passed to a function that takes it', '''
struct holder {
    $D(res);
    int size;
};

static void work(void)
{
    struct holder h;
    h.size = 1;
    h.res = $ACQ;
    @USE(h.res)
[[[|||    registry_take((void **)&h.res);
]]]    printIntLine(h.size);
}
''', 'void registry_take(void **slot);\n', False),
    ('free-callback', ['malloc', 'strdup', 'newarr', 'fopen'], 4, 'released through a callback stored next to it in a struct', '''
struct resource {
    void *ptr;
    void (*release)(void *);
};

static void release_res(void *p)
{
    $D(data) = ($T)p;
    @REL(data)
}

static void drop(struct resource *r)
{
    r->release(r->ptr);
    r->ptr = NULL;
}

static void work(void)
{
    struct resource r;
    $D(data) = $ACQ;
    @USE(data)
    r.ptr = data;
    r.release = release_res;
[[[    printLine("done");|||    drop(&r);]]]
}
''', '', False),
    ('const-ref-stored', ALL, 4, 'passed by const reference to a function that stores it (drained later)', '''
static std::vector<$T> g_kept;

static void keep($T const &p)
{
    g_kept.push_back(p);
}

static void look($T const &p)
{
    @USE(p)
}

static void drain(void)
{
    for (size_t i = 0; i < g_kept.size(); i++) {
        @REL(g_kept[i])
    }
    g_kept.clear();
}

static void work(void)
{
    $D(data) = $ACQ;
    look(data);
[[[|||    keep(data);
]]]}

void flow_case(void)
{
    work();
    drain();
}
''', '', True),
    ('stmt-expr', ALL, 4, 'acquired inside a GNU statement expression', '''
static void work(void)
{
    $D(data) = ({
        $D(tmp) = $ACQ;
        tmp;
    });
    @USE(data)
    @REL?(data)
}
''', '', False),
    ('extern-const-twice', ALL, 4, 'acquired and released under an extern const tested twice (bad: the second test differs)', '''
static void work(void)
{
    $D(data) = $NULL;
    if (GLOBAL_CONST_LEVEL > 0) {
        data = $ACQ;
        @USE(data)
    }
    printLine("between");
    if (GLOBAL_CONST_LEVEL > [[[1|||0]]]) {
        @REL(data)
    }
}
''', 'extern const int GLOBAL_CONST_LEVEL;\n', False),
    ('linked-list', ALL, 4, 'linked into a global list of heap nodes (drained later)', '''
struct node {
    struct node *next;
    $D(res);
};

static struct node *g_head = NULL;

static void push($D(res))
{
    struct node *n = (struct node *)malloc(sizeof(struct node));
    if (n == NULL) {
        @REL(res)
        return;
    }
    n->res = res;
    n->next = g_head;
    g_head = n;
}

static void drain(void)
{
    while (g_head != NULL) {
        struct node *n = g_head;
        g_head = n->next;
        @REL(n->res)
        free(n);
    }
}

static void work(void)
{
    $D(data) = $ACQ;
    @USE(data)
[[[|||    push(data);
]]]}

void flow_case(void)
{
    work();
    drain();
}
''', '', False),
]


def gen_trap_generic(start):
    i = start
    for name, pool, n, what, tpl, ext, cpp in TRAP_GENERIC:
        body = tpl if 'flow_case' in tpl else tpl + FLOW_WORK
        for kind in rotate(pool, i, n):
            if name == 'free-callback' and kind in FREEK:   # free itself is the callback
                body = re.sub(r'static void release_res.*?\n}\n\n', '', tpl, flags=re.S).replace(
                    'r.release = release_res;', 'r.release = free;') + FLOW_WORK
            elif name == 'free-callback':
                body = tpl + FLOW_WORK
            add('trap', name, kind, body, '%s %s (good); no hand-off and no release (bad)' % (kind, what),
                cpp=cpp, externs=ext, headers=['vector'] if cpp else ())
        i += 1
    # __attribute__((cleanup)) owners, systemd style.
    for kind in ['malloc', 'strdup', 'fopen', 'open', 'socket', 'strbuf']:
        k = KINDS[kind]
        fn = 'free' if kind in FREEK else 'fd' if not k.ptr else kind
        top, attr = CLEANUP_FN[fn]
        tpl = '''
static void work(void)
{
    [[[|||%s ]]]$D(data) = $ACQ;
    @USE(data)
    if (rand_bool()) {
        return;
    }
    printLine("done");
}
''' % attr
        add('trap', 'cleanup-attr', kind, tpl + FLOW_WORK,
            '%s owned by a variable with __attribute__((cleanup)) (%s, good); a plain variable (bad)'
            % (kind, attr), top=top)


TRAP_SPECIFIC = [
    # variant, kind, lang, template, what, extras
    ('setvbuf-fclose', 'malloc', 'c', '''
static void work(void)
{
    FILE *f;
    char *buf = (char *)malloc(BUFSIZ);
    if (buf == NULL) {
        return;
    }
    f = fopen("flow_suite.txt", "w");
    if (f == NULL) {
        free(buf);
        return;
    }
    setvbuf(f, buf, _IOFBF, BUFSIZ);
    fputs("flow", f);
    fclose(f);
[[[|||    free(buf);
]]]}
''', 'a buffer given to setvbuf of a stream that is then closed: fclose does not free it', {}),
    ('setvbuf-fclose', 'malloc', 'cpp', None, None, {}),
    ('setvbuf-stdout', 'malloc', 'c', '''
static void work(void)
{
    char *buf = (char *)malloc(BUFSIZ);
    if (buf == NULL) {
        return;
    }
    /* stdout uses the buffer until the process exits: it must not be freed */
    setvbuf(stdout, buf, _IOFBF, BUFSIZ);
    printLine("buffered");
}
''', 'a buffer handed to setvbuf(stdout, ...), which uses it until exit', {'good_only': True, 'dyn': None}),
    ('setbuf-stdout', 'malloc', 'cpp', '''
static void work(void)
{
    char *buf = (char *)malloc(BUFSIZ);
    if (buf == NULL) {
        return;
    }
    /* stdout uses the buffer until the process exits: it must not be freed */
    setbuf(stdout, buf);
    printLine("buffered");
}
''', 'a buffer handed to setbuf(stdout, ...), which uses it until exit', {'good_only': True, 'dyn': None}),
    ('interior-field', 'malloc', 'c', '''
struct node {
    int header;
    char payload[32];
};

static char *payload_new(void)
{
    struct node *n = (struct node *)malloc(sizeof(struct node));
    if (n == NULL) {
        return NULL;
    }
    n->header = 1;
    return n->payload;
}

static void payload_free(char *payload)
{
    if (payload != NULL) {
        free(payload - offsetof(struct node, payload));
    }
}

static void work(void)
{
    char *p = payload_new();
    if (p == NULL) {
        return;
    }
    strcpy(p, "flow");
    printLine(p);
[[[|||    payload_free(p);
]]]}
''', 'a block returned as a pointer to its field and freed through it (container_of)', {'headers': ['stddef.h']}),
    ('interior-field', 'calloc', 'cpp', None, None, {'headers': ['stddef.h']}),
    ('interior-offset', 'malloc', 'c', '''
#define HEADER_SIZE 16

static char *payload_new(size_t n)
{
    char *buf = (char *)malloc(HEADER_SIZE + n);
    if (buf == NULL) {
        return NULL;
    }
    memset(buf, 0, HEADER_SIZE);
    return buf + HEADER_SIZE;
}

static void payload_free(char *payload)
{
    if (payload != NULL) {
        free(payload - HEADER_SIZE);
    }
}

static void work(void)
{
    char *p = payload_new(64);
    if (p == NULL) {
        return;
    }
    strcpy(p, "flow");
    printLine(p);
[[[|||    payload_free(p);
]]]}
''', 'a block returned as p + k and freed as p - k', {}),
    ('interior-offset', 'malloc', 'cpp', None, None, {}),
    ('interior-stored', 'malloc', 'c', '''
#define HEADER_SIZE 16

struct message {
    char *body;
};

static int message_init(struct message *m)
{
    char *buf = (char *)malloc(HEADER_SIZE + 64);
    if (buf == NULL) {
        return -1;
    }
    buf[0] = 'H';
    m->body = buf + HEADER_SIZE;
    return 0;
}

static void message_destroy(struct message *m)
{
    free(m->body - HEADER_SIZE);
}

static void work(void)
{
    struct message m;
    if (message_init(&m) != 0) {
        return;
    }
    strcpy(m.body, "flow");
    printLine(m.body);
[[[|||    message_destroy(&m);
]]]}
''', 'a block stored as p + k in a field of the caller and freed as field - k', {}),
    ('interior-stored', 'malloc', 'cpp', None, None, {}),
    ('memset-return', 'malloc', 'c', '''
static char *zalloc(size_t n)
{
    char *p = (char *)malloc(n);
    if (p == NULL) {
        return NULL;
    }
    return (char *)memset(p, 0, n);
}

static void work(void)
{
    char *data = zalloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
[[[|||    free(data);
]]]}
''', 'returned by return memset(p, 0, n) from a helper; the caller frees it', {}),
    ('memset-return', 'malloc', 'cpp', None, None, {}),
    ('memcpy-return', 'malloc', 'c', '''
static char *dup_bytes(const char *src, size_t n)
{
    char *p = (char *)malloc(n);
    if (p == NULL) {
        return NULL;
    }
    return (char *)memcpy(p, src, n);
}

static void work(void)
{
    char *data = dup_bytes("flow", 5);
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'returned by return memcpy(p, src, n) from a helper; the caller frees it', {}),
    ('strcpy-return', 'malloc', 'cpp', '''
static char *my_strdup(const char *s)
{
    char *p = (char *)malloc(strlen(s) + 1);
    if (p == NULL) {
        return NULL;
    }
    return strcpy(p, s);
}

static void work(void)
{
    char *data = my_strdup("flow");
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'returned by return strcpy(p, s) from a helper; the caller frees it', {}),
    ('placement-new', 'malloc', 'cpp', '''
struct Widget {
    int v;
    explicit Widget(int x) : v(x) {}
    ~Widget() { printIntLine(v); }
};

static void work(void)
{
    void *mem = malloc(sizeof(Widget));
    if (mem == NULL) {
        return;
    }
    Widget *w = new (mem) Widget(3);
    printIntLine(w->v);
    w->~Widget();
[[[|||    free(mem);
]]]}
''', 'an object built with placement new in a malloc\'d block, destroyed explicitly; the block freed (good)',
     {'headers': ['new']}),
    ('placement-new', 'newarr', 'cpp', '''
struct Widget {
    int v;
    explicit Widget(int x) : v(x) {}
    ~Widget() { printIntLine(v); }
};

static void work(void)
{
    unsigned char *mem = new unsigned char[sizeof(Widget)];
    Widget *w = new (mem) Widget(3);
    printIntLine(w->v);
    w->~Widget();
[[[|||    delete[] mem;
]]]}
''', 'an object built with placement new in a new[]\'d buffer, destroyed explicitly; the buffer deleted (good)',
     {'headers': ['new']}),
    ('placement-new-stack', 'none', 'cpp', '''
struct Widget {
    int v;
    explicit Widget(int x) : v(x) {}
    ~Widget() { printIntLine(v); }
};

static void work(void)
{
    alignas(Widget) unsigned char storage[sizeof(Widget)];
    Widget *w = new (storage) Widget(3);
    printIntLine(w->v);
    w->~Widget();
}
''', 'placement new into a stack buffer, destroyed explicitly: nothing to free', {'good_only': True, 'headers': ['new']}),
    ('realloc-zero', 'malloc', 'c', '''
static void work(void)
{
    char *data = (char *)malloc(100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
[[[|||    /* glibc: realloc(p, 0) frees p and returns NULL */
    data = (char *)realloc(data, 0);
    free(data);
]]]}
''', 'released by realloc(p, 0) (glibc frees the block), the result freed too', {}),
    ('realloc-zero', 'strdup', 'cpp', '''
static void work(void)
{
    char *data = strdup("flow");
    char *rest;
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    /* glibc: realloc(p, 0) frees p and returns NULL */
    rest = (char *)realloc(data, 0);
    free(rest);
]]]}
''', 'released by q = realloc(p, 0) (glibc frees the block), q freed too', {}),
    ('malloc-namespace', 'none', 'cpp', '''
namespace pool {
struct Arena {
    unsigned char buf[256];
    size_t used;
};

static void *malloc(Arena &a, size_t n)
{
    void *p = a.buf + a.used;
    a.used += n;
    return p;
}
}  // namespace pool

static void work(void)
{
    pool::Arena arena;
    arena.used = 0;
    char *data = static_cast<char *>(pool::malloc(arena, 16));
    strcpy(data, "flow");
    printLine(data);
}
''', 'pool::malloc(arena, n): a function named malloc that hands out arena memory', {'good_only': True}),
    ('malloc-namespace', 'none', 'cpp', '''
namespace pool {
struct Arena {
    unsigned char buf[256];
    size_t used;
};

static void *malloc(Arena &a, size_t n)
{
    void *p = a.buf + a.used;
    a.used += n;
    return p;
}

static void work(void)
{
    Arena arena;
    arena.used = 0;
    char *data = static_cast<char *>(malloc(arena, 16));
    strcpy(data, "flow");
    printLine(data);
}
}  // namespace pool

using pool::work;
''', 'malloc(arena, n) called unqualified inside namespace pool', {'good_only': True}),
    ('malloc-member', 'none', 'cpp', '''
class Pool {
public:
    Pool() : used_(0) {}
    void *malloc(size_t n)
    {
        void *p = buf_ + used_;
        used_ += n;
        return p;
    }

private:
    unsigned char buf_[256];
    size_t used_;
};

static void work(void)
{
    Pool pool;
    char *data = static_cast<char *>(pool.malloc(16));
    strcpy(data, "flow");
    printLine(data);
}
''', 'Pool::malloc(n): a member function named malloc that hands out pool memory', {'good_only': True}),
    ('malloc-static', 'none', 'c', '''
struct arena {
    unsigned char buf[256];
    unsigned long used;
};

/* Not the C library's malloc: this TU does not include <stdlib.h>. */
static void *malloc(struct arena *a, unsigned long n)
{
    void *p = a->buf + a->used;
    a->used += n;
    return p;
}

static void work(void)
{
    struct arena a;
    char *data;
    a.used = 0;
    data = (char *)malloc(&a, 16);
    strcpy(data, "flow");
    puts(data);
}
''', 'a static function named malloc with another prototype, in C without <stdlib.h>',
     {'good_only': True, 'no_std': True, 'headers': ['stdio.h', 'string.h']}),
    ('g-autofree', 'g-strdup', 'c', '''
static void work(void)
{
    [[[|||g_autofree ]]]gchar *data = g_strdup("flow");
    printLine(data);
    if (rand_bool()) {
        return;
    }
    printLine("done");
}
''', 'a g_autofree variable (glib-style macro defined here)', {'top': GLIB_AUTO, 'glib': True}),
    ('g-autofree', 'g-malloc', 'cpp', '''
static void work(void)
{
    [[[|||g_autofree ]]]gchar *data = (gchar *)g_malloc(64);
    strcpy(data, "flow");
    printLine(data);
}
''', 'a g_autofree variable (glib-style macro defined here)', {'top': GLIB_AUTO, 'glib': True}),
    ('cleanup-take-ptr', 'malloc', 'c', '''
static char *make(void)
{
    _cleanup_free_ char *p = (char *)malloc(100);
    if (p == NULL) {
        return NULL;
    }
    strcpy(p, "flow");
    return TAKE_PTR(p);
}

static void work(void)
{
    char *data = make();
    if (data == NULL) {
        return;
    }
    printLine(data);
[[[|||    free(data);
]]]}
''', 'returned from a _cleanup_free_ variable with TAKE_PTR (a statement expression); the caller frees it',
     {'top': CLEANUP_FN['free'][0] + TAKE_PTR}),
    ('cleanup-take-ptr', 'malloc', 'cpp', None, None, {'top': CLEANUP_FN['free'][0] + TAKE_PTR}),
    ('realloc-outparam-null', 'realloc', 'c', '''
static void grow(char **pp, size_t n)
{
    *pp = (char *)realloc(*pp, n);
}

static void work(void)
{
    char *data = [[[(char *)malloc(10)|||NULL]]];
    grow(&data, 100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
    free(data);
}
''', '*pp = realloc(*pp, n) in a helper whose every caller passes NULL (good) / a block (bad: lost if realloc fails)',
     {'dyn': False}),
    ('realloc-outparam-null', 'realloc', 'cpp', None, None, {'dyn': False}),
    ('realloc-ref-null', 'realloc', 'cpp', '''
static void grow(char *&p, size_t n)
{
    p = (char *)realloc(p, n);
}

static void work(void)
{
    char *data = [[[(char *)malloc(10)|||NULL]]];
    grow(data, 100);
    if (data == NULL) {
        return;
    }
    strcpy(data, "flow");
    printLine(data);
    free(data);
}
''', 'p = realloc(p, n) through a reference in a helper whose every caller passes NULL (good) / a block (bad)',
     {'dyn': False}),
    ('static-local-cache', 'strdup', 'c', '''
static const char *cached_name(void)
{
    static char *name = NULL;
    if (name == NULL) {
        name = strdup("flow");
    }
    return name;
}

static void work(void)
{
    printLine(cached_name());
    printLine(cached_name());
}
''', 'a lazily allocated static local (a cache that lives to exit)', {'good_only': True}),
    ('unique-ptr-deleter', 'malloc', 'cpp', '''
static void work(void)
{
    char *data = (char *)malloc(100);
    if (data == NULL) {
        return;
    }
[[[|||    std::unique_ptr<char, decltype(&free)> owner(data, free);
]]]    strcpy(data, "flow");
    printLine(data);
}
''', 'adopted by a std::unique_ptr with free as its deleter', {'headers': ['memory']}),
    ('unique-ptr-deleter', 'fopen', 'cpp', '''
static void work(void)
{
    FILE *f = fopen("flow_suite.txt", "w+");
    if (f == NULL) {
        return;
    }
[[[|||    std::unique_ptr<FILE, int (*)(FILE *)> owner(f, fclose);
]]]    fputs("flow", f);
}
''', 'adopted by a std::unique_ptr with fclose as its deleter', {'headers': ['memory']}),
    ('shared-ptr-deleter', 'strdup', 'cpp', '''
static void work(void)
{
    char *data = strdup("flow");
    if (data == NULL) {
        return;
    }
[[[|||    std::shared_ptr<char> owner(data, free);
]]]    printLine(data);
}
''', 'adopted by a std::shared_ptr with free as its deleter', {'headers': ['memory']}),
]

GLIB_EXTERNS = ALLOC_EXTERNS['glib']


def gen_trap():
    gen_trap_generic(0)
    last = None
    for variant, kind, lang, tpl, what, extra in TRAP_SPECIFIC:
        if tpl is None:     # the same case again in the other language
            tpl, what = last
        last = (tpl, what)
        extra = dict(extra)
        ext = GLIB_EXTERNS if extra.pop('glib', False) else ''
        good_only = extra.pop('good_only', False)
        add('trap', variant, kind, tpl + FLOW_WORK,
            ('%s (good-only trap)' % what) if good_only else
            '%s (good); the hand-off or release missing (bad)' % what,
            cpp=lang == 'cpp', c=lang == 'c', good_only=good_only, externs=ext, **extra)


# --------------------------------------------------------------------------

GENERATORS = [gen_cf, gen_cond, gen_df, gen_call, gen_glob, gen_cont, gen_oo, gen_alloc, gen_mism, gen_trap]


def build():
    del CASES[:]
    for g in GENERATORS:
        g()
    for n, c in enumerate(CASES, 1):
        c.name = '%s_%s_%s_%03d' % (c.group, c.variant, c.kind, n)
    return CASES


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        if re.search(r'\.(bad|good)\.(c|cpp)$', f):
            os.remove(os.path.join(outdir, f))
    for c in build():
        for which, body in (('bad', c.bad), ('good', c.good)):
            if body is None:
                continue
            text = assemble(c.name, which, c.lang, body, c.headers, c.externs, c.top, c.flags,
                            c.desc, c.no_std)
            with open(os.path.join(outdir, '%s.%s.%s' % (c.name, which, c.lang)), 'w') as f:
                f.write(text)
    return CASES


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('outdir')
    ap.add_argument('--validate', action='store_true',
                    help='build and run the cases of OUTDIR under valgrind')
    ap.add_argument('--only', default='', help='with --validate: a regex on case names')
    ap.add_argument('--sample', action='store_true',
                    help='with --validate: one case per group and variant (and per group and kind)')
    a = ap.parse_args()
    if a.validate:
        sys.exit(validate(a.outdir, a.only, a.sample))
    cases = write(a.outdir)
    groups = {}
    for c in cases:
        groups[c.group] = groups.get(c.group, 0) + 1
    print('%d cases (%d bad, %d good files) in %s: %s' % (
        len(cases), sum(1 for c in cases if c.bad), len(cases), a.outdir,
        ', '.join('%s %d' % kv for kv in groups.items())))


# --------------------------------------------------------------------------
# Validation: run every case under valgrind against a support library that
# defines what the cases declare (globalTrue = 1, globalFive = 5, the
# GLOBAL_CONST_* as their names say, rand_bool() reading bits of a pattern).
# A bad file must show its defect (a definite or possible leak, a mismatched
# release, a descriptor still open after flow_case) on at least one pattern, a
# good file on none; any other valgrind error is a suite bug.
# --------------------------------------------------------------------------

SUPPORT = r"""#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int globalTrue = 1;
int globalFalse = 0;
int globalFive = 5;
const int GLOBAL_CONST_TRUE = 1;
const int GLOBAL_CONST_FALSE = 0;
const int GLOBAL_CONST_FIVE = 5;
const int GLOBAL_CONST_LEVEL = 1;
static unsigned long pattern;
static unsigned calls;
/* The pattern's bits, then false: a loop on rand_bool() ends. */
int rand_bool(void) { return calls < 32 ? (int)((pattern >> calls++) & 1) : 0; }
int globalReturnsTrue(void) { return 1; }
int globalReturnsFalse(void) { return 0; }
int globalReturnsTrueOrFalse(void) { return rand_bool(); }
void printLine(const char *line) { if (line) puts(line); }
void printIntLine(int value) { printf("%d\n", value); }
/* Owners that live to the end of the process (reachable, not leaked). */
static void *kept[4096];
static int nkept;
void keep_pointer(void *p) { kept[nkept++ % 4096] = p; }
void registry_take(void **slot) { keep_pointer(*slot); *slot = NULL; }
void *xmalloc(size_t n) { void *p = malloc(n); if (!p) abort(); return p; }
void *my_alloc(size_t n) { return malloc(n); }
void my_free(void *p) { free(p); }
void my_hold(void *p) { keep_pointer(p); }
void *g_malloc(size_t n) { return malloc(n); }
void *g_malloc0(size_t n) { return calloc(1, n); }
void g_free(void *p) { free(p); }
char *g_strdup(const char *s) { return s ? strdup(s) : NULL; }
void *reallocf(void *p, size_t n) { void *q = realloc(p, n); if (!q && n) free(p); return q; }
char *_strdup(const char *s) { return strdup(s); }
void flow_support_init(const char *pat) { pattern = strtoul(pat, NULL, 0); }
size_t flow_support_heap(void)
{
    struct mallinfo2 m = mallinfo2();   /* zero under valgrind */
    return m.uordblks + m.hblkhd;
}
int flow_support_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}
"""

MAIN = r"""#include <stdio.h>
#ifdef __cplusplus
extern "C" {
#endif
#include <stddef.h>
void flow_support_init(const char *pat);
int flow_support_fds(void);
size_t flow_support_heap(void);
#ifdef __cplusplus
}
#endif
void flow_case(void);
int main(int argc, char **argv)
{
    int before, after;
    size_t heap_before, heap_after;
    flow_support_init(argc > 1 ? argv[1] : "0");
    fputs("flow suite\n", stdout);     /* stdout's buffer is not the case's */
    fflush(stdout);
    before = flow_support_fds();
    heap_before = flow_support_heap();
#ifdef __cplusplus
    try {
        flow_case();
    } catch (...) {
        fprintf(stderr, "FLOW-EXCEPTION\n");
    }
#else
    flow_case();
#endif
    heap_after = flow_support_heap();
    after = flow_support_fds();
    if (heap_after > heap_before) {
        fprintf(stderr, "FLOW-HEAP-LEAK %zu\n", heap_after - heap_before);
        return 97;
    }
    if (after > before) {
        fprintf(stderr, "FLOW-FD-LEAK %d\n", after - before);
        return 98;
    }
    return 0;
}
"""

PATTERNS = ['0', '0xffffffff', '0x55555555', '0xaaaaaaaa']
DEFECT = re.compile(r'definitely lost|possibly lost|Mismatched free|FLOW-FD-LEAK|FLOW-HEAP-LEAK')
# Run under valgrind (slow): mismatches, and good files that leave memory with a
# long-lived owner (reachable, not leaked). Everything else runs natively: the
# heap in use (mallinfo2) and the open descriptors before and after flow_case().
VALGRIND_VARIANTS = {'field-address', 'static-local-cache', 'ownership-holds'}
OTHER = re.compile(r'Invalid (read|write|free)|uninitialised|Conditional jump|'
                   r'Source and destination overlap|FLOW-EXCEPTION')


def run_case_file(path, work, objs, grind):
    """'defect', 'clean', 'skipped' or 'error: ...'."""
    cpp = path.endswith('.cpp')
    exe = os.path.join(work, 'case')
    cc = ['clang++-19' if cpp else 'clang-19', '-gdwarf-4', '-O0', '-w', '-o', exe, path,
          objs['main_cpp' if cpp else 'main_c'], objs['support']]
    with open(path) as f:
        src = f.read()
    first = src.split('\n', 1)[0]
    cc += first[len('// FLAGS:'):].split() if first.startswith('// FLAGS:') else (
        ['-std=c++17'] if cpp else ['-std=c11'])
    out = subprocess.run(cc, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if out.returncode:
        return 'error: build: ' + out.stdout.strip().split('\n')[0][:200]
    pats = PATTERNS if re.search(r'\brand_bool\s*\(', src) else PATTERNS[:1]
    defect = False
    for pat in pats:
        vg = ['valgrind', '-q', '--leak-check=full', '--show-leak-kinds=definite,possible',
              '--errors-for-leak-kinds=definite,possible', '--error-exitcode=99'] if grind else []
        env = dict(os.environ, GLIBC_TUNABLES='glibc.malloc.tcache_count=0')  # exact in-use bytes
        try:
            r = subprocess.run(vg + [exe, pat], cwd=work, stdout=subprocess.DEVNULL, env=env,
                               stderr=subprocess.PIPE, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            return 'error: run %s: timeout' % pat
        if r.returncode not in (0, 97, 98, 99):
            return 'error: run %s: exit %d %s' % (pat, r.returncode, r.stderr.strip()[-200:])
        if OTHER.search(r.stderr):
            return 'error: run %s: %s' % (pat, OTHER.search(r.stderr).group(0))
        if DEFECT.search(r.stderr) or r.returncode in (97, 98, 99):
            defect = True
            if '.bad.' in path:
                break
    return 'defect' if defect else 'clean'


def validate(outdir, only, sample=False):
    cases = {c.name: c for c in build()}
    work = tempfile.mkdtemp(prefix='flowsuite-')
    objs = {}
    for name, lang, text in (('support', 'c', SUPPORT), ('main_c', 'c', MAIN), ('main_cpp', 'cpp', MAIN)):
        src = os.path.join(work, name + '.' + lang)
        with open(src, 'w') as f:
            f.write(text)
        objs[name] = os.path.join(work, name + '.o')
        subprocess.run(['clang++-19' if lang == 'cpp' else 'clang-19', '-gdwarf-4', '-c', '-w', '-o',
                        objs[name], src], check=True)
    files = sorted(f for f in os.listdir(outdir) if re.search(r'\.(bad|good)\.(c|cpp)$', f)
                   and re.search(only, f))
    if sample:      # one case per (group, variant), then per (group, kind) not yet seen
        keep, seen = set(), set()
        for c in cases.values():
            for key in ((c.group, 'v', c.variant), (c.group, 'k', c.kind)):
                if key not in seen:
                    seen.add(key)
                    keep.add(c.name)
        files = [f for f in files if re.sub(r'\.(bad|good)\.\w+$', '', f) in keep]
    problems = skipped = 0
    for f in files:
        case = cases.get(re.sub(r'\.(bad|good)\.\w+$', '', f))
        if case is None:
            continue
        if case.dyn is None or (not case.dyn and '.bad.' in f):
            skipped += 1
            print('static only:', f, flush=True)
            continue
        res = run_case_file(os.path.join(outdir, f), work, objs,
                            case.group == 'mism' or case.variant in VALGRIND_VARIANTS)
        want = 'defect' if '.bad.' in f else 'clean'
        if res != want:
            problems += 1
            print('PROBLEM:', f, res, flush=True)
    print('validated %d files: %d problems, %d bad files left to review by hand'
          % (len(files), problems, skipped))
    return 1 if problems else 0


if __name__ == '__main__':
    main()
