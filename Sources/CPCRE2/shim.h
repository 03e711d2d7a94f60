#ifndef PARE_CPCRE2_SHIM_H
#define PARE_CPCRE2_SHIM_H

// Pare works on UTF-8 bytes: the 8-bit library. The unsuffixed pcre2_* names are
// token-pasting macros that Swift cannot import; Swift calls the *_8 functions.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_UNSET is a cast expression, which Swift does not import as a constant.
static inline PCRE2_SIZE pare_pcre2_unset(void) { return PCRE2_UNSET; }

// Acquire load and release store of one byte: a pattern's JIT state (LazyJIT).
// Swift's Synchronization module has atomics, but on Apple platforms only from
// macOS 15 / iOS 18, which this package does not require; these compiler builtins
// work wherever clang does, and inline into the Swift caller.
#include <stdint.h>
static inline uint8_t pare_load_acquire(const uint8_t *address) {
    return __atomic_load_n(address, __ATOMIC_ACQUIRE);
}
static inline void pare_store_release(uint8_t *address, uint8_t value) {
    __atomic_store_n(address, value, __ATOMIC_RELEASE);
}

#endif
