// Many allocations of many sizes (brk and mmap paths of malloc), checked after writing.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    enum { N = 4000 };
    static unsigned char* blocks[N];
    unsigned long sum = 0;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            size_t size = (size_t)(i % 97) * 33 + (i % 500 == 0 ? 300000 : 1);
            blocks[i] = malloc(size);
            if (!blocks[i]) { printf("malloc failed\n"); return 1; }
            memset(blocks[i], i & 0xff, size);
            sum += blocks[i][size - 1];
        }
        for (int i = 0; i < N; i += 2) free(blocks[i]);
        for (int i = 1; i < N; i += 2) free(blocks[i]);
    }
    printf("malloc ok sum=%lu\n", sum);
    return 0;
}
