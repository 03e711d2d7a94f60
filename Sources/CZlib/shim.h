// zlib from the system (Debian: zlib1g-dev), for gzip input and output.
#include <zlib.h>
