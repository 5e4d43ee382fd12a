#!/usr/bin/env python3
"""Generates the leak accuracy corpus: small programs in pairs, one that
leaks (bad) and one that does not (good), over resource kinds x control-flow
variants x data-flow variants (in the style of the standard leak suites, but
written for leaklint). Usage: gen_corpus.py OUTDIR
Each file is named <case>.bad.<ext> or <case>.good.<ext>."""
import os
import sys

# strdup and open are POSIX: declared in ISO C mode only when asked for.
PRELUDE = r'''#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <wchar.h>
extern int globalTrue;
extern int globalFalse;
extern int globalFive;
extern const int GLOBAL_CONST_TRUE;
extern const int GLOBAL_CONST_FIVE;
int globalReturnsTrue(void);
int globalReturnsFalse(void);
int globalReturnsTrueOrFalse(void);
void printLine(const char *line);
void printIntLine(int value);
static const int STATIC_CONST_TRUE = 1;
static const int STATIC_CONST_FALSE = 0;
static const int STATIC_CONST_FIVE = 5;
static int staticTrue = 1;
static int staticFalse = 0;
static int staticFive = 5;
static int staticReturnsTrue(void) { return 1; }
static int staticReturnsFalse(void) { return 0; }
'''

# Resource kinds: type, acquire, use, release, C-compatible
KINDS = {
    'malloc': ('char *', '(char *)malloc(100 * sizeof(char))',
               'if (data == NULL) {{exit(-1);}}\n    data[0] = \'A\';\n    printLine(data);',
               'free(data);', True),
    'calloc': ('int *', '(int *)calloc(100, sizeof(int))',
               'if (data == NULL) {{exit(-1);}}\n    data[0] = 5;\n    printIntLine(data[0]);',
               'free(data);', True),
    'strdup': ('char *', 'strdup("BadSinkBody")',
               'if (data == NULL) {{exit(-1);}}\n    printLine(data);',
               'free(data);', True),
    'realloc': ('char *', '(char *)realloc(NULL, 100 * sizeof(char))',
                'if (data == NULL) {{exit(-1);}}\n    strcpy(data, "A String");\n    printLine(data);',
                'free(data);', True),
    'new': ('int *', 'new int(5)', 'printIntLine(*data);', 'delete data;', False),
    'newarray': ('int *', 'new int[100]', 'data[0] = 5;\n    printIntLine(data[0]);',
                 'delete [] data;', False),
    'fopen': ('FILE *', 'fopen("BadSource_fopen.txt", "w+")',
              'if (data != NULL) {{ fputs("x", data); }}',
              'if (data != NULL) {{ fclose(data); }}', True),
    'open': ('int ', 'open("BadSource_open.txt", O_RDWR|O_CREAT, 0600)',
             'if (data != -1) {{ write(data, "x", 1); }}',
             'if (data != -1) {{ close(data); }}', True),
}
NULLV = {'open': '-1'}

# Control-flow variants: (prefix, suffix) around the whole source+sink, or a
# condition used twice (source block and sink block).
FLOWS = {
    'f01_plain': ('', ''),
    'f02_if1': ('if (1) {', '}'),
    'f03_5eq5': ('if (5 == 5) {', '}'),
    'f04_staticconst': ('if (STATIC_CONST_TRUE) {', '}'),
    'f05_statictrue': ('if (staticTrue) {', '}'),
    'f06_staticconstfive': ('if (STATIC_CONST_FIVE == 5) {', '}'),
    'f07_staticfive': ('if (staticFive == 5) {', '}'),
    'f08_staticreturns': ('if (staticReturnsTrue()) {', '}'),
    'f09_globalconst': ('if (GLOBAL_CONST_TRUE) {', '}'),
    'f10_globaltrue': ('if (globalTrue) {', '}'),
    'f11_globalreturns': ('if (globalReturnsTrue()) {', '}'),
    'f13_globalconstfive': ('if (GLOBAL_CONST_FIVE == 5) {', '}'),
    'f14_globalfive': ('if (globalFive == 5) {', '}'),
    'f15_switch': ('switch (6) { case 6:', 'break; default: printLine("Benign"); break; }'),
    'f16_while1': ('while (1) {', 'break; }'),
    'f17_for1': ('int i; for (i = 0; i < 1; i++) {', '}'),
    'f18_goto': ('goto sink; sink:', ''),
    'f19_elsefalse': ('if (staticReturnsFalse()) { printLine("Benign"); } else {', '}'),
    'f20_notfalse': ('if (!globalFalse) {', '}'),
}
# Conditions tested twice: source under one test, sink under another.
TWICE = {
    't02_if1': '1',
    't04_staticconst': 'STATIC_CONST_TRUE',
    't05_statictrue': 'staticTrue',
    't07_staticfive': 'staticFive == 5',
    't08_staticreturns': 'staticReturnsTrue()',
    't09_globalconst': 'GLOBAL_CONST_TRUE',
    't10_globaltrue': 'globalTrue',
    't13_globalconstfive': 'GLOBAL_CONST_FIVE == 5',
    't14_globalfive': 'globalFive == 5',
    't12_trueorfalse': None,
}


def body(kind, flow, bad):
    T, acq, use, rel, _ = KINDS[kind]
    use = use.format()
    rel = rel.format()
    nul = NULLV.get(kind, 'NULL')
    pre, post = FLOWS[flow]
    return '''void test(void)
{
    %s data;
    data = %s;
    %s
    data = %s;
    %s
    %s
    %s
}
''' % (T, nul, pre, acq, use, '/* no release */' if bad else rel, post)


