// libFuzzer's driver, from compiler-rt's libclang_rt.fuzzer_no_main (linked only when
// scripts/fuzz builds with PARE_FUZZING): runs the fuzzing loop with the process's
// arguments (-max_total_time=, -runs=, corpus folders...) over `callback`.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));
