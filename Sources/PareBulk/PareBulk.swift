// PareBulk: cleaning whole corpora with Pare.
//
// Folders:
// - Compression/: gzip and zstd streams over file descriptors (system zlib, libzstd),
//   atomic output files.
// - Formats/: documents in and out of text (one or NUL-separated), JSONL and WARC/WET.
// - Runner/: the bulk run: batches, parallel workers, ordered output, progress, stats.
