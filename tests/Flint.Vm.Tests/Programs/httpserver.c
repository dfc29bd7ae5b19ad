// A blocking HTTP/1.0-style server: socket, bind to $PORT on every address, listen, then answer argv[1] requests
// (0: forever) with a fixed body that names the address the guest sees for itself and for its peer.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int limit = argc > 1 ? atoi(argv[1]) : 0;
    const char *port = getenv("PORT");
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0) { perror("socket"); return 1; }
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port ? atoi(port) : 8080), .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) { perror("bind"); return 2; }
    if (listen(fd, 16) != 0) { perror("listen"); return 3; }
    for (int served = 0; limit == 0 || served < limit; served++) {
        struct sockaddr_in peer; socklen_t peerlen = sizeof peer;
        int c = accept4(fd, (struct sockaddr *)&peer, &peerlen, SOCK_CLOEXEC);
        if (c < 0) { perror("accept"); return 4; }
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        char request[4096]; size_t got = 0;
        while (got < sizeof request - 1) {
            ssize_t n = read(c, request + got, sizeof request - 1 - got);
            if (n <= 0) break;
            got += n; request[got] = 0;
            if (strstr(request, "\r\n\r\n")) break;
        }
        struct sockaddr_in self; socklen_t selflen = sizeof self;
        getsockname(c, (struct sockaddr *)&self, &selflen);
        char body[256], response[512];
        int bodylen = snprintf(body, sizeof body, "hello from the vm: self %s:%d peer-family %d peerlen %d\n",
                               inet_ntoa(self.sin_addr), ntohs(self.sin_port), peer.sin_family, (int)peerlen);
        int len = snprintf(response, sizeof response, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", bodylen, body);
        for (int off = 0; off < len;) { ssize_t n = write(c, response + off, len - off); if (n <= 0) break; off += n; }
        shutdown(c, SHUT_WR);
        close(c);
    }
    close(fd);
    printf("served %d\n", limit);
    return 0;
}
