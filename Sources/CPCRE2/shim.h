#ifndef PARE_CPCRE2_SHIM_H
#define PARE_CPCRE2_SHIM_H

// Pare works on UTF-8 bytes: the 8-bit library. The unsuffixed pcre2_* names are
// token-pasting macros that Swift cannot import; Swift calls the *_8 functions.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_UNSET is a cast expression, which Swift does not import as a constant.
static inline PCRE2_SIZE pare_pcre2_unset(void) { return PCRE2_UNSET; }

#endif
