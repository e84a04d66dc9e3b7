// Throwaway experiment (session 8): Vectorscan block-mode throughput for a
// set of literals over a text, in 64 KB chunks, with HS_FLAG_SINGLEMATCH.
//   cc -O2 scan_literals.c -o scan_literals -lhs
//   ./scan_literals patterns.bin text.bin
// patterns.bin: each literal as a little-endian uint32 length and its bytes.
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char* readAll(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) { perror(path); exit(1); }
  fseek(f, 0, SEEK_END);
  *size = (size_t)ftell(f);
  rewind(f);
  char* bytes = malloc(*size);
  if (fread(bytes, 1, *size, f) != *size) { perror(path); exit(1); }
  fclose(f);
  return bytes;
}

static unsigned long long matches;
static int onMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                   void* context) {
  (void)id, (void)from, (void)to, (void)flags, (void)context;
  ++matches;
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s patterns.bin text.bin\n", argv[0]); return 2; }
  size_t pattern_bytes, text_size;
  char* patterns = readAll(argv[1], &pattern_bytes);
  char* text = readAll(argv[2], &text_size);
  enum { kMax = 65536 };
  static const char* literals[kMax];
  static size_t lengths[kMax];
  static unsigned flags[kMax], ids[kMax];
  unsigned count = 0;
  for (size_t at = 0; at + 4 <= pattern_bytes && count < kMax; ++count) {
    unsigned length;
    memcpy(&length, patterns + at, 4);
    literals[count] = patterns + at + 4;
    lengths[count] = length;
    flags[count] = HS_FLAG_SINGLEMATCH;
    ids[count] = count;
    at += 4 + length;
  }
  hs_database_t* db;
  hs_compile_error_t* error;
  if (hs_compile_lit_multi(literals, flags, ids, lengths, count, HS_MODE_BLOCK, NULL, &db,
                           &error) != HS_SUCCESS) {
    fprintf(stderr, "compile: %s\n", error->message);
    return 1;
  }
  hs_scratch_t* scratch = NULL;
  hs_alloc_scratch(db, &scratch);
  struct timespec start, now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
  int passes = 0;
  double seconds;
  do {
    matches = 0;
    for (size_t at = 0; at < text_size; at += 65536) {
      size_t n = text_size - at < 65536 ? text_size - at : 65536;
      hs_scan(db, text + at, (unsigned)n, 0, scratch, onMatch, NULL);
    }
    ++passes;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    seconds = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
  } while (seconds < 1.5);
  printf("%u literals: %.0f MB/s, %llu chunk-matches a pass\n", count,
         (double)text_size * passes / seconds / 1e6, matches);
  return 0;
}
