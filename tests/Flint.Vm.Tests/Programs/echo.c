// Prints argv, the environment and the auxiliary vector entries the monitor promises.
#include <stdio.h>
#include <sys/auxv.h>
#include <string.h>
extern char** environ;
int main(int argc, char** argv) {
    for (int i = 1; i < argc; i++) printf("arg %d=%s\n", i, argv[i]);
    for (char** e = environ; *e; e++) if (strncmp(*e, "FLINT_", 6) == 0) printf("env %s\n", *e);
    printf("pagesz=%lu\n", getauxval(AT_PAGESZ));
    printf("phent=%lu\n", getauxval(AT_PHENT));
    printf("base=%lu\n", getauxval(AT_BASE));
    printf("secure=%lu\n", getauxval(AT_SECURE));
    printf("random=%s\n", getauxval(AT_RANDOM) ? "set" : "missing");
    printf("execfn_absolute=%d\n", ((const char*)getauxval(AT_EXECFN))[0] == '/');
    return 0;
}
