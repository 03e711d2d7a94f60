// libzstd from the system (Debian: libzstd-dev), for zstd input and output.
#include <zstd.h>
#include <zstd_errors.h>
