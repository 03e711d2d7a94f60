/* The floor for the side-by-side benchmark: the least a line-rule cleaner must do.
 *
 * Reads FILE into memory, splits it into lines with memchr and runs ONE anchored,
 * caseless, UTF PCRE2 pattern, JIT-compiled, on every line, counting matches.
 * The flags are pare's own (UTF, UCP, MATCH_INVALID_UTF) plus CASELESS.
 * Prints one line of JSON: bytes, lines, matches, seconds of the match loop (after
 * the read) and seconds in all (read + compile + loop).
 *
 *   cc -O2 -o floor floor.c -lpcre2-8
 *   ./floor corpus.txt ['PATTERN']
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FILE ['PATTERN']\n", argv[0]);
        return 2;
    }
    const char *pattern = argc == 3 ? argv[2] : "^\\s*(?:Advertisement|Read more|Share)\\s*$";
    double t0 = now();

    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    size_t cap = 1 << 20, len = 0, n;
    char *buf = malloc(cap);
    if (!buf) { perror("malloc"); return 1; }
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            if (!(buf = realloc(buf, cap))) { perror("realloc"); return 1; }
        }
    }
    if (ferror(f)) { perror(argv[1]); return 1; }
    fclose(f);

    int err;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err, &erroff, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "floor: pattern error at %zu: %s\n", (size_t)erroff, msg);
        return 2;
    }
    if ((err = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE)) != 0) {
        fprintf(stderr, "floor: JIT compile failed (%d)\n", err);
        return 1;
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);

    double t1 = now();
    size_t lines = 0, matches = 0;
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        int rc = pcre2_jit_match(re, (PCRE2_SPTR)p, (PCRE2_SIZE)(eol - p), 0, 0, md, NULL);
        if (rc > 0) matches++;
        else if (rc != PCRE2_ERROR_NOMATCH) {
            fprintf(stderr, "floor: match error %d on line %zu\n", rc, lines + 1);
            return 1;
        }
        lines++;
        p = nl ? nl + 1 : end;
    }
    double t2 = now();

    printf("{\"bytes\": %zu, \"lines\": %zu, \"matches\": %zu, \"loop_seconds\": %.6f, \"seconds\": %.6f}\n",
           len, lines, matches, t2 - t1, t2 - t0);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    free(buf);
    return 0;
}