def twice(kind, name, bad):
    T, acq, use, rel, _ = KINDS[kind]
    use = use.format()
    rel = rel.format()
    nul = NULLV.get(kind, 'NULL')
    cond = TWICE[name]
    if cond is None:  # one branch leaks in bad, both release in good
        return '''void test(void)
{
    %s data;
    data = %s;
    if (globalReturnsTrueOrFalse()) {
        data = %s;
        %s
        %s
    } else {
        data = %s;
        %s
        %s
    }
}
''' % (T, nul, acq, use, rel, acq, use, '/* no release */' if bad else rel)
    return '''void test(void)
{
    %s data;
    data = %s;
    if (%s) {
        data = %s;
        %s
    }
    if (%s) {
        %s
    }
}
''' % (T, nul, cond, acq, use, cond, '/* no release */' if bad else rel)


# Data-flow variants.
def dataflow(kind, var, bad):
    T, acq, use, rel, cok = KINDS[kind]
    use = use.format()
    rel = rel.format()
    nul = NULLV.get(kind, 'NULL')
    R = '/* no release */' if bad else rel
    if var == 'd31_copy':
        return '''void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    {
        %(T)s dataCopy = data;
        %(T)s data = dataCopy;
        %(R)s
    }
}
''' % locals()
    if var == 'd32_ptrptr':
        return '''void test(void)
{
    %(T)s data;
    %(T)s *dataPtr1 = &data;
    %(T)s *dataPtr2 = &data;
    data = %(nul)s;
    {
        %(T)s data = *dataPtr1;
        data = %(acq)s;
        %(use)s
        *dataPtr1 = data;
    }
    {
        %(T)s data = *dataPtr2;
        %(R)s
    }
}
''' % locals()
    if var == 'd33_ref':
        return '''void test()
{
    %(T)s data;
    %(T)s &dataRef = data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    {
        %(T)s data = dataRef;
        %(R)s
    }
}
''' % locals()
    if var == 'd34_union':
        return '''typedef union { %(T)s unionFirst; %(T)s unionSecond; } unionType;
void test(void)
{
    %(T)s data;
    unionType myUnion;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    myUnion.unionFirst = data;
    {
        %(T)s data = myUnion.unionSecond;
        %(R)s
    }
}
''' % locals()
    if var == 'd41_sink':
        return '''static void sink(%(T)s data)
{
    %(R)s
}
void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    sink(data);
}
''' % locals()
    if var == 'd42_source':
        return '''static %(T)s source(%(T)s data)
{
    data = %(acq)s;
    %(use)s
    return data;
}
void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = source(data);
    %(R)s
}
''' % locals()
    if var == 'd44_funcptr':
        return '''static void sink(%(T)s data)
{
    %(R)s
}
void test(void)
{
    %(T)s data;
    void (*funcPtr) (%(T)s) = sink;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    funcPtr(data);
}
''' % locals()
    if var == 'd45_static':
        return '''static %(T)s g_data;
static void sink(void)
{
    %(T)s data = g_data;
    %(R)s
}
void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    g_data = data;
    sink();
}
''' % locals()
    if var == 'd52_chain':
        return '''static void sinkC(%(T)s data)
{
    %(R)s
}
static void sinkB(%(T)s data)
{
    sinkC(data);
}
void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    sinkB(data);
}
''' % locals()
    if var == 'd63_ptrsink':
        return '''static void sink(%(T)s *dataPtr)
{
    %(T)s data = *dataPtr;
    %(R)s
}
void test(void)
{
    %(T)s data;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    sink(&data);
}
''' % locals()
    if var == 'd66_array':
        return '''static void sink(%(T)s dataArray[])
{
    %(T)s data = dataArray[2];
    %(R)s
}
void test(void)
{
    %(T)s data;
    %(T)s dataArray[5];
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    dataArray[2] = data;
    sink(dataArray);
}
''' % locals()
    if var == 'd67_struct':
        return '''typedef struct { %(T)s structFirst; } structType;
static void sink(structType myStruct)
{
    %(T)s data = myStruct.structFirst;
    %(R)s
}
void test(void)
{
    %(T)s data;
    structType myStruct;
    data = %(nul)s;
    data = %(acq)s;
    %(use)s
    myStruct.structFirst = data;
    sink(myStruct);
}
''' % locals()
    if var == 'd68_localarray':
        return '''void test(void)
{
    %(T)s arr[2];
    arr[0] = %(nul)s;
    arr[1] = %(acq)s;
    {
        %(T)s data = arr[1];
        %(use)s
        %(R)s
    }
}
''' % locals()
    raise KeyError(var)


DATAFLOWS = ['d31_copy', 'd32_ptrptr', 'd33_ref', 'd34_union', 'd41_sink',
             'd42_source', 'd44_funcptr', 'd45_static', 'd52_chain',
             'd63_ptrsink', 'd66_array', 'd67_struct', 'd68_localarray']


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for kind, (_, _, _, _, cok) in KINDS.items():
        cases = []
        for f in FLOWS:
            cases.append((f, lambda bad, k=kind, f=f: body(k, f, bad)))
        for t in TWICE:
            cases.append((t, lambda bad, k=kind, t=t: twice(k, t, bad)))
        for d in DATAFLOWS:
            cases.append((d, lambda bad, k=kind, d=d: dataflow(k, d, bad)))
        for name, gen in cases:
            cpp_only = not cok or name == 'd33_ref'
            ext = 'cpp' if cpp_only or n % 2 else 'c'
            for bad in (True, False):
                path = os.path.join(out, '%s_%s.%s.%s' % (kind, name, 'bad' if bad else 'good', ext))
                with open(path, 'w') as f:
                    f.write(PRELUDE + '\n' + gen(bad))
            n += 1
    print('%d pairs written to %s' % (n, out))


if __name__ == '__main__':
    main()
