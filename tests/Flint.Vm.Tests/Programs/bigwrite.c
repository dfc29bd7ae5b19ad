// Writes 16 MiB to stdout in one write(2), then exits 0.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(void) {
    size_t n = 16 << 20;
    char *b = malloc(n);
    memset(b, 'A', n);
    return write(1, b, n) == (ssize_t)n ? 0 : 1;
}
